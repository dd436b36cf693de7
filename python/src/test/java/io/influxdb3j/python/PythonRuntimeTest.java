package io.influxdb3j.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonRuntimeTest {
    private final PythonRuntime runtime = PythonRuntime.get();
    private final PythonInterpreter python = runtime.mainInterpreter();

    @Test
    void startsOnceAndIsShared() {
        assertThat(PythonRuntime.get()).isSameAs(runtime);
        assertThat(PythonRuntime.start(PythonRuntimeConfig.defaults())).isSameAs(runtime);
        assertThat(runtime.version()).startsWith("3.14.");
        assertThat(runtime.majorMinorVersion()).isEqualTo("3.14");
        assertThat(runtime.startupTime()).isPositive();
    }

    @Test
    void refusesToRestartWithAnotherConfig() {
        assertThatThrownBy(() -> PythonRuntime.start(PythonRuntimeConfig.defaults().withVirtualEnvironment(Path.of("/x"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be restarted");
    }

    @Test
    void sysExecutableIsTheBundledPython() {
        PyModuleHandle sys = python.importModule("sys");
        assertThat(python.getAttribute(sys, "executable")).isEqualTo(runtime.pythonExecutable().toString());
        assertThat(Files.isExecutable(runtime.pythonExecutable())).isTrue();
        assertThat((String) python.getAttribute(sys, "base_prefix")).isEqualTo(runtime.home().toString());
    }

    @Test
    void isolatedFromSignalsAndUserSite() {
        PyModuleHandle module = python.load("signals", """
                import signal, sys
                def sigint_is_python_handler():
                    return signal.getsignal(signal.SIGINT) is signal.default_int_handler
                def user_site():
                    return sys.flags.no_user_site
                """, null);
        assertThat(python.call(module, "sigint_is_python_handler")).isEqualTo(false);
        assertThat(python.call(module, "user_site")).isEqualTo(1L);
    }

    @Test
    void standardLibraryImportsWork() {
        PyModuleHandle module = python.load("stdlib", """
                import json, ssl, sqlite3, zlib, ctypes, datetime, hashlib
                def check():
                    db = sqlite3.connect(":memory:")
                    db.execute("create table t (x integer)")
                    db.execute("insert into t values (41)")
                    (value,) = db.execute("select x + 1 from t").fetchone()
                    return {
                        "json": json.dumps({"a": [1, 2]}),
                        "ssl": ssl.OPENSSL_VERSION.split()[0],
                        "sqlite": value,
                        "zlib": zlib.decompress(zlib.compress(b"abc")),
                        "sha": hashlib.sha256(b"").hexdigest()[:8],
                    }
                """, null);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) python.call(module, "check");
        assertThat(result).containsEntry("json", "{\"a\": [1, 2]}")
                .containsEntry("ssl", "OpenSSL")
                .containsEntry("sqlite", 42L)
                .containsEntry("sha", "e3b0c442");
        assertThat((byte[]) result.get("zlib")).containsExactly('a', 'b', 'c');
    }

    @Test
    void activatesAVirtualEnvironment() throws Exception {
        // Not a @TempDir: the venv's bin/ holds symlinks to the bundled python, which JUnit warns about.
        Path venv = Files.createTempDirectory("influxdb3j-venv-test");
        Files.delete(venv);
        runtime.createVirtualEnvironment(venv, false);
        Path sitePackages = venv.resolve("lib/python3.14/site-packages");
        Files.writeString(sitePackages.resolve("venv_only_module.py"), "ANSWER = 42\n");

        runtime.activateVirtualEnvironment(venv);

        assertThat(runtime.virtualEnvironment()).contains(venv.toAbsolutePath().normalize());
        PyModuleHandle module = python.load("uses_venv", """
                import os, sys
                import venv_only_module
                def facts():
                    return [venv_only_module.ANSWER, os.environ["VIRTUAL_ENV"], sys.prefix, sys.path[-1]]
                """, null);
        String venvPath = venv.toAbsolutePath().normalize().toString();
        assertThat(python.call(module, "facts"))
                .isEqualTo(List.of(42L, venvPath, venvPath, sitePackages.toAbsolutePath().normalize().toString()));
        deleteTree(venv);
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path); // does not follow symlinks
            }
        }
    }

    @Test
    void refusesADirectoryThatIsNotAVirtualEnvironment(@TempDir Path dir) {
        assertThatThrownBy(() -> runtime.activateVirtualEnvironment(dir))
                .isInstanceOf(InfluxException.class)
                .hasMessageContaining("is not a Python 3.14 virtual environment")
                .hasMessageContaining("-m venv")
                .satisfies(e -> assertThat(((InfluxException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
}
