package dev.vpnc.lsp;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * The open buffers: each one's latest text at once, and its analysis made on one worker thread,
 * the latest edit winning. A check of a large network takes half a second; typing five characters
 * used to queue five checks, each blocking the next message, so the diagnostics lagged behind the
 * typing by seconds and a completion waited for all of them. Now a burst of edits is checked once,
 * for its last text, and a request waits only for the check of the text it is about.
 */
final class Buffers {
    /** A buffer's text, and the version the editor gave it (null when it gave none). */
    record Text(String text, Integer version) {
    }

    private final Map<String, Text> texts = new ConcurrentHashMap<>();
    private final Map<String, Analysis> analyses = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vpnc-lsp-analysis");
        t.setDaemon(true);
        return t;
    });
    private volatile Thread workerThread;
    /** Told of each analysis made (to publish its diagnostics), on the worker thread. */
    private final Analysed analysed;

    /** What is told of an analysis: the buffer, the version analysed, the analysis. */
    interface Analysed {
        void accept(String uri, Integer version, Analysis analysis);
    }
    /** Told when an analysis failed (a bug of ours): the client gets one line, not a stack trace. */
    private final BiConsumer<String, RuntimeException> failed;

    Buffers(Analysed analysed, BiConsumer<String, RuntimeException> failed) {
        this.analysed = analysed;
        this.failed = failed;
    }

    /** A buffer opened or changed: its text is current now, its analysis follows. */
    void put(String uri, String text, Integer version) {
        texts.put(uri, new Text(text, version));
        worker.execute(() -> refresh(uri, false));
    }

    /** Analyse again though the text is the same (saved: the files it imports may have changed on disk). */
    void reanalyse(String uri) {
        worker.execute(() -> refresh(uri, true));
    }

    void remove(String uri) {
        texts.remove(uri);
        worker.execute(() -> analyses.remove(uri));
    }

    /** The analysis of the buffer's latest text (waiting for the worker), or null when it is not open. */
    Analysis get(String uri) {
        settle();
        return analyses.get(uri);
    }

    /** Waits until every edit received so far is analysed (and its diagnostics published). */
    void settle() {
        if (Thread.currentThread() == workerThread) {
            return;
        }
        try {
            worker.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The open buffers' latest texts, by absolute path. */
    Map<Path, String> texts() {
        Map<Path, String> out = new HashMap<>();
        texts.forEach((uri, text) -> out.put(Documents.file(uri), text.text()));
        return out;
    }

    void close() {
        worker.shutdownNow();
    }

    private void refresh(String uri, boolean force) {
        workerThread = Thread.currentThread();
        Text text = texts.get(uri);
        Analysis have = analyses.get(uri);
        // Skipped when a later edit's task already analysed this very text (identity, not equality:
        // an edit that restores an earlier text still gets its own diagnostics).
        if (text == null || (!force && have != null && have.source().text() == text.text())) {
            return;
        }
        analyse(uri, text);
        // The open buffers that import this one see its new text now, not at their next edit.
        Path changed = Documents.file(uri);
        for (var other : List.copyOf(analyses.entrySet())) {
            if (!other.getKey().equals(uri) && texts.containsKey(other.getKey()) && other.getValue().result().loaded().files()
                    .stream().skip(1).anyMatch(f -> CrossFile.file(f.source()).equals(changed))) {
                analyse(other.getKey(), texts.get(other.getKey()));
            }
        }
    }

    private void analyse(String uri, Text text) {
        Path file = Documents.path(uri);
        Map<Path, String> others = texts();
        others.remove(Documents.file(uri));
        try {
            Analysis a = Analysis.of(file, text.text(), Documents.byRealPath(others));
            analyses.put(uri, a);
            analysed.accept(uri, text.version(), a);
        } catch (RuntimeException e) {
            failed.accept(uri, e);
        }
    }
}
