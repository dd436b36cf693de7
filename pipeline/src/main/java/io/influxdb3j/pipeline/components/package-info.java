/**
 * The built-in components, without Python: inputs {@code stdin}, {@code file}, {@code generate},
 * {@code http_server}; processors {@code mapping}, {@code mutation} (and the old name {@code bloblang}); outputs
 * {@code stdout}, {@code file}, {@code drop}, {@code http_client} and {@code influxdb3}. Each has a nested
 * {@code Factory} listed by {@link io.influxdb3j.pipeline.components.BuiltinComponents}.
 */
package io.influxdb3j.pipeline.components;
