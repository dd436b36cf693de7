package io.influxdb3j.pipeline.components;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands file path patterns as Redpanda Connect does: {@code *}, {@code ?}, {@code [...]}, {@code {a,b}} within
 * one path segment and {@code **} across segments (also matching zero directories). Results are sorted and
 * cleaned like Go's {@code filepath.Glob}: {@code ./examples/*.yaml} gives {@code examples/a.yaml}.
 */
final class Globs {
    /** One match: the path as shown (cleaned pattern-relative text) and the file to open. */
    record Match(String display, Path file) {
    }

    private Globs() {
    }

    static boolean isGlob(String pattern) {
        return pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    static List<Match> expand(Path base, String pattern) {
        if (!isGlob(pattern)) {
            Path file = base.resolve(pattern);
            return Files.isRegularFile(file) ? List.of(new Match(clean(pattern), file)) : List.of();
        }
        String[] segments = pattern.split("/", -1);
        int firstGlob = 0;
        while (firstGlob < segments.length && !isGlob(segments[firstGlob])) {
            firstGlob++;
        }
        String prefix = String.join("/", java.util.Arrays.copyOfRange(segments, 0, firstGlob));
        if (pattern.startsWith("/") && prefix.isEmpty()) {
            prefix = "/";
        }
        String rest = String.join("/", java.util.Arrays.copyOfRange(segments, firstGlob, segments.length));
        Path root = prefix.isEmpty() ? base : base.resolve(prefix);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        boolean deep = rest.contains("**");
        int depth = deep ? Integer.MAX_VALUE : segments.length - firstGlob;
        List<PathMatcher> matchers = new ArrayList<>();
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + rest));
        if (deep) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + rest.replace("**/", "")));
        }
        List<Match> out = new ArrayList<>();
        String shownPrefix = prefix;
        try (Stream<Path> walk = Files.walk(root, depth)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                Path rel = root.relativize(p);
                if (matchers.stream().anyMatch(m -> m.matches(rel))) {
                    String relText = rel.toString().replace('\\', '/');
                    out.add(new Match(clean(shownPrefix.isEmpty() ? relText : shownPrefix + "/" + relText), p));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort((a, b) -> a.display().compareTo(b.display()));
        return out;
    }

    /** Go's {@code filepath.Clean} for display: no {@code ./}, no doubled or trailing slashes, {@code ..} resolved. */
    static String clean(String path) {
        boolean absolute = path.startsWith("/");
        List<String> parts = new ArrayList<>();
        for (String seg : path.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..") && !parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
                parts.remove(parts.size() - 1);
            } else if (!(seg.equals("..") && absolute)) {
                parts.add(seg);
            }
        }
        String joined = String.join("/", parts);
        if (absolute) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /** Every match of every pattern, de-duplicated, in pattern order. */
    static List<Match> expandAll(Path base, List<String> patterns) {
        LinkedHashSet<Match> all = new LinkedHashSet<>();
        for (String p : patterns) {
            all.addAll(expand(base, p));
        }
        return List.copyOf(all);
    }
}
