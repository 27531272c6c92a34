<#-- @ftlvariable name="units" type="dev.vpnc.emit.HostViews.Units" -->
<#import "../common/header.ftl" as h>
<@h.header "#" "vpnc.service of ${units.description} (network ${units.network})"/>
# The bundle of this host is installed at ${units.installDir}; BIRD runs in ${units.birdUnits?join(" and ")}.
# Installed, with the BIRD unit<#if units.birdUnits?size gt 1>s</#if>, where systemd looks for units, and enabled (back after a reboot):
#   install -m 0644 -t /etc/systemd/system ${units.installDir}/systemd/*
#   systemctl daemon-reload && systemctl enable --now vpnc.service ${units.birdUnits?join(" ")} vpnc-status.timer
[Unit]
Description=vpnc: site-to-site VPN, ${units.description}
Wants=network-online.target ${units.birdUnits?join(" ")}
After=network-online.target

[Service]
Type=oneshot
RemainAfterExit=yes
<#if units.frr??>
# FRR is run by its unit: up.sh does not start it.
Environment=VPNC_START_BIRD=no
# reload.sh asks FRR with vtysh, whose sockets in /run/frr/${units.frr.pathspace} only the user frr and the group
# frrvty may connect to: the group, rather than CAP_DAC_OVERRIDE.
SupplementaryGroups=frrvty
<#else>
# BIRD is run by its unit<#if units.birdUnits?size gt 1>s</#if>: up.sh does not start it.
Environment=VPNC_START_BIRD=no
</#if>
<#if !units.gateway>
# BIRD's real-time priority is its unit's business (ExecStartPost=chrt there): up.sh does not
# even try it, and RestrictRealtime= below holds.
Environment=VPNC_REALTIME=no
</#if>
ExecStart=${units.installDir}/up.sh
ExecStop=${units.installDir}/down.sh
# A new bundle installed over this one: applied without restarting tunnels or BIRD.
ExecReload=${units.installDir}/reload.sh

# Sandbox. The scripts run as root and configure the host's own network: User=, PrivateUsers=
# and PrivateNetwork= cannot apply. Everything else is narrowed to what they do.
<#if units.gateway>
# Capabilities: interfaces, addresses, sysctls, WireGuard (CAP_NET_ADMIN); creating, entering
# and naming the private namespace, "ip netns exec" (CAP_SYS_ADMIN); wireguard-go at nice -10
# (CAP_SYS_NICE).
CapabilityBoundingSet=CAP_NET_ADMIN CAP_SYS_ADMIN CAP_SYS_NICE
<#else>
# Capabilities: addresses, links and the forwarding sysctls (CAP_NET_ADMIN), nothing else.
CapabilityBoundingSet=CAP_NET_ADMIN
</#if>
# No setuid program can give back what the bounding set takes away.
NoNewPrivileges=yes
<#if units.gateway>
# New namespaces: network (ip netns add) and mount (ip netns exec) only.
RestrictNamespaces=net mnt
# Netlink (ip, wg), UNIX (wg and wireguard-go's control sockets, birdc), UDP (wireguard-go's
# tunnels). Not IPAddressDeny=: wireguard-go's sockets belong to this unit.
RestrictAddressFamilies=AF_UNIX AF_NETLINK AF_INET AF_INET6
# Devices: /dev/net/tun (wireguard-go) beside /dev/null and the other pseudo devices.
DevicePolicy=closed
DeviceAllow=/dev/net/tun rw
<#else>
# The scripts create no namespace.
RestrictNamespaces=yes
# Netlink (ip), UNIX (birdc); and no IP traffic at all.
RestrictAddressFamilies=AF_UNIX AF_NETLINK
IPAddressDeny=any
# No real-time scheduling (VPNC_REALTIME=no above).
RestrictRealtime=yes
# The file system read-only but for /run/vpnc, where up.sh makes the run directory (kept when
# the unit stops), and the forwarding sysctls under /proc/sys/net. /run/vpnc rather than the run
# directory: a directory made writable by itself is a mount point in the unit, which down.sh's
# "rm -rf" could not remove (EBUSY).
ProtectSystem=strict
RuntimeDirectory=vpnc
RuntimeDirectoryPreserve=yes
ReadWritePaths=/proc/sys/net
# /proc/sys and /sys read-only, but for /proc/sys/net above.
ProtectKernelTunables=yes
# No home directories, a /tmp of its own (bash's here-documents), no physical devices, mounts
# kept to the unit.
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
PrivateMounts=yes
# No module loading, neither the kernel log nor the control groups.
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
# Other users' processes hidden. Not ProcSubset=pid: it hides /proc/sys, where sysctl writes.
ProtectProc=invisible
</#if>
# Neither the clock nor the host name.
ProtectClock=yes
ProtectHostname=yes
# No setuid or setgid file, no change of execution domain, only the machine's native system calls.
RestrictSUIDSGID=yes
LockPersonality=yes
SystemCallArchitectures=native
# Nothing here writes code at run time (bash, ip, wg, awk<#if units.gateway>; wireguard-go is compiled ahead of time</#if>).
MemoryDenyWriteExecute=yes
<#if units.gateway>
# A system service's calls, and mount(2) for ip netns add, exec and delete.
SystemCallFilter=@system-service @mount
<#else>
# A system service's calls, without the privileged ones nor scheduling changes.
SystemCallFilter=@system-service
SystemCallFilter=~@privileged @resources
</#if>
# A call outside the filter fails (EPERM) with a message instead of killing the script.
SystemCallErrorNumber=EPERM
# Files and sockets the scripts create are root's only.
UMask=0077
<#if units.gateway>
# Left out: every option that gives the unit a mount namespace of its own (ProtectSystem=,
# ReadWritePaths=, ProtectHome=, PrivateTmp=, PrivateDevices=, ProtectKernelTunables=,
# ProtectKernelModules=, ProtectKernelLogs=, ProtectControlGroups=, ProtectProc=). The private
# namespace's name is a mount, /run/netns/${units.namespace}, that up.sh makes and down.sh removes: made
# in such a namespace, it would never reach the host, where the BIRD unit<#if units.birdUnits?size gt 1>s join<#else> joins</#if> it; and
# systemd 252 keeps a hidden copy of it there, which makes "ip netns delete" fail (EBUSY).
# Module loading and the kernel log stay closed anyway (no CAP_SYS_MODULE nor CAP_SYSLOG, no such
# calls in the filter). RestrictRealtime=: up.sh tries real-time scheduling to know BIRD's
# priority, and would warn at each start.
</#if>

[Install]
WantedBy=multi-user.target
