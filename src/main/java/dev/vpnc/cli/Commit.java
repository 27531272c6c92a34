package dev.vpnc.cli;

import dev.vpnc.io.SafeFiles;
import dev.vpnc.plan.KeyStore;
import dev.vpnc.plan.KeyWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Writes what a successful compile produced, as one transaction: the new keys, the output folder
 * and the lock file are all written, or none is. The output is staged beside the old one and the
 * lock's new text beside the lock; the keys are created; then the output is swapped in and the
 * lock renamed over the old one. A failure before the swap removes the keys this run created and
 * leaves everything else as it was; a failure of the lock's rename puts the old output back.
 * The caller holds the {@link dev.vpnc.io.RunLock} of the three.
 */
final class Commit {
    private Commit() {
    }

    /** What a commit wrote. */
    record Done(int filesWritten, List<Path> keysCreated, List<String> foldersMadePrivate) {
    }

    static Done write(Path output, Map<String, String> tree, Predicate<String> executable,
                      Path lockFile, String lockText, KeyStore.NewKeys keys) throws IOException, OutputWriter.Refused {
        OutputWriter.Staged staged = OutputWriter.stage(output, tree, executable);
        Path lockTmp = null;
        KeyWriter.Created created = null;
        try {
            if (OutputWriter.changes(lockFile, lockText)) {
                SafeFiles.publicDirs(lockFile.toAbsolutePath().getParent());
                lockTmp = SafeFiles.prepare(lockFile, lockText.getBytes(StandardCharsets.UTF_8), SafeFiles.PUBLIC_FILE);
            }
            created = KeyWriter.write(keys);
            staged.swap();
            if (lockTmp != null) {
                try {
                    SafeFiles.commit(lockTmp, lockFile);
                    lockTmp = null;
                } catch (IOException e) {
                    staged.undoSwap();
                    throw e;
                }
            }
        } catch (IOException | RuntimeException e) {
            staged.abandon();
            if (lockTmp != null) {
                Files.deleteIfExists(lockTmp);
            }
            if (created != null) {
                created.undo();
            }
            throw e;
        }
        staged.finish();
        return new Done(staged.written(), created.files(), created.repaired());
    }
}
