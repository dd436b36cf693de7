package io.influxdb3j.lp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files: each {@code golden/valid/*.lp} and {@code golden/invalid/*.lp} is parsed and rendered
 * by {@link TestingLineRecorder}; the text must equal the sibling {@code .expected} file. Run with
 * {@code -Dgolden.update=true} to rewrite the expected files instead, then review the diff.
 *
 * <p>An input whose first line is {@code #! max-string-bytes=N} is parsed with that limit (the line is
 * a comment to the parser).
 */
class LineProtocolGoldenTest {
    private static final Path ROOT = Path.of("src", "test", "resources", "golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicTest> validInputs() throws IOException {
        return cases("valid", true);
    }

    @TestFactory
    Stream<DynamicTest> invalidInputs() throws IOException {
        return cases("invalid", false);
    }

    private static Stream<DynamicTest> cases(String directory, boolean valid) throws IOException {
        List<Path> inputs;
        try (Stream<Path> files = Files.list(ROOT.resolve(directory))) {
            inputs = files.filter(p -> p.getFileName().toString().endsWith(".lp")).sorted().toList();
        }
        assertThat(inputs).isNotEmpty();
        return inputs.stream().map(input -> DynamicTest.dynamicTest(directory + "/" + input.getFileName(), () -> check(input, valid)));
    }

    private static void check(Path input, boolean valid) throws IOException {
        byte[] body = Files.readAllBytes(input);
        LineProtocolParser parser = parserFor(body);
        TestingLineRecorder recorder = new TestingLineRecorder();
        parser.parse(body, 0, body.length, recorder);
        String actual = recorder.text();

        Path expectedFile = input.resolveSibling(input.getFileName().toString().replaceFirst("\\.lp$", ".expected"));
        if (UPDATE) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
        } else {
            assertThat(expectedFile).exists();
            assertThat(actual).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
        }
        LineProtocolParser cutFirst = parserFor(body);
        cutFirst.optimisticPass = false;
        assertThat(TestingLineRecorder.render(cutFirst, body)).as("cutting lines first").isEqualTo(actual);
        if (valid) {
            assertThat(recorder.errors()).as("errors in a valid input").isEmpty();
            assertReserialisedLinesReadBack(parser, recorder);
        } else {
            assertThat(recorder.errors()).as("errors in an invalid input").isNotEmpty();
        }
    }

    /** Writing each parsed line back out and parsing that gives the same content. */
    private static void assertReserialisedLinesReadBack(LineProtocolParser parser, TestingLineRecorder first) {
        for (TestingLineRecorder.Reserialised line : first.reserialised()) {
            byte[] again = line.lineProtocol().getBytes(StandardCharsets.UTF_8);
            StringBuilder reparsed = new StringBuilder();
            parser.parse(again, 0, again.length, new ContentOnly(reparsed));
            assertThat(reparsed.toString()).as(line.lineProtocol()).isEqualTo(line.content());
        }
    }

    static LineProtocolParser parserFor(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 64), StandardCharsets.UTF_8);
        String directive = "#! max-string-bytes=";
        if (head.startsWith(directive)) {
            int end = head.indexOf('\n');
            return new LineProtocolParser(Integer.parseInt(head.substring(directive.length(), end).trim()));
        }
        return new LineProtocolParser();
    }

    private record ContentOnly(StringBuilder out) implements LineSink {
        @Override
        public boolean onLine(ParsedLine line) {
            TestingLineRecorder.appendContent(out, line);
            return true;
        }

        @Override
        public boolean onError(LineError error) {
            out.append("error: ").append(error.message()).append('\n');
            return true;
        }
    }
}
