<#-- @ftlvariable name="units" type="dev.vpnc.emit.HostViews.Units" -->
<#import "../common/header.ftl" as h>
<@h.header "#" "vpnc-status.timer of ${units.description} (network ${units.network})"/>
# Runs vpnc-status.service every 30 s: node_exporter then serves the host's state as metrics.
[Unit]
Description=vpnc: status of ${units.description}, every 30 s

[Timer]
# Once as soon as the timer starts (at boot, or at "enable --now"), then 30 s after each run.
OnActiveSec=1s
OnUnitActiveSec=30s
# systemd's default accuracy (1 min) would let the 30 s stretch to a minute and a half.
AccuracySec=1s

[Install]
WantedBy=timers.target
