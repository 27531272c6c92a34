package dev.vpnc.cli;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.compiler.Runner;
import dev.vpnc.lab.LabException;
import dev.vpnc.lab.Recompile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.SortedMap;

/** The lab's key rotation check compiles the network of the command line, as `vpnc compile` would. */
final class LabRecompile implements Recompile {
    private final CommonOptions options;

    LabRecompile(CommonOptions options) {
        this.options = options;
    }

    @Override
    public Path lockFile() {
        return options.lock();
    }

    @Override
    public void rotate(Path secrets, Path lock, String host) throws IOException {
        // TODO(rotation): the key store's own rotation.
        Path key = secrets.resolve(host).resolve("private.key");
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        k[0] &= (byte) 248;
        k[31] &= 127;
        k[31] |= 64;
        Path tmp = key.resolveSibling(".new.key");
        Files.write(tmp, (Base64.getEncoder().encodeToString(k) + "\n").getBytes(StandardCharsets.US_ASCII));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.move(tmp, key, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public SortedMap<String, String> compile(Path secrets, Path lock) {
        Pipeline.Result r = Pipeline.run(options.source, secrets, lock, options.allowImports, null, Runner.LAB);
        if (r.files() == null) {
            throw new LabException("the network does not compile with the rotated keys: " + r.diagnostics());
        }
        return r.files();
    }
}
