/**
 * InfluxDB 3 SQL on DuckDB: what turns a DataFusion-dialect query from a client into SQL DuckDB runs
 * with the same meaning. {@link io.influxdb3j.query.sql.SqlParameters} binds the request's
 * {@code $name} parameters into the text as escaped literals; {@link io.influxdb3j.query.sql.GapFill}
 * rewrites {@code date_bin_gapfill} queries into plain SQL that generates the missing bins;
 * {@link io.influxdb3j.query.sql.InfluxSqlFunctions} installs, once per connection, the InfluxDB
 * functions ({@code date_bin}, {@code selector_*}, {@code tz}, ...) as temporary DuckDB macros. All
 * rewriting goes through {@code SqlLexer}, which knows DuckDB's string, identifier and comment
 * syntax, so text inside literals and comments is never touched.
 */
package io.influxdb3j.query.sql;
