/**
 * The {@code influxdb3} command: one picocli application that is both the server ({@code serve}, also what runs when
 * no subcommand is given) and the client ({@code write}, {@code query}, {@code create}, {@code delete}, {@code show},
 * {@code update}) with Core's subcommands, flags, environment variables and messages.
 *
 * <p>Flow: {@link io.influxdb3j.cli.Influxdb3#main} loads the {@link io.influxdb3j.cli.Environment} (process variables,
 * then a {@code .env} file, then legacy names copied to current ones) into a {@link io.influxdb3j.cli.CliContext}
 * together with stdin/stdout and a {@link io.influxdb3j.cli.ServerStarter}. Every option is declared once on a field:
 * its flag, its {@link io.influxdb3j.cli.Env} variable (read by {@link io.influxdb3j.cli.EnvDefaultProvider} and shown
 * in help), its default and help text. {@code serve} turns its options into an
 * {@link io.influxdb3j.server.ServeConfig} and hands it to the starter; client commands talk to a running server over
 * HTTP through {@link io.influxdb3j.cli.InfluxClient}. Every failure is reported as
 * {@code <Command> command failed: <message>} with exit code 1; usage errors exit with 2.
 * Tests run the whole application in-process against a fake HTTP server, with injected environment and streams.
 */
package io.influxdb3j.cli;
