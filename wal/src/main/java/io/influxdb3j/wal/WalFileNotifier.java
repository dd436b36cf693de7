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
}
