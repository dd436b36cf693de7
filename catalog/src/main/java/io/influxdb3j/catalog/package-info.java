/**
 * The catalog: databases, tables, columns (with their fixed types and the series key), tokens
 * and server-wide settings. Readers take an immutable {@link io.influxdb3j.catalog.CatalogSnapshot}
 * without locking; every change is made under one lock, written to the object store as a new
 * numbered catalog file (durable before the change becomes visible) and then published as the
 * new snapshot. On start-up the newest catalog file is loaded.
 */
package io.influxdb3j.catalog;
