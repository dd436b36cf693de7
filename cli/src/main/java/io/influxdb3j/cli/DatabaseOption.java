package io.influxdb3j.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code -d/--database} (legacy spelling {@code --dbname}), falling back to {@code INFLUXDB3_DATABASE_NAME}. */
final class DatabaseOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-d", "--database", "--dbname"}, paramLabel = "DATABASE_NAME",
            description = "The name of the database to operate on")
    @Env("INFLUXDB3_DATABASE_NAME")
    String database;

    /** The database, or a usage error saying how to give one. */
    String required() {
        if (database == null || database.isBlank()) {
            throw new ParameterException(mixee.commandLine(),
                    "Missing database name: pass -d/--database <DATABASE_NAME> or set INFLUXDB3_DATABASE_NAME");
        }
        return database;
    }

    /** The database if given. */
    String orNull() {
        return database == null || database.isBlank() ? null : database;
    }
}
