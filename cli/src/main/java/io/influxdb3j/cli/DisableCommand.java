package io.influxdb3j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code influxdb3 disable trigger}. */
@Command(name = "disable", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = "Disable a resource such as a trigger",
        subcommands = {DisableCommand.Trigger.class})
final class DisableCommand extends BaseCommand {
    @Override
    public Integer call() {
        throw usageError("Missing required subcommand: trigger");
    }

    /**
     * {@code disable trigger -d DB NAME}: {@code POST /api/v3/configure/processing_engine_trigger/disable?db=DB&
     * trigger_name=NAME}; the server answers 200 for a trigger that is already disabled.
     */
    @Command(name = "trigger", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
            description = "Disable a processing-engine trigger and stop it")
    static final class Trigger extends BaseCommand {
        @Mixin
        ClientOptions client;

        @Mixin
        DatabaseOption database;

        @Parameters(index = "0", paramLabel = "TRIGGER_NAME", description = "The name of the trigger to disable")
        String name;

        @Override
        public Integer call() {
            String db = database.required();
            client.connect().call("POST", "/api/v3/configure/processing_engine_trigger/disable")
                    .query("db", db)
                    .query("trigger_name", name)
                    .send();
            out().println("Trigger " + name + " disabled successfully");
            return 0;
        }
    }
}
