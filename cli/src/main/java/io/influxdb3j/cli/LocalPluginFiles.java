package io.influxdb3j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A plugin on the client's disk, for {@code create trigger --upload} and {@code update trigger}: a
 * single file, or a directory whose {@code .py} files (outside {@code __pycache__}) are sent.
 */
record LocalPluginFiles(Path root, boolean directory, List<File> files) {
    /** One file: its path relative to the directory ({@code /}-separated), or its name, and its text. */
    record File(String relativePath, String content) {
    }

    static LocalPluginFiles read(String path) {
        Path root = Path.of(path).toAbsolutePath().normalize();
        if (!Files.exists(root)) {
            throw new CliException("plugin path " + path + " does not exist");
        }
        try {
            if (!Files.isDirectory(root)) {
                return new LocalPluginFiles(root, false,
                        List.of(new File(root.getFileName().toString(), Files.readString(root, StandardCharsets.UTF_8))));
            }
            if (!Files.isRegularFile(root.resolve("__init__.py"))) {
                throw new CliException("plugin directory " + path + " must contain __init__.py");
            }
            List<File> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path f : walk.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".py"))
                        .filter(f -> !root.relativize(f).toString().contains("__pycache__")).sorted().toList()) {
                    files.add(new File(root.relativize(f).toString().replace('\\', '/'),
                            Files.readString(f, StandardCharsets.UTF_8)));
                }
            }
            return new LocalPluginFiles(root, true, List.copyOf(files));
        } catch (java.nio.charset.MalformedInputException e) {
            throw new CliException("plugin " + path + " is not UTF-8 text");
        } catch (IOException | UncheckedIOException e) {
            throw new CliException("cannot read plugin " + path + ": " + e.getMessage());
        }
    }

    /** The name the server knows the plugin by: the file's or the directory's name. */
    String pluginName() {
        return root.getFileName().toString();
    }
}
