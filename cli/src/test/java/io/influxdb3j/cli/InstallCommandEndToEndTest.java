package io.influxdb3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxdb3j.server.InfluxServer;
import io.influxdb3j.server.ServeConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code influxdb3 install package} against a real server: an offline install of a wheel built here, and failures. */
class InstallCommandEndToEndTest {
    @TempDir
    Path dir;

    private ServeConfig config(Path plugins, String node) {
        return ServeConfig.defaults().withNodeId(node).withDataDir(dir.resolve("data-" + node))
                .withHttpBind("127.0.0.1:0").withWalFlushInterval(Duration.ofMillis(20)).withPluginDir(plugins);
    }

    @Test
    void installsPackagesAndRequirementsOfflineAndReportsFailures() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path wheels = Files.createDirectories(dir.resolve("wheels"));
        writeWheel(wheels, "clipkg", "1.0", "ANSWER = 42\n");
        writeWheel(wheels, "clireq", "3.1", "NAME = 'clireq'\n");
        Path venv = dir.resolve("plugin-venv");
        try (InfluxServer server = InfluxServer.start(config(plugins, "install").withVirtualEnvLocation(venv))) {
            TestingCli cli = new TestingCli().env("INFLUXDB3_HOST_URL", "http://127.0.0.1:" + server.port()).workingDir(dir);
            TestingCli.Result token = cli.run("create", "token", "--admin");
            assertThat(token.exitCode()).as(token.err()).isZero();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("apiv3_[A-Za-z0-9_-]+").matcher(token.out());
            assertThat(m.find()).isTrue();
            String secret = m.group();

            // a relative --find-links is resolved here and sent as an absolute path
            TestingCli.Result installed = cli.run("install", "package", "--token", secret, "--no-index",
                    "--find-links", "wheels", "clipkg");
            assertThat(installed.exitCode()).as(installed.err()).isZero();
            assertThat(installed.out()).contains("Successfully installed clipkg");
            Path sitePackages = venv.resolve("lib/python3.14/site-packages");
            assertThat(sitePackages.resolve("clipkg/__init__.py")).exists();

            // a plugin imports it from the --virtual-env-location venv
            Files.writeString(plugins.resolve("uses_clipkg.py"), """
                    import clipkg, os
                    def process_writes(influxdb3_local, table_batches, args=None):
                        influxdb3_local.info("answer", clipkg.ANSWER, os.path.dirname(os.path.dirname(clipkg.__file__)))
                    """);
            cli.env("INFLUXDB3_AUTH_TOKEN", secret);
            assertThat(cli.run("write", "-d", "lab", "m v=1").exitCode()).isZero();
            TestingCli.Result plugin = cli.run("test", "wal_plugin", "-d", "lab", "--lp", "m v=2", "uses_clipkg.py");
            assertThat(plugin.exitCode()).as(plugin.err()).isZero();
            assertThat(plugin.out()).contains("INFO: answer 42 " + sitePackages);

            Files.writeString(dir.resolve("requirements.txt"), "clireq==3.1\n");
            TestingCli.Result fromFile = cli.env("INFLUXDB3_AUTH_TOKEN", secret).run("install", "package",
                    "-r", "requirements.txt", "--no-index", "--find-links", wheels.toString(), "--package-manager", "pip");
            assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
            assertThat(sitePackages.resolve("clireq/__init__.py")).exists();

            TestingCli.Result unknown = cli.run("install", "package", "--no-index", "no-such-package-influxdb3j");
            assertThat(unknown.exitCode()).isEqualTo(1);
            assertThat(unknown.err()).startsWith("Install command failed: pip could not install no-such-package-influxdb3j")
                    .contains("No matching distribution found for no-such-package-influxdb3j")
                    .contains("[400 Bad Request]");

            TestingCli.Result unauthenticated = cli.env("INFLUXDB3_AUTH_TOKEN", "wrong").run("install", "package", "x");
            assertThat(unauthenticated.exitCode()).isEqualTo(1);
            assertThat(unauthenticated.err()).contains("401");
        }
    }

    @Test
    void usageErrorsAndADisabledServer() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        try (InfluxServer server = InfluxServer.start(config(plugins, "disabled").withoutAuth(true)
                .withPackageManager(ServeConfig.PackageManager.DISABLED))) {
            TestingCli cli = new TestingCli().env("INFLUXDB3_HOST_URL", "http://127.0.0.1:" + server.port()).workingDir(dir);
            TestingCli.Result none = cli.run("install", "package");
            assertThat(none.exitCode()).isEqualTo(2);
            assertThat(none.err()).contains("give the packages to install, or --requirements FILE");
            TestingCli.Result both = cli.run("install", "package", "-r", "r.txt", "x");
            assertThat(both.exitCode()).isEqualTo(2);
            assertThat(both.err()).contains("not both");
            TestingCli.Result badManager = cli.run("install", "package", "--package-manager", "conda", "x");
            assertThat(badManager.exitCode()).isEqualTo(2);
            assertThat(badManager.err()).contains("invalid value 'conda' for '--package-manager'");
            TestingCli.Result noSubcommand = cli.run("install");
            assertThat(noSubcommand.exitCode()).isEqualTo(2);
            assertThat(noSubcommand.err()).contains("Missing required subcommand: package");

            TestingCli.Result disabled = cli.run("install", "package", "pandas");
            assertThat(disabled.exitCode()).isEqualTo(1);
            assertThat(disabled.err()).contains("403")
                    .contains("Package installation has been disabled. Contact your administrator for more information.");
        }
        assertThat(plugins.resolve(".venv")).doesNotExist();
    }

    /** A pure-Python wheel {@code <name>-<version>-py3-none-any.whl}. */
    private static void writeWheel(Path dir, String name, String version, String init) throws Exception {
        String distInfo = name + "-" + version + ".dist-info/";
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(name + "/__init__.py", init.getBytes(StandardCharsets.UTF_8));
        files.put(distInfo + "METADATA", ("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n")
                .getBytes(StandardCharsets.UTF_8));
        files.put(distInfo + "WHEEL", "Wheel-Version: 1.0\nGenerator: influxdb3j-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
                .getBytes(StandardCharsets.UTF_8));
        StringBuilder record = new StringBuilder();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            String hash = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(e.getValue()));
            record.append(e.getKey()).append(",sha256=").append(hash).append(',').append(e.getValue().length).append('\n');
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
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Files.write(dir.resolve(name + "-" + version + "-py3-none-any.whl"), bytes.toByteArray());
    }
}
