/**
 * Reading and checking pipeline configs: {@link io.influxdb3j.pipeline.config.ConfigLoader} (environment
 * interpolation, YAML with the location of every key and value, {@code --set} overrides) produces a
 * {@link io.influxdb3j.pipeline.config.PipelineConfig}; {@link io.influxdb3j.pipeline.config.Linter} turns it into
 * {@link io.influxdb3j.pipeline.config.LintError}s naming file, line, column and key path.
 */
package io.influxdb3j.pipeline.config;
