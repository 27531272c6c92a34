package dev.vpnc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A burst of edits is analysed once, for its last text; a request sees the latest text. */
class LspBuffersTest {
    @TempDir
    Path tmp;

    @Test
    void editsMadeWhileAnAnalysisRunsAreAnalysedOnceForTheLastText() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch burstSent = new CountDownLatch(1);
        List<String> analysed = new CopyOnWriteArrayList<>();
        List<Integer> versions = new CopyOnWriteArrayList<>();
        Buffers buffers = new Buffers((uri, version, a) -> {
            versions.add(version);
            analysed.add(a.source().text());
            firstRunning.countDown();
            try {
                burstSent.await(30, TimeUnit.SECONDS);  // the worker is busy while the edits arrive
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, (uri, e) -> { throw e; });
        try {
            String uri = tmp.resolve("net.vpn").toUri().toString();
            buffers.put(uri, "network n {}\n", 1);
            assertTrue(firstRunning.await(30, TimeUnit.SECONDS));
            for (int i = 1; i <= 20; i++) {
                buffers.put(uri, "network n {}\n# edit " + i + "\n", i + 1);
            }
            burstSent.countDown();
            assertEquals("network n {}\n# edit 20\n", buffers.get(uri).source().text(), "a request sees the last text");
            assertEquals(List.of("network n {}\n", "network n {}\n# edit 20\n"), analysed,
                    "the first text, then the last one: the 19 texts between were never current when the worker was free");
            assertEquals(List.of(1, 21), versions, "each analysis told with the version it analysed");
            buffers.reanalyse(uri);
            buffers.settle();
            assertEquals(3, analysed.size(), "a save analyses again, the same text");
            buffers.remove(uri);
            assertEquals(null, buffers.get(uri));
        } finally {
            buffers.close();
        }
    }
}
