package dev.vpnc;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * The tests that run networks (namespaces, wireguard-go, BIRD, labs), one after the other in one
 * JVM: two labs at once would share the machine's two cores and check each other's leftovers.
 * Surefire runs this suite in one fork and every other test class in a second fork beside it
 * (pom.xml: forkCount 2, alphabetical order, which hands this class out among the first two, so
 * it starts at once). The classes below are excluded from Surefire's own scan;
 * {@code mvn test -Dtest=LabOnExamplesTest} still runs one alone.
 */
@Suite
@SuiteDisplayName("networks: namespaces, labs")
@SelectClasses(names = {
        // By name: the classes are package-private. Fastest first, so a broken set-up fails early.
        "dev.vpnc.netns.ScriptsInNamespacesTest",
        "dev.vpnc.deploy.AnsibleOnEmulatedHostsTest",
        "dev.vpnc.deploy.UnitsUnderSystemdTest",
        "dev.vpnc.lab.LabCleanupTest",
        "dev.vpnc.lab.LabOnExamplesTest",
        "dev.vpnc.lab.ReloadInLabTest",
})
public class NetworkSuite {
}
