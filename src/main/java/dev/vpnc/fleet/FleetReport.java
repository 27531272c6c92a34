package dev.vpnc.fleet;

import java.util.List;

/**
 * The fleet's state, judged against the compiled network ({@link FleetStatus}). Every string in
 * it is safe to print. {@link #render()} is the table of {@code vpnc status}, {@link #toJson()}
 * its {@code --json}.
 *
 * @param verdict  the worst of the hosts' verdicts, a host without a status counting as degraded:
 *                 never {@code UNKNOWN}
 * @param hosts    every host of the network, by name
 * @param suspects what the hosts that have a status say of those that have none
 * @param down     tunnels and sessions not up, each once for its two ends
 * @param sites    remote sites reached over fewer next hops than compiled, or not at all
 * @param drift    what differs on a host from its bundle (status.sh's drift), and tunnels its
 *                 status has that the compiled network has not, or the other way round
 * @param problems files that are there but were not read, or not trusted
 */
public record FleetReport(String network, Verdict verdict, List<HostRow> hosts, List<Suspect> suspects,
                          List<Down> down, List<SiteRow> sites, List<DriftRow> drift, List<Problem> problems) {
    public FleetReport {
        hosts = List.copyOf(hosts);
        suspects = List.copyOf(suspects);
        down = List.copyOf(down);
        sites = List.copyOf(sites);
        drift = List.copyOf(drift);
        problems = List.copyOf(problems);
    }

    /** @param note why a host is not ok, or why it has no status; empty when there is nothing to say */
    public record HostRow(String host, String site, String kind, Verdict verdict, String note) {
    }

    /**
     * A host without a status, as its peers see it.
     *
     * @param finding {@code probably down}, {@code running} (its peers see it up: only its status
     *                is missing) or {@code unclear}
     */
    public record Suspect(String host, String finding, String why) {
    }

    /**
     * A tunnel or a session not up, seen from both ends.
     *
     * @param kind {@code tunnel}, {@code BIRD}, {@code FRR}, {@code BGP}, {@code BFD}, {@code OSPF}
     * @param a    one end (the first by name)
     * @param b    the other end; empty for BIRD or FRR itself
     * @param ends what each end says (a host without a status: {@code no status})
     */
    public record Down(String kind, String a, String b, List<End> ends) {
        public Down {
            ends = List.copyOf(ends);
        }
    }

    /** @param name the interface or session at this end */
    public record End(String host, String name, String state) {
    }

    /**
     * Hosts of site {@code from} that reach {@code to} over fewer next hops than compiled.
     *
     * @param unreachableFrom hosts with a prefix of {@code to} without any next hop
     * @param degradedAt      hosts with a prefix of {@code to} short of next hops
     */
    public record SiteRow(String from, String to, Verdict verdict, List<String> unreachableFrom,
                          List<String> degradedAt) {
        public SiteRow {
            unreachableFrom = List.copyOf(unreachableFrom);
            degradedAt = List.copyOf(degradedAt);
        }
    }

    /** @param detail status.sh's word ({@code differs}, {@code missing}, {@code unexpected}), or {@code not-compiled}, {@code not-reported} */
    public record DriftRow(String host, String kind, String subject, String detail) {
    }

    /** @param message names the file: "v1-1.json: `tunnels[0].rx_bytes` is not a number" */
    public record Problem(String host, String message) {
    }

    /** How many hosts have this verdict. */
    public long count(Verdict v) {
        return hosts.stream().filter(h -> h.verdict() == v).count();
    }

    /** The table, for a person. */
    public String render() {
        return FleetTable.render(this);
    }

    /** One JSON object, for a machine. */
    public String toJson() {
        return FleetJson.render(this);
    }
}
