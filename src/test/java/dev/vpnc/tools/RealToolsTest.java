package dev.vpnc.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.tools.RealTools.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each check accepts a good file and rejects a broken one: a check that cannot fail proves nothing. */
class RealToolsTest {
    private static final String GOOD_BIRD = """
            router id 192.0.2.1;
            protocol device {
            }
            """;

    private static final String GOOD_SCRIPT = """
            #!/usr/bin/env bash
            set -euo pipefail
            here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
            echo "$here"
            """;

    private static final String GOOD_WG = """
            [Interface]
            ListenPort = 5800

            [Peer]
            PublicKey = 7BxonoZfCBTMvRgFYqCQYiPHtQkOYhww3DDBIucGrgk=
            Endpoint = [2001:db8:2::1]:5801
            AllowedIPs = 0.0.0.0/0, ::/0
            """;

    private static final String GOOD_UNIT = """
            [Unit]
            Description=test
            Wants=network-online.target
            After=network-online.target

            [Service]
            Type=oneshot
            RemainAfterExit=yes
            ExecStart=/etc/vpnc/up.sh
            ExecStop=/etc/vpnc/down.sh
            CapabilityBoundingSet=CAP_NET_ADMIN
            NoNewPrivileges=yes
            ProtectSystem=strict
            ProtectHome=yes
            PrivateTmp=yes
            PrivateDevices=yes
            ProtectKernelTunables=yes
            ProtectKernelModules=yes
            ProtectControlGroups=yes
            RestrictAddressFamilies=AF_UNIX AF_NETLINK
            RestrictNamespaces=yes
            SystemCallFilter=@system-service

            [Install]
            WantedBy=multi-user.target
            """;

    /** The same unit without its sandbox: what systemd-analyze security calls UNSAFE. */
    private static final String BARE_UNIT = GOOD_UNIT.substring(0, GOOD_UNIT.indexOf("CapabilityBoundingSet="))
            + GOOD_UNIT.substring(GOOD_UNIT.indexOf("\n[Install]"));

    @TempDir
    Path dir;

    @Test
    void birdAcceptsAGoodConfigAndRejectsASyntaxError() throws IOException {
        RealTools.requireTools(List.of("bird"));
        assertEquals(List.of(), RealTools.checkBird(write("good/bird.conf", GOOD_BIRD)));
        List<Failure> bad = RealTools.checkBird(write("bad/bird.conf", GOOD_BIRD + "protocol bgp x { neighbor; }\n"));
        assertEquals(1, bad.size(), bad::toString);
    }

    @Test
    void shellAcceptsAGoodScriptAndRejectsAFindingAndASyntaxError() throws IOException {
        RealTools.requireTools(List.of("bash", "shellcheck"));
        assertEquals(List.of(), RealTools.checkShell(write("good.sh", GOOD_SCRIPT)));
        // SC2086: unquoted expansion; valid bash, so only shellcheck complains.
        List<Failure> finding = RealTools.checkShell(write("finding.sh", GOOD_SCRIPT + "ls $here\n"));
        assertEquals(List.of("shellcheck"), finding.stream().map(Failure::tool).toList(), finding::toString);
        List<Failure> syntax = RealTools.checkShell(write("syntax.sh", GOOD_SCRIPT + "if true; then\n"));
        assertTrue(syntax.stream().anyMatch(f -> f.tool().equals("bash -n")), syntax::toString);
    }

    @Test
    void wgAcceptsAGoodConfigAndRejectsABadKeyAndAnUnknownKey() throws IOException {
        RealTools.requireTools(List.of("wg"));
        assertEquals(List.of(), RealTools.checkWireguard(write("good.conf", GOOD_WG)));
        List<Failure> badKey = RealTools.checkWireguard(write("badkey.conf",
                GOOD_WG.replace("7BxonoZfCBTMvRgFYqCQYiPHtQkOYhww3DDBIucGrgk=", "notakey=")));
        assertEquals(1, badKey.size(), badKey::toString);
        List<Failure> quick = RealTools.checkWireguard(write("quick.conf",
                GOOD_WG.replace("[Interface]", "[Interface]\nAddress = 10.0.0.1/31")));
        assertEquals(1, quick.size(), "wg-quick keys are not wg setconf format: " + quick);
    }

