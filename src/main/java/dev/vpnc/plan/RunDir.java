package dev.vpnc.plan;

/**
 * Where a host's bundle keeps its run-time files: BIRD's control socket and pid file, the
 * output of its userspace tunnels. One folder per host under {@code /run/vpnc}, so that hosts
 * sharing a machine (as in the lab) never meet; the scripts, the systemd units, Ansible and the
 * lab all name it from here.
 */
public final class RunDir {
    public static final String BASE = "/run/vpnc";

    private RunDir() {
    }

    public static String of(String host) {
        return BASE + "/" + host;
    }

    /** BIRD 2's control socket (BIRD 1.6 has one per daemon, named by the emitter's daemons). */
    public static String birdCtl(String host) {
        return of(host) + "/bird.ctl";
    }

    /**
     * The file a gateway's probe.sh writes while its health probe fails, which its BIRD configs
     * include (a few BIRD statements).
     */
    public static String probeFailed(String host) {
        return of(host) + "/probe-failed.conf";
    }

    /**
     * {@link #probeFailed} as a glob pattern that matches only that file: the last letter of
     * {@link #BASE} in brackets. BIRD includes nothing for a pattern that matches no file, even
     * where the folders do not exist, where a plain path that is missing is an error.
     */
    public static String probeFailedPattern(String host) {
        String base = BASE.substring(0, BASE.length() - 1) + "[" + BASE.charAt(BASE.length() - 1) + "]";
        return base + "/" + host + "/probe-failed.conf";
    }

    /** BIRD 2's pid file. */
    public static String birdPid(String host) {
        return of(host) + "/bird.pid";
    }
}
