package io.influxdb3j.wal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Records every WAL file it is told of, optionally running a hook first (to block or to fail). */
final class TestingNotifier implements WalFileNotifier {
    private final List<WalContents> files = new ArrayList<>();
    private volatile Consumer<WalContents> hook = c -> {
    };

    @Override
    public void onWalFile(WalContents contents) {
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

    List<Long> sequences() {
        return files().stream().map(WalContents::sequence).toList();
    }
}
