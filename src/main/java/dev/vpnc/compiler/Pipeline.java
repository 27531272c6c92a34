package dev.vpnc.compiler;

import dev.vpnc.ast.FileAst;
import dev.vpnc.check.Checks;
import dev.vpnc.check.TargetSupport;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.messages.SourceMessages;
import dev.vpnc.emit.Emitter;
import dev.vpnc.plan.Allocator;
import dev.vpnc.plan.GatewayPair;
import dev.vpnc.plan.KeyStore;
import dev.vpnc.plan.MtuCheck;
import dev.vpnc.plan.Lock;
import dev.vpnc.plan.NetworkPlan;
import dev.vpnc.plan.Planner;
import dev.vpnc.plan.Redundancy;
import dev.vpnc.plan.SharedKeys;
import dev.vpnc.plan.Topology;
import dev.vpnc.resolve.Loader;
import dev.vpnc.resolve.Model;
import dev.vpnc.resolve.Resolver;
import dev.vpnc.resolve.SourceReader;
import dev.vpnc.source.SourceFile;
import dev.vpnc.source.Span;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One compilation: source → model → allocations and keys → plan → rendered files. Stops at the
 * first phase that reports an error, so later phases never see a broken model. A run writes
 * nothing: the keys it had to make are in {@link Result#newKeys()}, and {@code cli.Commit} writes
 * them with the output and the lock, all or nothing.
 */
public final class Pipeline {
    /** What a run produced; {@code files} is null when there were errors. */
    public record Result(Diagnostics diagnostics, NetworkPlan plan, SortedMap<String, String> files, Lock lock,
                         Loader.Loaded loaded, Model model, KeyStore.NewKeys newKeys) {
        Result(Diagnostics diagnostics, Loader.Loaded loaded, Model model) {
            this(diagnostics, null, null, null, loaded, model, null);
        }
    }

    /** The phases of a run, in the order it enters them; a run that meets an error stops before the next. */
    public enum Phase {
        /** Reading and parsing the source and its imports. */
        PARSE,
        /** Names, profiles and defaults resolved into a model. */
        RESOLVE,
        /** The checks of the model, and of the targets it is written for. */
        CHECK,
        /** Allocations (lock), keys and the network plan. */
        PLAN,
        /** The files of every host's bundle. */
        RENDER
    }

    /**
     * Told as a run enters each phase (a command's progress line). {@code hosts} is the number of
     * hosts (gateways and routers) of the network once it is resolved, 0 before.
     */
    @FunctionalInterface
    public interface Listener {
        /** Tells nothing: the language server, the lab and tests. */
        Listener NONE = (phase, hosts) -> { };

        void entered(Phase phase, int hosts);
    }

    private Pipeline() {
    }

    /**
     * @param source  the .vpn file
     * @param secrets the key store folder
     * @param lockFile the lock file
     */
    public static Result run(Path source, Path secrets, Path lockFile) {
        return run(source, secrets, lockFile, List.of(), null);
    }

    /** A run whose result is to be written to {@code output}: E0323 when that folder overlaps an input. */
    public static Result run(Path source, Path secrets, Path lockFile, Path output) {
        return run(source, secrets, lockFile, List.of(), output);
    }

    /**
     * @param allowImports folders outside the source's own tree that imports may reach ({@code --allow-imports})
     * @param output       where compile will write the result (E0323 when it overlaps an input), or null
     */
    public static Result run(Path source, Path secrets, Path lockFile, List<Path> allowImports, Path output) {
        return run(source, secrets, lockFile, allowImports, output, Runner.COMPILE);
    }

    /**
     * @param runner the command that will run the result, and the BIRD versions it runs (E0210 for
     *               a host written for another)
     */
    public static Result run(Path source, Path secrets, Path lockFile, List<Path> allowImports, Path output,
                             Runner runner) {
        return run(source, secrets, lockFile, allowImports, output, runner, Listener.NONE);
    }

    /** @param listener told as the run enters each phase */
    public static Result run(Path source, Path secrets, Path lockFile, List<Path> allowImports, Path output,
                             Runner runner, Listener listener) {
        listener.entered(Phase.PARSE, 0);
        Diagnostics diagnostics = new Diagnostics();
        SourceReader reader = SourceReader.of(Loader.sourceDir(source), allowImports, secrets);
        Loader.Loaded loaded = Loader.loadAll(source, reader, diagnostics);
        if (output != null && !loaded.files().isEmpty()) {
            OutputPlacement.check(output, secrets, lockFile, loaded.files()).ifPresent(diagnostics::add);
        }
        return run(loaded, diagnostics, secrets, lockFile, runner, listener, true);
    }

    /**
     * A run that stops before rendering ({@code files} empty): what a command needs that works on
     * the plan, the lock or the keys only ({@code vpnc keys rotate}).
     */
    public static Result planOnly(Path source, Path secrets, Path lockFile, List<Path> allowImports) {
        Diagnostics diagnostics = new Diagnostics();
        SourceReader reader = SourceReader.of(Loader.sourceDir(source), allowImports, secrets);
        return run(Loader.loadAll(source, reader, diagnostics), diagnostics, secrets, lockFile, Runner.COMPILE,
                Listener.NONE, false);
    }

    /** A check of a text that is not on disk (an editor's buffer); imports resolve against, and stay under, {@code dir}. */
    public static Result check(SourceFile source, Path dir, Path secrets, Path lockFile) {
        Diagnostics diagnostics = new Diagnostics();
        return run(Loader.loadAll(source, dir, SourceReader.of(dir, List.of(), secrets), diagnostics), diagnostics,
                secrets, lockFile, Runner.COMPILE, Listener.NONE, true);
    }

    /**
     * An editor's check of its buffer: imports read from {@code unsaved} (by real path) when there
     * (the editor's other open buffers), and no files rendered ({@code files} empty): rendering
     * adds no diagnostic, and was 80% of each check of a 100-site mesh, redone at every keystroke.
     */
    public static Result checkBuffer(SourceFile source, Path dir, Path secrets, Path lockFile, Map<Path, String> unsaved) {
        Diagnostics diagnostics = new Diagnostics();
        SourceReader reader = SourceReader.of(dir, List.of(), secrets).withUnsaved(unsaved);
        return run(Loader.loadAll(source, dir, reader, diagnostics), diagnostics,
                secrets, lockFile, Runner.COMPILE, Listener.NONE, false);
    }

    private static Result run(Loader.Loaded loaded, Diagnostics diagnostics, Path secrets, Path lockFile, Runner runner,
                              Listener listener, boolean render) {
        if (loaded.files().isEmpty() || diagnostics.hasErrors()) {
            return new Result(diagnostics, loaded, null);
        }
        listener.entered(Phase.RESOLVE, 0);
        Model model = Resolver.resolve(loaded, diagnostics);
        if (model == null || diagnostics.hasErrors()) {
            return new Result(diagnostics, loaded, model);
        }
        int hosts = model.sites().stream().mapToInt(s -> s.gateways().size() + s.routers().size()).sum();
        listener.entered(Phase.CHECK, hosts);
        Checks.run(model, diagnostics);
        TargetSupport.check(model, runner.targets(), runner.command(), diagnostics);
        if (diagnostics.hasErrors()) {
            return new Result(diagnostics, loaded, model);
        }
        listener.entered(Phase.PLAN, hosts);
        Lock old = readLock(lockFile, diagnostics);
        if (!Allocator.fits(model, diagnostics)) {
            return new Result(diagnostics, loaded, model);
        }
        List<Topology.Pair> tunnels = Topology.tunnels(model);
        Redundancy.check(model, tunnels, diagnostics);
        MtuCheck.check(model, tunnels, diagnostics);
        Lock lock = Allocator.allocate(model, old, tunnels, diagnostics);
        if (diagnostics.hasErrors()) {
            return new Result(diagnostics, loaded, model);
        }
        KeyStore keys = new KeyStore(secrets, diagnostics);
        Map<String, String> publicKeys = new HashMap<>();
        Map<GatewayPair, Boolean> psk = new HashMap<>();
        model.sites().forEach(s -> s.gateways().forEach(g -> publicKeys.put(g.name().text(), keys.publicKey(g.name().text()))));
        for (Topology.Pair p : tunnels) {
            if (p.a().psk() || p.b().psk()) {
                psk.put(p.names(), keys.presharedKey(p.a().name().text(), p.b().name().text()));
            }
        }
        SharedKeys.check(model, publicKeys, diagnostics);
        if (diagnostics.hasErrors()) {
            return new Result(diagnostics, loaded, model);
        }
        NetworkPlan plan = Planner.plan(model, lock, tunnels, publicKeys, psk);
        if (!render) {
            return new Result(diagnostics, plan, Collections.emptySortedMap(), lock, loaded, model, keys.newKeys());
        }
        listener.entered(Phase.RENDER, hosts);
        return new Result(diagnostics, plan, Emitter.render(plan), lock, loaded, model, keys.newKeys());
    }

    /** Allocating afresh over an unreadable lock would silently move every tunnel: an error instead. */
    private static Lock readLock(Path lockFile, Diagnostics diagnostics) {
        SourceReader.Read read = SourceReader.lock(lockFile);
        if (read instanceof SourceReader.Refused r) {
            diagnostics.add(SourceMessages.readRefused(r.code(), new Span(SourceFile.opaque(lockFile.toString(), ""), 0, 0),
                    r.message(), r.label(), r.help()));
            return Lock.empty();
        }
        return Lock.parse(((SourceReader.Text) read).source(), diagnostics);
    }
}
