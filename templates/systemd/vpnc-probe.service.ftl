<#-- @ftlvariable name="units" type="dev.vpnc.emit.HostViews.Units" -->
<#-- @ftlvariable name="probe" type="dev.vpnc.plan.Probe" -->
<#import "../common/header.ftl" as h>
<@h.header "#" "vpnc-probe.service of ${units.description} (network ${units.network})"/>
# The site's health probe (probe.sh): pings ${probe.address} over the LAN and withdraws this gateway's
# routes while it does not answer. Installed and enabled with vpnc.service:
#   systemctl enable --now vpnc-probe.service
# Stops and restarts with vpnc.service; a reload of vpnc.service (a new bundle) restarts probe.sh
# from its new file, the probe's state kept.
[Unit]
Description=vpnc: health probe of ${units.description}
PartOf=vpnc.service
ReloadPropagatedFrom=vpnc.service
After=vpnc.service ${units.birdUnits?join(" ")}

[Service]
Type=simple
<#if units.frr??>
# frr.sh probe starts no daemon: no try at real-time scheduling, which RestrictRealtime= refuses.
Environment=VPNC_REALTIME=no
</#if>
ExecStart=${units.installDir}/probe.sh
ExecReload=/bin/kill -HUP $MAINPID
Restart=always
RestartSec=1

# Sandbox. probe.sh runs as root, as BIRD's control socket is root's.
# Capabilities: entering the private namespace with "ip netns exec" (CAP_SYS_ADMIN), ping's raw
# socket (CAP_NET_RAW).
CapabilityBoundingSet=CAP_SYS_ADMIN CAP_NET_RAW
<#if units.frr??>
# frr.sh probe changes bgpd's route-maps with vtysh, whose sockets only the user frr and the group
# frrvty may connect to.
SupplementaryGroups=frrvty
</#if>
NoNewPrivileges=yes
# New namespaces: "ip netns exec" enters the network one and makes a mount one.
RestrictNamespaces=net mnt
# Netlink (ip), UNIX (birdc), IPv4 and IPv6 (ping); IP traffic with the probed address only.
RestrictAddressFamilies=AF_UNIX AF_NETLINK AF_INET AF_INET6
IPAddressDeny=any
IPAddressAllow=${probe.address}
# Everything read-only but /run/vpnc, where the state file is (the run directory is vpnc.service's).
ProtectSystem=strict
RuntimeDirectory=vpnc
RuntimeDirectoryPreserve=yes
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
# A system service's calls, and mount(2) for "ip netns exec" (it mounts /sys of the namespace).
SystemCallFilter=@system-service @mount
SystemCallErrorNumber=EPERM
# The state file is root's only.
UMask=0077

[Install]
# Enabled, it starts whenever vpnc.service does (PartOf= only carries stops and restarts).
WantedBy=multi-user.target vpnc.service
