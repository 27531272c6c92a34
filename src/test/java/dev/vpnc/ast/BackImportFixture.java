package dev.vpnc.ast;

import dev.vpnc.plan.NetworkPlan;

/** A deliberate back-import (ast using plan), for ArchitectureTest to catch; test code only. */
public final class BackImportFixture {
    NetworkPlan plan;

    private BackImportFixture() {
    }
}
