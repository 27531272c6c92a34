<#-- @ftlvariable name="units" type="dev.vpnc.emit.HostViews.Units" -->
<#import "../common/header.ftl" as h>
<@h.header "#" "${units.birdUnit} of ${units.description} (network ${units.network})"/>
# BIRD in the foreground, after vpnc.service has set up interfaces<#if units.gateway> and namespace</#if>; stops with it.
# The bundle of this host is installed at ${units.installDir}; installed and enabled with vpnc.service.
[Unit]
Description=vpnc: ${units.birdRole}, ${units.description}
Requires=vpnc.service
BindsTo=vpnc.service
After=vpnc.service

[Service]
Type=simple
<#if units.gateway>
# In the private namespace, which up.sh (vpnc.service) creates and names. The control socket
# stays where the scripts look for it: a network namespace does not change file system paths.
NetworkNamespacePath=/run/netns/${units.namespace}
</#if>
# A configuration BIRD cannot parse fails here, with BIRD's message, before anything stops.
ExecStartPre=${units.birdCheck}
ExecStart=${units.birdCommand}
# Real-time priority, as up.sh gives BIRD: BFD must not miss its 100-300 ms on a busy host. Not
# fatal ("-") where the host refuses it; threads BIRD starts later inherit it.
ExecStartPost=-/usr/bin/chrt --all-tasks --rr --pid 10 $MAINPID
ExecReload=${units.birdc} configure
Restart=on-failure

# Sandbox. BIRD runs as root, as up.sh starts it: the control socket is root's, and the bundle's
# scripts (reload.sh, down.sh) reach it as root without CAP_DAC_OVERRIDE.
# Capabilities: routes and interfaces (CAP_NET_ADMIN), the BGP port 179 (CAP_NET_BIND_SERVICE),
# OSPF's raw IP sockets and sockets bound to one interface (CAP_NET_RAW), the chrt above
# (CAP_SYS_NICE).
CapabilityBoundingSet=CAP_NET_ADMIN CAP_NET_BIND_SERVICE CAP_NET_RAW CAP_SYS_NICE
# No setuid program can give back what the bounding set takes away.
NoNewPrivileges=yes
# The file system read-only but for the run directory (control socket), which is vpnc.service's
# to remove (down.sh): kept when BIRD stops or restarts.
ProtectSystem=strict
RuntimeDirectory=${units.runtimeDirectory}
RuntimeDirectoryPreserve=yes
# No home directories, a /tmp of its own, no physical devices, mounts kept to the unit.
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
PrivateMounts=yes
# /proc/sys and /sys read-only, no module loading, neither the kernel log, the control groups,
# the clock nor the host name.
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
# Only the processes' part of /proc, and other users' processes hidden.
ProtectProc=invisible
ProcSubset=pid
# BIRD creates no namespace.
RestrictNamespaces=yes
# Netlink (routes, interfaces), UNIX (control socket), IPv4 and IPv6 (BGP, BFD, OSPF). Not
# IPAddressDeny=: the sessions run over them.
RestrictAddressFamilies=AF_UNIX AF_NETLINK AF_INET AF_INET6
# No setuid or setgid file, no change of execution domain, no memory both writable and executable
# (BIRD writes no code at run time), only the machine's native system calls.
RestrictSUIDSGID=yes
LockPersonality=yes
MemoryDenyWriteExecute=yes
SystemCallArchitectures=native
# A system service's calls (scheduling changes included, for the chrt), without the privileged ones.
SystemCallFilter=@system-service
SystemCallFilter=~@privileged
# A call outside the filter fails (EPERM) instead of killing BIRD.
SystemCallErrorNumber=EPERM
# The control socket is root's only.
UMask=0077
# Left out: RestrictRealtime= (BIRD runs at real-time priority, see ExecStartPost=).

[Install]
WantedBy=multi-user.target
