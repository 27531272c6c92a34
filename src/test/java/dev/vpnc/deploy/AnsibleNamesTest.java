package dev.vpnc.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vpnc.testing.Project;
import dev.vpnc.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host, site and network names that YAML would read as booleans or null ({@code yes}, {@code NULL},
 * {@code On}, {@code True}, {@code No}), judged by Ansible itself: unquoted, they made
 * ansible-inventory reject the whole inventory; quoted, every host is listed with its variables.
 */
class AnsibleNamesTest {
    @TempDir
    Path work;

    private static final String NETWORK = """
            network No {
              tunnels ipv6 2001:db8:ff::/64
              ports 5800..5899
            }
            profile edge { uplink eth0  lan eth1 }
            site True {
              prefixes 2001:db8:a1::/64
              subnet 2001:db8:f1::/64
              gateway yes uses edge { endpoint 2001:db8:1::1 }
              gateway NULL uses edge { endpoint 2001:db8:1::2 }
              router TRUE { lan eth0  hosts eth1 }
            }
            site Off {
              prefixes 2001:db8:a2::/64
              subnet 2001:db8:f2::/64
              gateway On uses edge { endpoint 2001:db8:2::1 }
              gateway False uses edge { endpoint 2001:db8:2::2 }
            }
            """;

    @Test
    void namesYamlWouldMisreadAreQuotedAndAnsibleListsEveryHost() throws Exception {
        Tools.require("ansible-inventory");
        Tools.require("ansible-playbook");
        Files.writeString(work.resolve("net.vpn"), NETWORK);
        Project.Run r = Project.cli("compile", work.resolve("net.vpn").toString(), "-o", work.resolve("out").toString());
        assertEquals(0, r.exit(), r.err());
        Path ansible = work.resolve("out/ansible");

        Tools.Result list = Tools.run(null, "ansible-inventory", "-i", ansible.resolve("inventory.yml").toString(), "--list");
        assertEquals(0, list.exit(), list.err());
        assertTrue(!list.err().contains("Failed to parse"), list.err());
        JsonObject inv = JsonParser.parseString(list.out()).getAsJsonObject();
        JsonObject hostvars = inv.getAsJsonObject("_meta").getAsJsonObject("hostvars");
        assertEquals(new TreeSet<>(List.of("yes", "NULL", "TRUE", "On", "False")), new TreeSet<>(hostvars.keySet()), list.out());
        assertEquals("True", hostvars.getAsJsonObject("yes").get("vpnc_site").getAsString());
        assertEquals("Off", hostvars.getAsJsonObject("On").get("vpnc_site").getAsString());
        TreeSet<String> routers = new TreeSet<>();
        inv.getAsJsonObject("vpnc_routers").getAsJsonArray("hosts").forEach(h -> routers.add(h.getAsString()));
        assertEquals(new TreeSet<>(List.of("TRUE")), routers);

        for (String playbook : List.of("deploy.yml", "status.yml")) {
            Tools.Result syntax = Tools.run(null, "ansible-playbook", "--syntax-check",
                    "-i", ansible.resolve("inventory.yml").toString(), ansible.resolve(playbook).toString());
            assertEquals(0, syntax.exit(), playbook + ": " + syntax.out() + syntax.err());
        }
    }
}
