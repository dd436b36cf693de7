/**
 * YAML pipelines in the style of Redpanda Connect ({@code influxdb3 connect run}): a config names
 * one {@link io.influxdb3j.pipeline.Input}, a list of {@link io.influxdb3j.pipeline.Processor}s run by
 * {@code pipeline.threads} workers, and one {@link io.influxdb3j.pipeline.Output}. Messages
 * ({@link io.influxdb3j.pipeline.Message}: bytes, metadata, an error flag, optionally a carried Python
 * object) travel in batches from the input through every processor to the output; the output's
 * result acks or nacks the batch back to the input. Components are built from their YAML node by a
 * {@link io.influxdb3j.pipeline.ComponentFactory}, which also declares the fields the linter checks;
 * {@link io.influxdb3j.pipeline.ComponentRegistry} holds the built-in factories and those listed in
 * {@code META-INF/services}. Data flows: {@code config} (load, interpolate, lint) → {@code runtime}
 * ({@code PipelineRunner}: input thread, worker threads, ordered output thread with batching, acks,
 * replays, shutdown) with the components of {@code components} and {@code python}, and the Bloblang
 * subset of {@code bloblang}. The {@code python} components run on the shared embedded CPython of the
 * {@code python} module.
 */
package io.influxdb3j.pipeline;
