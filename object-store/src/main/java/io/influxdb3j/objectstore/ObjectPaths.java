package io.influxdb3j.objectstore;

import io.influxdb3j.common.ErrorCode;

/** Validation of object keys, shared by every store so both reject the same keys. */
final class ObjectPaths {
    /** Name prefix of a file store's in-flight temporary files; such names are never object keys. */
    static final String TEMP_PREFIX = ".tmp-";

    private ObjectPaths() {
    }

    /**
     * Accepts relative '/'-separated keys whose segments are non-empty and are not "." or "..",
     * so a key can never name something outside the store's root.
     */
    static String checkPath(String path) {
        if (path == null || path.isEmpty()) {
            throw invalid(path, "it is empty");
        }
        if (path.charAt(0) == '/' || path.charAt(0) == '\\') {
            throw invalid(path, "it is absolute; object paths are relative to the store root");
        }
        if (path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) {
            throw invalid(path, "it contains a NUL or backslash character");
        }
        int start = 0;
        while (true) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            checkSegment(path, path.substring(start, end));
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.startsWith(TEMP_PREFIX)) {
            throw invalid(path, "names starting with '" + TEMP_PREFIX + "' are reserved for temporary files");
        }
        return path;
    }

    /** A list prefix: empty (everything), or a partial key that must not escape the root. */
    static String checkPrefix(String prefix) {
        if (prefix == null) {
            throw invalid(null, "a list prefix must not be null; use \"\" to list everything");
        }
        if (prefix.isEmpty()) {
            return prefix;
        }
        if (prefix.charAt(0) == '/' || prefix.indexOf('\\') >= 0 || prefix.indexOf('\0') >= 0) {
            throw invalid(prefix, "a list prefix must be relative and use '/' separators");
        }
        for (String segment : prefix.split("/", -1)) {
            if (segment.equals("..")) {
                throw invalid(prefix, "it contains a '..' segment");
            }
        }
        return prefix;
    }

    private static void checkSegment(String path, String segment) {
        if (segment.isEmpty()) {
            throw invalid(path, "it has an empty segment (leading, trailing or doubled '/')");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw invalid(path, "it contains a '" + segment + "' segment");
        }
    }

    private static ObjectStoreException invalid(String path, String why) {
        return new ObjectStoreException(ErrorCode.INVALID_ARGUMENT,
                "invalid object path '" + path + "': " + why);
    }
}
