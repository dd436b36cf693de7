package io.influxdb3j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin venv and Core's package-install API against a real server: wheels built here are installed offline
 * ({@code no_index} + {@code find_links}) with the venv's own pip and imported by plugins without a restart. One
 * server and venv are shared by the class, since bootstrapping pip into a venv takes seconds.
 */
class PackageInstallEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    private static Path plugins;
    private static Path wheels;
    private static TestingServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws IOException {
        plugins = Files.createDirectories(shared.resolve("plugins"));
        wheels = Files.createDirectories(shared.resolve("wheels"));
        writeWheel(wheels, "mypkg", "1.0", "GREETING = 'hello from mypkg'\ndef double(x):\n    return 2 * x\n");
        writeWheel(wheels, "reqpkg", "2.0", "VERSION = '2.0'\n");
        server = TestingServer.start(shared.resolve("data"), c -> c.withoutAuth(true).withPluginDir(plugins));
        assertThat(server.postJson("/api/v3/configure/database", "{\"db\":\"lab\"}").statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void installsAWheelIntoThePluginDirVenvAndARunningPluginImportsItWithoutRestart() throws Exception {
        Files.writeString(plugins.resolve("uses_mypkg.py"), """
                import os
                import numpy
                def process_request(influxdb3_local, query_parameters, request_headers, request_body, args=None):
                    try:
                        import mypkg
                    except ImportError as e:
                        return {"mypkg": None, "error": type(e).__name__}
                    return {"mypkg": mypkg.GREETING, "double": mypkg.double(21), "file": mypkg.__file__,
                            "numpy": int(numpy.sum([1, 2, 3]))}
                """);
        assertThat(server.postJson("/api/v3/configure/processing_engine_trigger", requestTrigger("uses_mypkg")).statusCode())
                .isEqualTo(200);
        // Python runs (and has looked for mypkg) before the install.
        JsonNode before = JSON.readTree(server.get("/api/v3/engine/uses_mypkg").body());
        assertThat(before.get("mypkg").isNull()).isTrue();
        assertThat(before.get("error").asText()).isEqualTo("ModuleNotFoundError");

        Path venv = plugins.resolve(".venv");
        HttpResponse<String> install = server.postJson("/api/v3/configure/plugin_environment/install_packages",
                "{\"packages\":[\"mypkg\"],\"no_index\":true,\"find_links\":[" + TestingServer.quote(wheels.toString()) + "]}");
        assertThat(install.statusCode()).as(install.body()).isEqualTo(200);
        assertThat(install.body()).isEmpty();
        Path sitePackages = venv.resolve("lib/python3.14/site-packages");
        assertThat(sitePackages.resolve("mypkg/__init__.py")).exists();
        assertThat(venv.resolve("bin/pip")).exists(); // the venv's own pip did it

        JsonNode after = JSON.readTree(server.get("/api/v3/engine/uses_mypkg").body());
        assertThat(after.get("mypkg").asText()).isEqualTo("hello from mypkg");
        assertThat(after.get("double").asInt()).isEqualTo(42);
        assertThat(after.get("file").asText()).startsWith(sitePackages.toAbsolutePath().normalize().toString());
        assertThat(after.get("numpy").asInt()).isEqualTo(6);
    }

    @Test
    void installsARequirementsFileAndATestRunImportsIt() throws Exception {
        Path requirements = Files.writeString(dir.resolve("requirements.txt"), "# pinned\nreqpkg==2.0\n");
        HttpResponse<String> install = server.postJson("/api/v3/configure/plugin_environment/install_requirements",
                "{\"requirements_location\":" + TestingServer.quote(requirements.toString())
                        + ",\"no_index\":true,\"find_links\":" + TestingServer.quote(wheels.toString()) + "}");
        assertThat(install.statusCode()).as(install.body()).isEqualTo(200);

        Files.writeString(plugins.resolve("uses_reqpkg.py"), """
                import os, sys
                import reqpkg
                import numpy as np
                def process_writes(influxdb3_local, table_batches, args=None):
                    influxdb3_local.info("reqpkg " + reqpkg.VERSION)
                    influxdb3_local.info("numpy mean " + str(float(np.mean([r["v"] for b in table_batches for r in b["rows"]]))))
                    influxdb3_local.info("venv " + str(os.environ.get("VIRTUAL_ENV") is not None))
                """);
        HttpResponse<String> run = server.postJson("/api/v3/plugin_test/wal",
                "{\"filename\":\"uses_reqpkg.py\",\"database\":\"lab\",\"input_lp\":\"m v=1\\nm v=3\"}");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(run.body());
        assertThat(result.get("errors")).as(run.body()).isEmpty();
        assertThat(result.get("log_lines").toString())
                .isEqualTo("[\"INFO: reqpkg 2.0\",\"INFO: numpy mean 2.0\",\"INFO: venv True\"]");
    }

    @Test
    void aPackageThatDoesNotExistIsAFailureWithPipsMessage() throws Exception {
        HttpResponse<String> install = server.postJson("/api/v3/configure/plugin_environment/install_packages",
                "{\"packages\":[\"no-such-package-influxdb3j\"],\"no_index\":true}");
        assertThat(install.statusCode()).isEqualTo(400);
        assertThat(install.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        JsonNode error = JSON.readTree(install.body());
        assertThat(error.get("error").asText())
                .startsWith("pip could not install no-such-package-influxdb3j (exit status 1): ERROR:")
                .contains("No matching distribution found for no-such-package-influxdb3j");
        assertThat(error.get("exit_code").asInt()).isEqualTo(1);
        assertThat(error.get("output").asText()).contains("No matching distribution found");
    }

    @Test
    void badRequestsAreNamedWithoutRunningPip() {
        String base = "/api/v3/configure/plugin_environment/";
        assertError(server.postJson(base + "install_packages", "{}"), 400, "missing field `packages`");
        assertError(server.postJson(base + "install_packages", "{\"packages\":\"mypkg\"}"), 400, "`packages` must be a list");
        assertError(server.postJson(base + "install_packages", "{\"packages\":[1]}"), 400, "list of strings");
        assertError(server.postJson(base + "install_packages", "{\"packages\":[]}"), 400, "no packages to install");
        assertError(server.postJson(base + "install_packages", "{\"packages\":[\"--target=/tmp/x\"]}"), 400,
                "must not start with '-'");
        assertError(server.postJson(base + "install_packages", "{\"packages\":[\"x\"],\"no_index\":\"yes\"}"), 400,
                "`no_index` must be true or false");
        assertError(server.postJson(base + "install_packages", "{\"packages\":[\"x\"],\"find_links\":[\"\"]}"), 400,
                "find-links location");
        assertError(server.postJson(base + "install_requirements", "{}"), 400, "missing field `requirements_location`");
        assertError(server.postJson(base + "install_requirements", "{\"requirements_location\":\"/nonexistent/req.txt\"}"),
                400, "requirements file '/nonexistent/req.txt' does not exist on the server");
        assertThat(server.post(base + "install_packages", "packages=x").statusCode()).isEqualTo(415);
    }

    @Test
    void disabledPackageManagerAnswers403AndCreatesNoVenv() throws Exception {
        Path pluginDir = Files.createDirectories(dir.resolve("plugins"));
        try (TestingServer s = TestingServer.start(dir.resolve("data"), c -> c.withoutAuth(true).withPluginDir(pluginDir)
                .withPackageManager(ServeConfig.PackageManager.DISABLED))) {
            HttpResponse<String> r = s.postJson("/api/v3/configure/plugin_environment/install_packages",
                    "{\"packages\":[\"mypkg\"]}");
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).isEqualTo(PackageHandlers.DISABLED_MESSAGE);
            assertThat(s.postJson("/api/v3/configure/plugin_environment/install_requirements",
                    "{\"requirements_location\":\"r.txt\"}").statusCode()).isEqualTo(403);
        }
        assertThat(pluginDir.resolve(".venv")).doesNotExist();
    }

    @Test
    void virtualEnvLocationIsCreatedInTheBackgroundAndWithoutPluginDirInstallsAreRefused() throws Exception {
        Path pluginDir = Files.createDirectories(dir.resolve("plugins"));
        Path venv = dir.resolve("custom venv");
        long start = System.nanoTime();
        try (TestingServer s = TestingServer.start(dir.resolve("data"), c -> c.withoutAuth(true).withPluginDir(pluginDir)
                .withVirtualEnvLocation(venv))) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!(Files.exists(venv.resolve("bin/activate")) && Files.exists(venv.resolve("lib/python3.14/site-packages")))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(venv.resolve("bin/activate")).exists();
            assertThat(venv.resolve("lib/python3.14/site-packages")).isDirectory();
        }
        assertThat(pluginDir.resolve(".venv")).doesNotExist();

        try (TestingServer s = TestingServer.start(dir.resolve("data2"), c -> c.withoutAuth(true))) {
            assertError(s.postJson("/api/v3/configure/plugin_environment/install_packages", "{\"packages\":[\"mypkg\"]}"),
                    400, "start the server with --plugin-dir");
        }
    }

    private static void assertError(HttpResponse<String> r, int status, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        try {
            assertThat(JSON.readTree(r.body()).get("error").asText()).contains(message);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    private static String requestTrigger(String name) {
        return "{\"db\":\"lab\",\"plugin_filename\":\"" + name + ".py\",\"trigger_name\":\"" + name + "\","
                + "\"trigger_specification\":\"request:" + name + "\",\"trigger_settings\":{\"run_async\":false,"
                + "\"error_behavior\":\"log\"},\"disabled\":false}";
    }

    /** A pure-Python wheel {@code <name>-<version>-py3-none-any.whl} whose package's {@code __init__.py} is {@code init}. */
    static Path writeWheel(Path dir, String name, String version, String init) throws IOException {
        String distInfo = name + "-" + version + ".dist-info/";
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(name + "/__init__.py", init.getBytes(StandardCharsets.UTF_8));
        files.put(distInfo + "METADATA", ("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version
                + "\nSummary: a test package\n").getBytes(StandardCharsets.UTF_8));
        files.put(distInfo + "WHEEL", "Wheel-Version: 1.0\nGenerator: influxdb3j-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
                .getBytes(StandardCharsets.UTF_8));
        StringBuilder record = new StringBuilder();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            record.append(e.getKey()).append(",sha256=").append(sha256(e.getValue())).append(',')
                    .append(e.getValue().length).append('\n');
        }
        record.append(distInfo).append("RECORD,,\n");
        files.put(distInfo + "RECORD", record.toString().getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return Files.write(dir.resolve(name + "-" + version + "-py3-none-any.whl"), bytes.toByteArray());
    }

    private static String sha256(byte[] data) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
