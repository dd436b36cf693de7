/**
 * The network face: one Armeria server on one port serving the HTTP APIs (writes, queries,
 * configuration, tokens, health) and, for HTTP/2 {@code application/grpc} requests, Arrow Flight.
 * {@link io.influxdb3j.server.InfluxServer} is the composition root: object store, catalog,
 * storage and query executor are built there from {@link io.influxdb3j.server.ServeConfig}.
 * Requests pass authentication ({@link io.influxdb3j.server.Authenticator}), are routed by exact
 * method and path ({@link io.influxdb3j.server.HttpApi}), run on blocking threads, and errors are
 * turned into InfluxDB's status codes and bodies in one place ({@link io.influxdb3j.server.HttpErrors}).
 */
package io.influxdb3j.server;
