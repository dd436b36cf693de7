/**
 * Running a pipeline: {@link io.influxdb3j.pipeline.runtime.PipelineRunner} builds the components of a linted config
 * and moves batches from the input thread through the worker threads to the ordered output thread, with batching,
 * acks, replays of failed deliveries, the service-wide HTTP server and graceful shutdown.
 */
package io.influxdb3j.pipeline.runtime;
