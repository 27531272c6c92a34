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

    /** BIRD 2's pid file. */
    public static String birdPid(String host) {
        return of(host) + "/bird.pid";
    }
}
