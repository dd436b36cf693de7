package io.influxdb3j.server;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import io.influxdb3j.catalog.Catalog;
import io.influxdb3j.common.TimeProvider;
import io.influxdb3j.query.DuckDbQueryExecutor;
import io.influxdb3j.storage.Storage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The route table of InfluxDB 3 Core's HTTP API (spec §1). */
final class Routes {
    private Routes() {
    }

    static HttpApi build(Authenticator auth, ServeConfig config, Catalog catalog, Storage storage,
                         DuckDbQueryExecutor executor, ServerMetrics metrics, TimeProvider time, TriggerManager triggers,
                         io.influxdb3j.engine.PluginRepository pluginRepository) {
        TriggerHandlers triggerHandlers = new TriggerHandlers(catalog, triggers, config.restrictPluginTriggersTo());
        PluginFileHandlers pluginFiles = new PluginFileHandlers(config.pluginDir(), catalog);
        executor.registerSystemTable(pluginFiles.systemTable());
        WriteHandlers writes = new WriteHandlers(storage, metrics);
        QueryHandlers queries = new QueryHandlers(executor, metrics);
        ConfigureHandlers configure = new ConfigureHandlers(catalog, storage, time, config.hardDeleteDefaultDuration(),
                config.withoutAuth());
        PluginTestHandlers pluginTests = new PluginTestHandlers(config.pluginDir(), pluginRepository,
                config.pluginTimeLimit(), catalog, executor, time);
        PackageHandlers packages = new PackageHandlers(config);
        String processId = UUID.randomUUID().toString();
        HttpApi api = new HttpApi(auth, config.maxHttpRequestSize(), metrics, catalog.snapshot().catalogUuid());
        api.writeRoute("/api/v3/write_lp", ApiFamily.JSON_ERROR, writes::v3)
                .writeRoute("/api/v2/write", ApiFamily.V2, writes::v2)
                .writeRoute("/write", ApiFamily.JSON_ERROR, writes::v1)
                .route("GET", "/api/v3/query_sql", ApiFamily.JSON_ERROR, queries::sql)
                .route("POST", "/api/v3/query_sql", ApiFamily.JSON_ERROR, queries::sql)
                .route("GET", "/api/v3/query_influxql", ApiFamily.JSON_ERROR, queries::influxql)
                .route("POST", "/api/v3/query_influxql", ApiFamily.JSON_ERROR, queries::influxql)
                .route("GET", "/health", ApiFamily.PLAIN, r -> health())
                .route("GET", "/api/v1/health", ApiFamily.PLAIN, r -> health())
                .route("GET", "/ping", ApiFamily.PLAIN, r -> ping(processId))
                .route("POST", "/ping", ApiFamily.PLAIN, r -> ping(processId))
                .route("GET", "/metrics", ApiFamily.PLAIN, r -> HttpResponse.of(HttpStatus.OK,
                        MediaType.parse("text/plain; version=0.0.4; charset=utf-8"), metrics.render()))
                .route("GET", "/api/v3/configure/database", ApiFamily.PLAIN, configure::listDatabases)
                .route("POST", "/api/v3/configure/database", ApiFamily.PLAIN, configure::createDatabase)
                .route("PUT", "/api/v3/configure/database", ApiFamily.PLAIN, configure::updateDatabase)
                .route("DELETE", "/api/v3/configure/database", ApiFamily.PLAIN, configure::deleteDatabase)
                .route("POST", "/api/v3/configure/database/retention_period", ApiFamily.PLAIN, configure::setRetention)
                .route("DELETE", "/api/v3/configure/database/retention_period", ApiFamily.PLAIN, configure::clearRetention)
                .route("POST", "/api/v3/configure/table", ApiFamily.PLAIN, configure::createTable)
                .route("DELETE", "/api/v3/configure/table", ApiFamily.PLAIN, configure::deleteTable)
                .route("POST", HttpApi.ADMIN_TOKEN_PATH, ApiFamily.PLAIN, configure::createAdminToken)
                .route("POST", "/api/v3/configure/token/admin/regenerate", ApiFamily.PLAIN, configure::regenerateAdminToken)
                .route("POST", "/api/v3/configure/token/named_admin", ApiFamily.PLAIN, configure::createNamedAdminToken)
                .route("DELETE", "/api/v3/configure/token", ApiFamily.PLAIN, configure::deleteToken)
                .route("POST", "/api/v3/plugin_test/wal", ApiFamily.JSON_ERROR, pluginTests::wal)
                .route("POST", "/api/v3/plugin_test/schedule", ApiFamily.JSON_ERROR, pluginTests::schedule)
                .route("POST", "/api/v3/configure/processing_engine_trigger", ApiFamily.PLAIN, triggerHandlers::create)
                .route("DELETE", "/api/v3/configure/processing_engine_trigger", ApiFamily.PLAIN, triggerHandlers::delete)
                .route("POST", "/api/v3/configure/processing_engine_trigger/enable", ApiFamily.PLAIN, triggerHandlers::enable)
                .route("POST", "/api/v3/configure/processing_engine_trigger/disable", ApiFamily.PLAIN, triggerHandlers::disable)
                .route("POST", "/api/v3/plugins/files", ApiFamily.PLAIN, pluginFiles::upload)
                .route("PUT", "/api/v3/plugins/files", ApiFamily.PLAIN, pluginFiles::replaceFile)
                .route("PUT", "/api/v3/plugins/directory", ApiFamily.PLAIN, pluginFiles::replaceDirectory)
                .route("POST", "/api/v3/configure/plugin_environment/install_packages", ApiFamily.JSON_ERROR,
                        packages::installPackages)
                .route("POST", "/api/v3/configure/plugin_environment/install_requirements", ApiFamily.JSON_ERROR,
                        packages::installRequirements)
                .prefixRoute(TriggerHandlers.ENGINE_PREFIX, ApiFamily.JSON_ERROR, triggerHandlers::engine);
        return api;
    }

    private static HttpResponse health() {
        return HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, "OK");
    }

    private static HttpResponse ping(String processId) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("product_name", "InfluxDB 3 Core");
        body.put("version", InfluxServer.VERSION);
        body.put("revision", InfluxServer.REVISION);
        body.put("process_id", processId);
        String requestId = UUID.randomUUID().toString();
        try {
            ResponseHeaders headers = ResponseHeaders.builder(HttpStatus.OK)
                    .contentType(MediaType.JSON)
                    .add("request-id", requestId)
                    .add("x-request-id", requestId)
                    .add("x-influxdb-build", "Core")
                    .add("x-influxdb-version", InfluxServer.VERSION)
                    .build();
            return HttpResponse.of(headers, com.linecorp.armeria.common.HttpData.ofUtf8(Reply.JSON.writeValueAsString(body)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
