package dev.vpnc.bench;

import dev.vpnc.check.Checks;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.emit.Emitter;
import dev.vpnc.plan.Allocator;
import dev.vpnc.plan.KeyStore;
import dev.vpnc.plan.Lock;
import dev.vpnc.plan.NetworkPlan;
import dev.vpnc.plan.Planner;
import dev.vpnc.plan.Topology;
import dev.vpnc.resolve.Loader;
import dev.vpnc.resolve.Model;
import dev.vpnc.resolve.Resolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The compiler's phases, each on its own, over the benchmark's networks (the reference example
 * and generated meshes): parse (read and parse the source and its imports), check (resolve and
 * checks), plan (topology, allocation, per-host plans; keys made beforehand) and render
 * (templates to file contents, no disk writes). Run with {@code scripts/jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PhasesBenchmark {
    @Param({"reference", "mesh-10", "mesh-50", "mesh-100"})
    public String network;

    private Path dir;
    private Path source;
    private Loader.Loaded loaded;
    private Model model;
    private Map<String, String> publicKeys;
    private NetworkPlan plan;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("vpnc-jmh");
        source = dir.resolve("net.vpn");
        Files.writeString(source, text(network), StandardCharsets.UTF_8);
        Diagnostics diagnostics = new Diagnostics();
        loaded = Loader.loadAll(source, diagnostics);
        model = Resolver.resolve(loaded, diagnostics);
        Checks.run(model, diagnostics);
        if (diagnostics.hasErrors()) {
            throw new IllegalStateException(network + " does not compile clean");
        }
        KeyStore keys = new KeyStore(dir.resolve("secrets"), diagnostics);
        publicKeys = new HashMap<>();
        model.sites().forEach(s -> s.gateways().forEach(g -> publicKeys.put(g.name().text(), keys.publicKey(g.name().text(), true))));
        plan = plan();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String text(String network) throws IOException {
        if (network.equals("reference")) {
            Path root = Path.of(System.getProperty("vpnc.projectRoot", "."));
            return Files.readString(root.resolve("examples/reference/net.vpn"), StandardCharsets.UTF_8);
        }
        int dash = network.lastIndexOf('-');
        return NetworkGenerator.generate(network.substring(0, dash), Integer.parseInt(network.substring(dash + 1)));
    }

    @Benchmark
    public Loader.Loaded parse() {
        return Loader.loadAll(source, new Diagnostics());
    }

    @Benchmark
    public Diagnostics check() {
        Diagnostics diagnostics = new Diagnostics();
        Checks.run(Resolver.resolve(loaded, diagnostics), diagnostics);
        return diagnostics;
    }

    @Benchmark
    public NetworkPlan plan() {
        List<Topology.Pair> tunnels = Topology.tunnels(model);
        Lock lock = Allocator.allocate(model, Lock.empty(), tunnels, new Diagnostics());
        return Planner.plan(model, lock, tunnels, publicKeys, Map.of());
    }

    @Benchmark
    public SortedMap<String, String> render() {
        return Emitter.render(plan);
    }
}
