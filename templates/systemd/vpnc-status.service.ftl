<#-- @ftlvariable name="units" type="dev.vpnc.emit.HostViews.Units" -->
<#import "../common/header.ftl" as h>
<@h.header "#" "vpnc-status.service of ${units.description} (network ${units.network})"/>
# Writes the host's state (status.sh --prometheus) for node_exporter's textfile collector;
# started every 30 s by vpnc-status.timer, which is the unit to enable:
#   install -m 0644 -t /etc/systemd/system ${units.installDir}/systemd/vpnc-status.*
#   systemctl daemon-reload && systemctl enable --now vpnc-status.timer
# Another file: a drop-in with Environment=VPNC_STATUS_PROM=PATH, ReadWritePaths=DIR and
# ConditionPathIsDirectory=DIR.
[Unit]
Description=vpnc: status of ${units.description}, for Prometheus
After=vpnc.service
# A host without node_exporter's textfile folder: the runs are skipped, not failed every 30 s.
ConditionPathIsDirectory=/var/lib/prometheus/node-exporter

[Service]
Type=oneshot
Environment=VPNC_STATUS_PROM=/var/lib/prometheus/node-exporter/vpnc.prom
ExecStart=${units.installDir}/status.sh --prometheus ${r"${VPNC_STATUS_PROM}"}
# Degraded (1) and broken (2) are what the metrics say, not a failure of this unit.
SuccessExitStatus=1 2

# Sandbox. status.sh only reads the host's state and writes one file; it runs as root, as
# BIRD's control socket and the bundle are root's.
<#if units.gateway>
# Capabilities: reading WireGuard and nftables state (CAP_NET_ADMIN), entering the private
# namespace with "ip netns exec" (CAP_SYS_ADMIN), writing the textfile directory whoever owns it
# (CAP_DAC_OVERRIDE: node_exporter's packages give it to their own user).
CapabilityBoundingSet=CAP_NET_ADMIN CAP_SYS_ADMIN CAP_DAC_OVERRIDE
# New namespaces: "ip netns exec" enters the network one and makes a mount one.
RestrictNamespaces=net mnt
<#else>
# Capabilities: writing the textfile directory whoever owns it (CAP_DAC_OVERRIDE:
# node_exporter's packages give it to their own user). Routes, links and birdc need none.
CapabilityBoundingSet=CAP_DAC_OVERRIDE
RestrictNamespaces=yes
</#if>
NoNewPrivileges=yes
# Netlink (ip, wg, nft), UNIX (birdc, wireguard-go's sockets); no IP traffic.
RestrictAddressFamilies=AF_UNIX AF_NETLINK
IPAddressDeny=any
# Everything read-only but the textfile directory.
ProtectSystem=strict
ReadWritePaths=-/var/lib/prometheus/node-exporter
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
ProtectProc=invisible
RestrictRealtime=yes
RestrictSUIDSGID=yes
LockPersonality=yes
MemoryDenyWriteExecute=yes
SystemCallArchitectures=native
<#if units.gateway>
# A system service's calls, and mount(2) for "ip netns exec" (it mounts /sys of the namespace).
SystemCallFilter=@system-service @mount
<#else>
SystemCallFilter=@system-service
SystemCallFilter=~@privileged @resources
</#if>
SystemCallErrorNumber=EPERM
# The metrics file is made readable by node_exporter by status.sh itself (chmod 0644).
UMask=0077
