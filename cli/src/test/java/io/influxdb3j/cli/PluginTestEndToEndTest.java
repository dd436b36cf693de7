package io.influxdb3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxdb3j.server.InfluxServer;
import io.influxdb3j.server.ServeConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code influxdb3 test wal_plugin|schedule_plugin} against a real server with a plugin directory: documented output, nothing written. */
class PluginTestEndToEndTest {
    @TempDir
    Path dir;

    private Path pluginDir() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        for (String name : new String[]{"docs_example.py", "every_second.py"}) {
            try (InputStream in = getClass().getResourceAsStream("/plugins/" + name)) {
                Files.copy(in, plugins.resolve(name));
            }
        }
        return plugins;
    }

    @Test
    void docsExampleWalPluginUnderTestWalPluginWritesNothing() throws Exception {
        ServeConfig config = ServeConfig.defaults().withNodeId("plugins").withDataDir(dir.resolve("data"))
                .withHttpBind("127.0.0.1:0").withoutAuth(true).withWalFlushInterval(Duration.ofMillis(20))
                .withPluginDir(pluginDir());
        try (InfluxServer server = InfluxServer.start(config)) {
            TestingCli cli = new TestingCli().env("INFLUXDB3_HOST_URL", "http://127.0.0.1:" + server.port()).workingDir(dir);
            assertThat(cli.run("write", "-d", "sensors", "home,room=Kitchen temp=21.5 1", "home,room=Hall temp=19.0 2").exitCode()).isZero();

            TestingCli.Result r = cli.run("test", "wal_plugin", "-d", "sensors", "--lp",
                    "my_measure,tag1=asdf f1=1.0 123\nmy_measure,tag1=qwer f1=2i 456",
                    "--input-arguments", "arg1=hello,arg2=world", "docs_example.py");
            assertThat(r.exitCode()).as(r.err()).isZero();
            JsonNode out = Json.parse(r.out().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(out.get("errors")).isEmpty();
            assertThat(out.get("log_lines").toString()).isEqualTo("[\"INFO: arg1: hello\","
                    + "\"INFO: query result: [{'room': 'Kitchen', 'temp': 21.5}]\","
                    + "\"INFO: table: my_measure\","
                    + "\"INFO: row: {'tag1': 'asdf', 'f1': 1.0, 'time': 123000000000}\","
                    + "\"INFO: row: {'tag1': 'qwer', 'f1': 2, 'time': 456000000000}\","
                    + "\"INFO: done\"]");
            assertThat(out.get("database_writes").get("sensors").toString())
                    .isEqualTo("[\"some_table,tag1=tag1_value,tag2=tag2_value field1=1i,field2=2.0,field3=\\\"number three\\\"\"]");
            assertThat(out.get("database_writes").get("mytestdb").toString())
                    .isEqualTo("[\"other_table other_field=1i,other_field2=3.14 1302\"]");

            // nothing was written: neither the plugin's writes nor the input line protocol
            assertThat(cli.run("query", "-d", "sensors", "SELECT * FROM some_table").exitCode()).isNotZero();
            assertThat(cli.run("query", "-d", "sensors", "SELECT * FROM my_measure").exitCode()).isNotZero();
            assertThat(cli.run("query", "-d", "mytestdb", "SELECT 1").err()).contains("database not found");

            TestingCli.Result scheduled = cli.run("test", "schedule_plugin", "-d", "sensors", "every_second.py");
            assertThat(scheduled.exitCode()).as(scheduled.err()).isZero();
            JsonNode s = Json.parse(scheduled.out().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(s.get("log_lines").toString()).isEqualTo("[\"INFO: rows in home: 2\"]");
            assertThat(s.get("database_writes").get("sensors").toString()).isEqualTo("[\"home_counts n=2i\"]");
            assertThat(s.get("trigger_time").asText()).endsWith("Z");

            TestingCli.Result every5 = cli.run("test", "schedule_plugin", "-d", "sensors", "--schedule", "*/5 * * * * *", "every_second.py");
            assertThat(every5.exitCode()).as(every5.err()).isZero();
            String triggerTime = Json.parse(every5.out().getBytes(java.nio.charset.StandardCharsets.UTF_8)).get("trigger_time").asText();
            assertThat(java.time.Instant.parse(triggerTime).getEpochSecond() % 5).isZero();
            TestingCli.Result badCron = cli.run("test", "schedule_plugin", "-d", "sensors", "--schedule", "* * * * *", "every_second.py");
            assertThat(badCron.exitCode()).isNotZero();
            assertThat(badCron.err()).contains("expected 6 or 7 fields");

            TestingCli.Result noPlugins = cli.run("show", "plugins", "--format", "csv");
            assertThat(noPlugins.exitCode()).as(noPlugins.err()).isZero();
            assertThat(noPlugins.out()).isBlank(); // no triggers yet: an empty csv has no header

            TestingCli.Result missing = cli.run("test", "wal_plugin", "-d", "sensors", "--lp", "m f=1", "nope.py");
            assertThat(missing.exitCode()).isNotZero();
            assertThat(missing.err()).contains("nope.py");
            TestingCli.Result escape = cli.run("test", "wal_plugin", "-d", "sensors", "--lp", "m f=1", "../secret.py");
            assertThat(escape.exitCode()).isNotZero();
            TestingCli.Result noDb = cli.run("test", "schedule_plugin", "-d", "nodb", "every_second.py");
            assertThat(noDb.exitCode()).isNotZero();
            assertThat(noDb.err()).contains("couldn't find db");
        }
    }
}
