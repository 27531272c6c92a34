package dev.vpnc.lab;

import dev.vpnc.plan.RunDir;
import dev.vpnc.resolve.RoutingSuite;

/**
 * Shell lines that look at a host's routing daemons, BIRD's or FRR's, for the checks that compare
 * two looks (check 5: up.sh again changes nothing; check 6: reload.sh restarts nothing).
 */
final class RoutingShell {
    private RoutingShell() {
    }

    /**
     * One line per BGP session with its state; on FRR also its count of connections established
     * and dropped, so that a session that flapped between two looks shows.
     */
    static String sessionStates(LabLayout layout, String host) {
        if (layout.routing(host) == RoutingSuite.FRR) {
            return FrrSessions.vtysh(host) + " -d bgpd -c 'show bgp neighbors' 2>/dev/null | awk '"
                    + "/^BGP neighbor is/ { n = $4 } /^ +BGP state = / { s = $4 } "
                    + "/^ +Connections established/ { print n, s, $3, $5 }'";
        }
        return "birdc -s " + RunDir.birdCtl(host) + " show protocols | awk 'NR > 2 {print $1, $2, $4, $6}'";
    }

    /** The pid of each routing daemon: a reload must keep them all. */
    static String daemonPids(LabLayout layout, String host) {
        if (layout.routing(host) == RoutingSuite.FRR) {
            return "for f in /run/frr/vpnc-" + host + "/*.pid; do echo \"${f##*/} $(cat \"$f\")\"; done";
        }
        return "echo bird $(cat " + RunDir.birdPid(host) + ")";
    }
}
