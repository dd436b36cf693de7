package io.influxdb3j.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating venvs and checking install input; nothing here runs pip (the server's end-to-end test does). */
class VirtualEnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void createsAPiplessVenvOfTheBundledPythonOnce() {
        VirtualEnvironment venv = VirtualEnvironment.at(dir.resolve("v"));
        assertThat(venv.exists()).isFalse();
        assertThat(venv.ensureCreated()).isTrue();
        assertThat(venv.isUsable()).isTrue();
        assertThat(venv.sitePackages()).isEqualTo(dir.resolve("v/lib/python" + VirtualEnvironment.pythonMajorMinor()
                + "/site-packages"));
        assertThat(venv.python()).isExecutable();
        assertThat(venv.sitePackages().resolve("pip")).doesNotExist(); // bootstrapped on the first pip install
        assertThat(venv.ensureCreated()).isFalse();
    }

    @Test
    void aVenvOfAnotherPythonIsNamedAsSuch() throws Exception {
        Path other = dir.resolve("py312");
        Files.createDirectories(other.resolve("bin"));
        Files.writeString(other.resolve("bin/activate"), "# made by another Python\n");
        Files.createDirectories(other.resolve("lib/python3.12/site-packages"));
        VirtualEnvironment venv = VirtualEnvironment.at(other);
        assertThat(venv.exists()).isTrue();
        assertThat(venv.isUsable()).isFalse();
        assertThatThrownBy(venv::ensureCreated)
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("is not a Python 3.14 virtual environment");
    }

    @Test
    void refusesBadPackageNamesAndOptionsBeforeTouchingTheVenv() {
        VirtualEnvironment venv = VirtualEnvironment.at(dir.resolve("never"));
        VirtualEnvironment.IndexOptions none = VirtualEnvironment.IndexOptions.defaults();
        assertThatThrownBy(() -> venv.installPackages(List.of(), none, VirtualEnvironment.Installer.PIP))
                .hasMessageContaining("no packages to install");
        assertThatThrownBy(() -> venv.installPackages(List.of("--target=/tmp/x"), none, VirtualEnvironment.Installer.PIP))
                .hasMessageContaining("must not start with '-'");
        assertThatThrownBy(() -> venv.installPackages(List.of(" "), none, VirtualEnvironment.Installer.PIP))
                .hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> venv.installRequirements(dir.resolve("missing.txt"), none, VirtualEnvironment.Installer.PIP))
                .hasMessageContaining("does not exist on the server");
        assertThatThrownBy(() -> new VirtualEnvironment.IndexOptions(" ", List.of(), List.of(), false))
                .hasMessageContaining("invalid index URL");
        assertThat(dir.resolve("never")).doesNotExist();

        assertThat(new VirtualEnvironment.IndexOptions("http://idx/simple", List.of("http://x"), List.of("/w"), true).arguments())
                .containsExactly("--index-url=http://idx/simple", "--extra-index-url=http://x", "--find-links=/w", "--no-index");
    }

    @Test
    void lastErrorKeepsPipsErrorLines() {
        assertThat(VirtualEnvironment.lastError("Looking in links: /w\nERROR: Could not find a version\nERROR: No matching"))
                .isEqualTo("ERROR: Could not find a version\nERROR: No matching");
        assertThat(VirtualEnvironment.lastError("  plain failure \n")).isEqualTo("plain failure");
    }
}
