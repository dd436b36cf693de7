package io.influxdb3j.pipeline.python;

import io.influxdb3j.pipeline.PipelineException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a python component's code runs (the {@code mode} key). */
public enum PythonMode {
    /**
     * The main interpreter. All global-mode work of the whole process runs on one dedicated thread,
     * one call at a time, and shares {@code __main__}: objects can pass between components
     * ({@code serializer: none}).
     */
    GLOBAL("global"),
    /** Sub-interpreters with their own GIL and allocator: processors run in parallel, one per pipeline thread. */
    ISOLATED("isolated"),
    /** Sub-interpreters sharing the main GIL and allocator: separate namespaces, legacy extensions allowed. */
    ISOLATED_LEGACY("isolated_legacy");

    private final String configName;

    PythonMode(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** Case-insensitive, as rp-connect-python. */
    public static PythonMode parse(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (PythonMode mode : values()) {
            if (mode.configName.equals(lower)) {
                return mode;
            }
        }
        throw new PipelineException("invalid mode '" + value + "': use one of " + names());
    }

    static String names() {
        return Arrays.stream(values()).map(PythonMode::configName).collect(Collectors.joining(", "));
    }
}
