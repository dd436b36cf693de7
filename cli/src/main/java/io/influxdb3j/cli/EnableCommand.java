package io.influxdb3j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code influxdb3 enable trigger}. */
@Command(name = "enable", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = "Enable a resource such as a trigger",
        subcommands = {EnableCommand.Trigger.class})
final class EnableCommand extends BaseCommand {
    @Override
    public Integer call() {
        throw usageError("Missing required subcommand: trigger");
    }

    /**
     * {@code enable trigger -d DB NAME}: {@code POST /api/v3/configure/processing_engine_trigger/enable?db=DB&
     * trigger_name=NAME}; the server answers 200 for a trigger that is already enabled.
     */
    @Command(name = "trigger", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
            description = "Enable a processing-engine trigger and start it")
    static final class Trigger extends BaseCommand {
        @Mixin
        ClientOptions client;

        @Mixin
        DatabaseOption database;

        @Parameters(index = "0", paramLabel = "TRIGGER_NAME", description = "The name of the trigger to enable")
        String name;

        @Override
        public Integer call() {
            String db = database.required();
            client.connect().call("POST", "/api/v3/configure/processing_engine_trigger/enable")
                    .query("db", db)
                    .query("trigger_name", name)
                    .send();
            out().println("Trigger " + name + " enabled successfully");
            return 0;
        }
    }
}
