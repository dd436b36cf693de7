package io.influxdb3j.wal;

/**
 * Told of each WAL file once it is durable (and, at start-up, of each file replayed), in sequence
 * order, on the WAL's flush thread. The write buffer applies the rows here; the processing engine
 * subscribes here too. Writers waiting on the file are released only after every notifier returns,
 * so an acknowledged write is queryable.
 */
@FunctionalInterface
public interface WalFileNotifier {
    void onWalFile(WalContents contents);

    /**
     * Several consecutive durable files at once, in sequence order: the WAL hands over every file
     * that queued up while the previous one was being applied. The default takes them one by one;
     * the write buffer applies them together (one appender flush per table instead of one per file).
     * Either all are applied when this returns, or it throws.
     */
    default void onWalFiles(java.util.List<WalContents> files) {
        for (WalContents f : files) {
            onWalFile(f);
        }
    }
}
