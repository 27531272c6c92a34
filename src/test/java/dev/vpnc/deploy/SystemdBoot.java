package dev.vpnc.deploy;

import dev.vpnc.netns.NetnsLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What systemd does at boot with the units an install enabled, done by hand in an emulated host
 * (there is no systemd here to do it): the units that multi-user.target wants under the install
 * root, each after the enabled units its After= names; for each, its Environment=, then its
 * ExecStartPre=, ExecStart= (in the background for Type=simple, its pid becoming $MAINPID) and
 * ExecStartPost= commands, inside its NetworkNamespacePath= when it has one. A "-" prefix lets a
 * command fail, as in systemd. The sandbox settings are not emulated: systemd-analyze verifies
 * them, and they were tried under a real systemd 252 (docs/output.md).
 *
 * <p>Commands run as written in the unit: the host sees the install root's /etc (an overlay
 * mounted on /etc in its mount namespace, see {@link #mountEtc}), so /etc/vpnc/up.sh and its
 * default /etc/vpnc/secrets are the installed ones.
 */
final class SystemdBoot {
    /** systemd's PATH for system services. */
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** A unit file's settings, in file order (a key may repeat). */
    record Unit(String name, Map<String, List<String>> settings) {
        List<String> all(String key) {
            return settings.getOrDefault(key, List.of());
        }

        String one(String key, String otherwise) {
            List<String> values = all(key);
            return values.isEmpty() ? otherwise : values.get(values.size() - 1);
        }
    }

    private SystemdBoot() {
    }

    /** Parses a unit file; fails on what this emulation does not handle (continuation lines). */
    static Unit parse(Path file) throws IOException {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || line.startsWith("[")) {
                continue;
            }
            if (line.endsWith("\\")) {
                throw new IllegalArgumentException(file + ": continuation lines are not emulated: " + line);
            }
            int eq = line.indexOf('=');
            settings.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>()).add(line.substring(eq + 1).strip());
        }
        return new Unit(file.getFileName().toString(), settings);
    }

    /** The units multi-user.target wants under {@code root}, read through their links, in boot order. */
    static List<Unit> enabled(Path root) throws IOException {
        Path wants = root.resolve("etc/systemd/system/multi-user.target.wants");
        List<Unit> units = new ArrayList<>();
        try (Stream<Path> links = Files.list(wants)) {
            for (Path link : links.sorted().toList()) {
                // An absolute link, as systemctl --root writes it: relative to the root.
                Path target = Files.readSymbolicLink(link);
                units.add(parse(root.resolve(target.toString().replaceFirst("^/+", ""))));
            }
        }
        return bootOrder(units);
    }

    /** Each unit after the units of the list that its After= names. */
    static List<Unit> bootOrder(List<Unit> units) {
        List<Unit> order = new ArrayList<>();
        List<Unit> left = new ArrayList<>(units);
        while (!left.isEmpty()) {
            Unit next = left.stream().filter(u -> left.stream().noneMatch(o -> o != u && after(u).contains(o.name())))
                    .findFirst().orElseThrow(() -> new IllegalStateException("ordering cycle in " + left));
            order.add(next);
            left.remove(next);
        }
        return order;
    }

    private static List<String> after(Unit u) {
        return u.all("After").stream().flatMap(v -> Stream.of(v.split("\\s+"))).toList();
    }

    /** The install root's /etc over the host's own, in the host's mount namespace only. */
    static void mountEtc(NetnsLab.Host host, Path root) {
        host.shOk("mount -t overlay vpnct-etc -o lowerdir=" + root.resolve("etc") + ":/etc /etc");
    }

    /** Starts the enabled units of {@code root} in {@code host}; returns what ran, for messages. */
    static List<String> boot(NetnsLab.Host host, Path root) throws IOException {
        List<String> ran = new ArrayList<>();
        for (Unit unit : enabled(root)) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("PATH", PATH);
            for (String assignments : unit.all("Environment")) {
                for (String a : assignments.split("\\s+")) {
                    int eq = a.indexOf('=');
                    env.put(a.substring(0, eq), a.substring(eq + 1));
                }
            }
            String netns = unit.one("NetworkNamespacePath", null);
            for (String command : unit.all("ExecStartPre")) {
                ran.add(run(host, unit, env, netns, command, null, false));
            }
            String type = unit.one("Type", "simple");
            String mainPid = null;
            for (String command : unit.all("ExecStart")) {
                boolean background = type.equals("simple");
                String out = run(host, unit, env, netns, command, null, background);
                ran.add(out);
                if (background) {
                    mainPid = out.substring(out.lastIndexOf(' ') + 1);
                }
            }
            for (String command : unit.all("ExecStartPost")) {
                ran.add(run(host, unit, env, netns, command, mainPid, false));
            }
        }
        return ran;
    }

    private static String run(NetnsLab.Host host, Unit unit, Map<String, String> env, String netns, String command,
                              String mainPid, boolean background) {
        String line = command;
        boolean mayFail = false;
        while (!line.isEmpty() && "-+@:!".indexOf(line.charAt(0)) >= 0) {
            if (line.charAt(0) == '-') {
                mayFail = true;
            } else if (line.charAt(0) != '+') {
                throw new IllegalArgumentException(unit.name() + ": prefix not emulated: " + command);
            }
            line = line.substring(1);
        }
        if (line.matches(".*['\"\\\\;%].*")) {
            throw new IllegalArgumentException(unit.name() + ": quoting, escapes, specifiers not emulated: " + command);
        }
        List<String> argv = new ArrayList<>();
        if (netns != null) {
            argv.addAll(List.of("nsenter", "--net=" + netns, "--"));
        }
        for (String word : line.split("\\s+")) {
            argv.add(word.equals("$MAINPID") || word.equals("${MAINPID}") ? requirePid(unit, mainPid) : word);
        }
        StringBuilder script = new StringBuilder();
        for (String word : argv) {
            script.append('\'').append(word).append("' ");
        }
        String what = unit.name() + ": " + String.join(" ", argv);
        if (background) {
            // Its output to a log in the host's /run, as the journal would have it; its pid printed.
            String log = "/run/vpnct-boot-" + unit.name() + ".log";
            NetnsLab.Result r = host.run(20, env, "bash", "-c", script + "</dev/null >>" + log + " 2>&1 & echo $!");
            r.ok();
            return what + " (background) pid " + r.out().strip();
        }
        NetnsLab.Result r = host.run(60, env, "bash", "-c", script.toString());
        if (!mayFail) {
            r.ok();
        }
        return what + " -> exit " + r.exit();
    }

    private static String requirePid(Unit unit, String mainPid) {
        if (mainPid == null) {
            throw new IllegalArgumentException(unit.name() + ": $MAINPID without a main process");
        }
        return mainPid;
    }
}
