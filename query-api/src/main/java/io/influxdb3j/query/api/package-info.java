/**
 * The query interface and nothing else: what the HTTP server, Flight service and processing
 * engine call to run SQL against one database, without depending on how queries are executed.
 */
package io.influxdb3j.query.api;
