package io.influxdb3j.storage;

import io.influxdb3j.lp.LineError;
import io.influxdb3j.wal.WalOp;
import java.util.List;

/**
 * The outcome of validating one write request: the rows to log (null when no line is valid or the
 * request was rejected whole), the line errors, and the number of lines accepted.
 */
public record ValidatedWrite(WalOp.Write op, List<LineError> errors, int acceptedLines, int totalLines) {
    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
