/**
 * The {@code python} input, processor and output of {@code influxdb3 connect} pipelines, a
 * re-implementation of rp-connect-python 1.7 on the process's embedded CPython
 * ({@link io.influxdb3j.python.PythonRuntime}).
 *
 * <p>Data flow: a processor's or output's batch crosses into Python once, as a list of
 * (content, metadata, carried object) tuples; {@code pipeline_support.py} (loaded in each
 * interpreter as {@code __bloblang__}) runs the script for each message with {@code content()},
 * {@code metadata()}, {@code root}, {@code meta} and {@code this} bound, serialises {@code root}
 * ({@code bloblang} JSON, {@code pickle}, or the object itself for {@code none}) and hands back one
 * result per message. An input pulls {@code batch_size} items per call the same way.
 *
 * <p>Interpreter modes: {@code global} runs on the main interpreter, all of it on one dedicated
 * thread ({@link io.influxdb3j.pipeline.python.GlobalPythonThread}); {@code isolated} and
 * {@code isolated_legacy} run on sub-interpreters (own GIL, or shared GIL), one per pipeline thread
 * for processors, handed out to batches as tickets ({@link io.influxdb3j.pipeline.python.InterpreterPool}).
 *
 * <p>Fixed relative to the reference (each would crash or mislead there): nested {@code root}
 * attributes serialise as nested objects; list/tuple/bool metadata values are stored; an
 * unserialisable root, a pickling failure or a set flags the message with the reason; input
 * functions receive {@code state}; an exception in an input ends it with a clear error; a script
 * exception flags only its message; float and bool roots become JSON scalars; keyed
 * {@code metadata("k")} returns the stored value's own type.
 */
package io.influxdb3j.pipeline.python;
