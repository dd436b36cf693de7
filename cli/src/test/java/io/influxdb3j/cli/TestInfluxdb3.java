package io.influxdb3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestInfluxdb3 {
    @Test
    void versionLine() {
        var result = new TestingCli().run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).matches("InfluxDB 3 Core, [^,]+, revision \\S+\n");
    }

    @Test
    void helpListsTheSubcommands() {
        var result = new TestingCli().run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("serve", "write", "query", "create", "delete", "show", "update");
    }

    @Test
    void helpAllShowsEverySubcommand() {
        var result = new TestingCli().run("--help-all");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("=== influxdb3 create token ===", "=== influxdb3 serve ===",
                "--token-name", "--gen1-duration");
    }

    @Test
    void everyCommandHasUsageHelp() {
        String[][] commands = {{"serve"}, {"write"}, {"w"}, {"query"}, {"q"}, {"create", "database"},
                {"create", "table"}, {"create", "token"}, {"create", "last_cache"}, {"create", "distinct_cache"},
                {"delete", "last_cache"}, {"delete", "distinct_cache"}, {"delete", "database"}, {"delete", "table"},
                {"delete", "token"}, {"show", "databases"}, {"show", "tokens"}, {"update", "database"}};
        for (String[] command : commands) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            var result = new TestingCli().run(args);
            assertThat(result.exitCode()).as(String.join(" ", command)).isZero();
            assertThat(result.out()).as(String.join(" ", command)).startsWith("Usage: influxdb3 ");
        }
    }

    @Test
    void unknownSubcommandOrOption() {
        var result = new TestingCli().run("write", "--nope");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: Unknown option: '--nope'")
                .contains("For more information, try 'influxdb3 write --help'.");
    }

    @Test
    void commandTitles() {
        var cl = Influxdb3.commandLine(new TestingCli().context());
        assertThat(Influxdb3.commandTitle(cl)).isEqualTo("Serve");
        assertThat(Influxdb3.commandTitle(cl.getSubcommands().get("w"))).isEqualTo("Write");
        assertThat(Influxdb3.commandTitle(cl.getSubcommands().get("create").getSubcommands().get("token")))
                .isEqualTo("Create");
    }
}
