/**
 * The subset of Bloblang that pipeline configs use: {@link io.influxdb3j.pipeline.bloblang.Mapping} (assignments to
 * {@code root}, {@code root.a.b}, {@code meta k}, {@code let}; {@code if}; literals; {@code this} paths; functions
 * such as {@code uuid_v4()}, {@code counter()}, {@code now()}, {@code timestamp_unix()}, {@code content()},
 * {@code meta("k")}; methods such as {@code .uppercase()}, {@code .format()}) and
 * {@link io.influxdb3j.pipeline.bloblang.InterpolatedString} ({@code ${! ... }}). Parse errors name line and column;
 * anything outside the subset is a parse error. JSON is written compact with sorted keys, as Go writes it.
 */
package io.influxdb3j.pipeline.bloblang;
