package dev.vpnc.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host's status as vpnc reads it: status.sh's own output (as documented in docs/output.md),
 * then what a broken or hostile host could leave instead: malformed JSON, wrong types, huge
 * numbers, deep nesting, terminal escapes; and files that are links, pipes, folders or too big.
 */
class StatusReadingTest {
    /** status.sh --json of a degraded gateway, as docs/output.md shows it, with a field it does not know. */
    static final String DEGRADED = "{\"host\":\"v1-1\",\"site\":\"v1\",\"kind\":\"gateway\",\"verdict\":\"degraded\","
            + "\"tunnels\":[{\"ifname\":\"wg-v2-1\",\"peer\":\"v2-1\",\"peer_site\":\"v2\",\"session\":\"bgp_v2_1\","
            + "\"handshake_age_seconds\":null,\"rx_bytes\":0,\"tx_bytes\":1480,\"state\":\"stale\",\"verdict\":\"degraded\"}],"
            + "\"sessions\":[{\"kind\":\"BGP\",\"name\":\"bgp_v2_1\",\"peer\":\"v2-1\",\"state\":\"Active\",\"verdict\":\"degraded\"}],"
            + "\"routes\":[{\"remote_site\":\"v2\",\"family\":\"ipv6\",\"prefix\":\"2001:db8:a2::/64\",\"match\":\"dev\","
            + "\"expected\":[\"wg-v2-1\",\"wg-v2-2\"],\"present\":[\"wg-v2-2\"],\"other\":[],\"verdict\":\"degraded\"}],"
            + "\"drift\":[],\"added_later\":{\"x\":[1,2]}}";

    @TempDir
    Path tmp;

    @Test
    void statusShOutputIsRead() throws Exception {
        HostStatus s = StatusJson.parse(" " + DEGRADED + "\n"); // as ansible/status.yml writes it
        assertEquals("v1-1", s.host());
        assertEquals(Verdict.DEGRADED, s.verdict());
        assertEquals(new HostStatus.Tunnel("wg-v2-1", "v2-1", "v2", "bgp_v2_1", null, 0, 1480, "stale", Verdict.DEGRADED),
                s.tunnels().get(0));
        assertEquals(List.of("wg-v2-2"), s.routes().get(0).present());
    }

    private static String malformed(String text) {
        return assertThrows(StatusJson.Malformed.class, () -> StatusJson.parse(text)).getMessage();
    }

    @Test
    void malformedStatusesSayWhatIsWrong() {
        assertEquals("it is empty", malformed(" \n"));
        assertTrue(malformed("status.sh: unknown argument").startsWith("it is not valid JSON"));
        assertTrue(malformed("{'host':'v1-1'}").startsWith("it is not valid JSON"), "strict: no single quotes");
        assertEquals("it holds more than one JSON value", malformed(DEGRADED + " {}"));
        assertEquals("the file is not a JSON object", malformed("[1]"));
        assertEquals("`routes` is missing", malformed(DEGRADED.replace("\"routes\"", "\"r\"")));
        assertEquals("`host` is not a string", malformed(DEGRADED.replace("\"host\":\"v1-1\"", "\"host\":7")));
        assertEquals("`verdict` is `fine`: ok, degraded or broken", malformed(DEGRADED.replace("\"verdict\":\"degraded\",\"tunnels\"",
                "\"verdict\":\"fine\",\"tunnels\"")));
        assertEquals("`rx_bytes` of `tunnels[0]` is not a whole number of 0 or more",
                malformed(DEGRADED.replace("\"rx_bytes\":0", "\"rx_bytes\":-1")));
        assertEquals("`rx_bytes` of `tunnels[0]` is not a whole number of 0 or more",
                malformed(DEGRADED.replace("\"rx_bytes\":0", "\"rx_bytes\":1" + "0".repeat(25))));
        // Gson itself refuses a number of a hundred thousand digits: never converted either way.
        assertTrue(malformed(DEGRADED.replace("\"rx_bytes\":0", "\"rx_bytes\":1" + "0".repeat(100_000)))
                .startsWith("it is not valid JSON (line 1, column"));
        assertEquals("`tx_bytes` of `tunnels[0]` is not a whole number of 0 or more",
                malformed(DEGRADED.replace("\"tx_bytes\":1480", "\"tx_bytes\":1e400")));
        assertEquals("`tx_bytes` of `tunnels[0]` is not a number", malformed(DEGRADED.replace("\"tx_bytes\":1480", "\"tx_bytes\":\"1480\"")));
        assertEquals("an item of `present` of `routes[0]` is not a string",
                malformed(DEGRADED.replace("\"present\":[\"wg-v2-2\"]", "\"present\":[{}]")));
        assertEquals("`sessions[0]` is not a JSON object", malformed(DEGRADED.replace("\"sessions\":[{", "\"sessions\":[7,{")));
        assertTrue(malformed("[".repeat(100_000)).startsWith("it is not valid JSON"));
    }

    @Test
    void stringsFromAHostAreMadeSafeToPrint() throws Exception {
        HostStatus s = StatusJson.parse(DEGRADED.replace("\"state\":\"Active\"", "\"state\":\"\\u001b]0;owned\\u0007\\u202eAct\"")
                .replace("\"subject\"", "\"subject\"").replace("\"drift\":[]",
                        "\"drift\":[{\"kind\":\"file\",\"subject\":\"" + "x".repeat(5000) + "\",\"detail\":\"differs\"}]"));
        assertEquals("\\u{1b}]0;owned\\u{7}\\u{202e}Act", s.sessions().get(0).state());
        assertEquals(StatusJson.MAX_TEXT + 3, s.drift().get(0).subject().length());
    }

    @Test
    void filesThatAreNotPlainAreRefused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("st"));
        Files.writeString(tmp.resolve("secret.json"), DEGRADED);
        Files.createSymbolicLink(dir.resolve("v1-1.json"), tmp.resolve("secret.json"));
        Files.createDirectories(dir.resolve("v1-2.json"));
        Files.write(dir.resolve("v2-1.json"), new byte[StatusFiles.MAX_BYTES + 1]);
        Files.write(dir.resolve("v2-2.json"), new byte[] {'{', (byte) 0xff, '}'});
        Files.writeString(dir.resolve("v3-1.json"), DEGRADED);
        assertEquals(new Collected.Refused("v1-1.json is a symbolic link, which is not followed"), StatusFiles.read(dir, "v1-1"));
        assertEquals(new Collected.Refused("v1-2.json is a directory, not a regular file"), StatusFiles.read(dir, "v1-2"));
        assertEquals(new Collected.Refused("v2-1.json is larger than 1 MiB"), StatusFiles.read(dir, "v2-1"));
        assertEquals(new Collected.Refused("v2-2.json is not UTF-8 text"), StatusFiles.read(dir, "v2-2"));
        assertEquals(new Collected.Json(DEGRADED), StatusFiles.read(dir, "v3-1"));
        assertEquals(new Collected.Missing("no file v3-2.json in " + dir), StatusFiles.read(dir, "v3-2"));
        Tools.require("mkfifo");
        assertEquals(0, Tools.run(null, "mkfifo", dir.resolve("r1.json").toString()).exit());
        // Never opened: a pipe nobody writes to would block the read for ever.
        assertEquals(new Collected.Refused("r1.json is a special file, not a regular file"), StatusFiles.read(dir, "r1"));
    }
}