    @Test
    void nftAcceptsGoodRulesAndRejectsASyntaxErrorAndWhatTheKernelRefuses() throws IOException {
        RealTools.requireTools(List.of("nft", "unshare"));
        String good = "table inet vpnc\ndelete table inet vpnc\ntable inet vpnc {\n  chain input {\n"
                + "    type filter hook input priority filter; policy accept;\n"
                + "    udp dport 5800 ip6 saddr 2001:db8::1 counter accept\n  }\n}\n";
        assertEquals(List.of(), RealTools.checkNftables(write("good.nft", good)));
        assertEquals(1, RealTools.checkNftables(write("syntax.nft", good.replace("udp dport", "udp dportt"))).size());
        // parsed, but refused by the kernel when the transaction is checked: a jump to no chain
        assertEquals(1, RealTools.checkNftables(write("jump.nft", good.replace("counter accept", "jump nowhere"))).size());
    }

    @Test
    void systemdAcceptsGoodUnitsAndRejectsUnknownKeysAndMissingExecutables() throws IOException {
        RealTools.requireTools(List.of("systemd-analyze"));
        write("good/vpnc.service", GOOD_UNIT);
        assertEquals(List.of(), RealTools.checkUnits(dir.resolve("good")));
        // Unknown keys are only warnings (exit 0): the empty-stderr rule catches them.
        write("unknown/vpnc.service", GOOD_UNIT.replace("Type=oneshot", "Type=oneshot\nRemainAfterExits=yes"));
        List<Failure> unknown = RealTools.checkUnits(dir.resolve("unknown"));
        assertEquals(1, unknown.size(), unknown::toString);
        assertTrue(unknown.get(0).output().contains("RemainAfterExits"), unknown::toString);
        write("missing/vpnc.service", GOOD_UNIT.replace("/etc/vpnc/up.sh", "/opt/vpnc/up.sh"));
        assertEquals(1, RealTools.checkUnits(dir.resolve("missing")).size());
    }

    @Test
    void systemdSecurityAcceptsASandboxedUnitAndRejectsABareOne() throws IOException {
        RealTools.requireTools(List.of("systemd-analyze"));
        Path good = write("sandboxed/vpnc.service", GOOD_UNIT);
        RealTools.Exposure exposure = RealTools.exposure(good);
        assertTrue(exposure.level() <= RealTools.MAX_EXPOSURE, exposure::report);
        assertEquals(List.of(), RealTools.checkUnitSecurity(good.getParent()));
        Path bare = write("bare/vpnc.service", BARE_UNIT);
        assertTrue(RealTools.exposure(bare).level() > 9, () -> RealTools.exposure(bare).report());
        List<Failure> failures = RealTools.checkUnitSecurity(bare.getParent());
        assertEquals(1, failures.size(), failures::toString);
        assertTrue(failures.get(0).output().contains("UNSAFE"), failures::toString);
    }

    @Test
    void checkTreeDispatchesOnFileNames() throws IOException {
        RealTools.requireTools(RealTools.ALL_TOOLS);
        write("h/bird.conf", GOOD_BIRD);
        write("h/up.sh", GOOD_SCRIPT);
        write("h/wireguard/wg0.conf", GOOD_WG);
        write("h/systemd/vpnc.service", GOOD_UNIT);
        assertEquals(List.of(), RealTools.checkTree(dir));
        write("h/wireguard/wg1.conf", "[Interface]\nPrivateKey = x\n");
        write("h/down.sh", "#!/bin/bash\nrm -rf $1\n");
        List<Failure> failures = RealTools.checkTree(dir);
        assertEquals(List.of("shellcheck", "wg setconf"), failures.stream().map(Failure::tool).sorted().toList(),
                failures::toString);
    }

    private Path write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
