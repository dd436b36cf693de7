/**
 * The processing engine's core: running InfluxDB 3 Python plugins unchanged in the embedded CPython
 * main interpreter. Triggers, the catalog and HTTP wiring live elsewhere and call in here.
 *
 * <p><b>What it owns.</b> {@link io.influxdb3j.engine.PluginLoader} finds plugin code under the plugin
 * directory (a {@code .py} file, or a package directory with {@code __init__.py}; nothing outside it).
 * {@link io.influxdb3j.engine.PluginRunner} runs one call of {@code process_writes},
 * {@code process_scheduled_call} or {@code process_request} under a time limit and returns a
 * {@link io.influxdb3j.engine.PluginRunResult}; every plugin failure (load, missing entry point,
 * exception, timeout, bad response) is a value in it, never a thrown exception.
 * {@link io.influxdb3j.engine.PluginTester} is the dry run behind {@code influxdb3 test wal_plugin} and
 * {@code test schedule_plugin}. The Python side is two resources run once per process:
 * {@code line_builder.py} ({@code LineBuilder} put in builtins, its exception classes in
 * {@code __main__}) and {@code engine_runtime.py} (loading, the {@code influxdb3_local} object, the
 * cache, Flask-style responses).
 *
 * <p><b>How data moves.</b> The server converts a WAL batch to {@link io.influxdb3j.engine.TableBatchView}s
 * of {@link io.influxdb3j.engine.WalRow}s; the runner copies them into plain Python lists and dicts and
 * calls the plugin on the caller's thread. {@code influxdb3_local} calls back into Java through the
 * {@code influxdb3j_engine_host} module with the GIL released: log lines go to the
 * {@link io.influxdb3j.engine.PluginLogSink} as they happen, queries to the
 * {@link io.influxdb3j.query.api.QueryExecutor}, {@code write_sync*} lines (checked with the
 * line-protocol parser) straight to the {@link io.influxdb3j.engine.PluginWriteSink}; buffered
 * {@code write}/{@code write_to_db} lines are checked and handed to the sink, one call per database,
 * only after the plugin returned normally. The cache is held in Python (it stores live objects), keyed
 * by trigger or global namespace, with TTLs measured on the engine's {@link io.influxdb3j.common.TimeProvider}.
 *
 * <p><b>Threads.</b> Call the runner from platform threads, concurrently if you like; calls
 * interleave at the GIL and block only their own thread.
 */
package io.influxdb3j.engine;
