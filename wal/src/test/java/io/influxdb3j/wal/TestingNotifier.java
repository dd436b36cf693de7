package io.influxdb3j.wal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Records every WAL file it is told of, optionally running a hook first (to block or to fail). */
final class TestingNotifier implements WalFileNotifier {
    private final List<WalContents> files = new ArrayList<>();
    private final List<List<Long>> calls = new ArrayList<>();
    private volatile Consumer<WalContents> hook = c -> {
    };

    @Override
    public void onWalFile(WalContents contents) {
        synchronized (files) {
            calls.add(List.of(contents.sequence()));
        }
        record(contents);
    }

    /** Records the group as one call, then each file as {@link #onWalFile} would. */
    @Override
    public void onWalFiles(List<WalContents> group) {
        synchronized (files) {
            calls.add(group.stream().map(WalContents::sequence).toList());
        }
        for (WalContents c : group) {
            record(c);
        }
    }

    private void record(WalContents contents) {
        hook.accept(contents);
        synchronized (files) {
            files.add(contents);
        }
    }

    void setHook(Consumer<WalContents> hook) {
        this.hook = hook;
    }

    List<WalContents> files() {
        synchronized (files) {
            return List.copyOf(files);
        }
    }

    List<WalOp> ops() {
        List<WalOp> ops = new ArrayList<>();
        for (WalContents c : files()) {
            ops.addAll(c.ops());
        }
        return ops;
    }

    /** The sequences passed in each call, one list per call. */
    List<List<Long>> calls() {
        synchronized (files) {
            return List.copyOf(calls);
        }
    }

    List<Long> sequences() {
        return files().stream().map(WalContents::sequence).toList();
    }
}
