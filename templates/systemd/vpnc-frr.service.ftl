<#-- @ftlvariable name="units" type="dev.vpnc.emit.HostViews.Units" -->
<#import "../common/header.ftl" as h>
<@h.header "#" "${units.birdUnit} of ${units.description} (network ${units.network})"/>
# FRR (${units.frr.daemons?join(", ")}, pathspace ${units.frr.pathspace}), after vpnc.service has set up
# interfaces<#if units.gateway> and namespace</#if>; stops with it. The bundle's frr.sh starts, configures and stops the
# daemons, as up.sh and down.sh do without systemd. The bundle of this host is installed at
# ${units.installDir}; installed and enabled with vpnc.service.
[Unit]
Description=vpnc: ${units.birdRole}, ${units.description}
Requires=vpnc.service
BindsTo=vpnc.service
After=vpnc.service

[Service]
# The daemons fork (-d); bgpd<#if !units.frr.bgp>, here zebra,</#if> is the one whose end restarts the instance.
Type=forking
PIDFile=${units.frr.stateDir}/<#if units.frr.bgp>bgpd<#else>zebra</#if>.pid
# A configuration FRR cannot parse fails here, with FRR's message, before anything stops.
ExecStartPre=${units.birdCheck}
ExecStart=${units.birdCommand}
ExecStop=${units.installDir}/frr.sh stop
# After a start that failed half way, or a stop that did not end every daemon: the folder of the
# instance goes in any case (systemd has ended every process of the unit by then).
ExecStopPost=${units.installDir}/frr.sh stop
ExecReload=${units.installDir}/frr.sh apply
Restart=on-failure
# The daemons start as root and drop to the user frr, keeping the capabilities they need.
CapabilityBoundingSet=CAP_NET_ADMIN CAP_NET_BIND_SERVICE CAP_NET_RAW CAP_SYS_ADMIN CAP_SYS_NICE CAP_SETUID CAP_SETGID CAP_CHOWN CAP_FOWNER CAP_DAC_OVERRIDE CAP_KILL
# No setuid program, no new privilege: the daemons keep only what they start with.
NoNewPrivileges=yes
RestrictSUIDSGID=yes
# /usr, /boot and /etc read-only: FRR writes only its run directory (/run/frr).
ProtectSystem=full
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
DevicePolicy=closed
# Other users' processes hidden, but not from root's group: frr.sh, root, sees the daemons (the user
# frr) in /proc, as its stop and running need.
ProtectProc=invisible
MemoryDenyWriteExecute=yes
# Calls FRR never makes (it changes users and capabilities, so @privileged stays).
SystemCallFilter=~@clock @debug @module @raw-io @reboot @swap @obsolete @cpu-emulation
SystemCallErrorNumber=EPERM
UMask=0027
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
# AF_PACKET: bfdd opens its echo socket (a raw packet socket) at start, and aborts without it.
RestrictAddressFamilies=AF_UNIX AF_NETLINK AF_INET AF_INET6 AF_PACKET
LockPersonality=yes
SystemCallArchitectures=native
<#if units.gateway>
# frr.sh enters the private namespace with "ip netns exec", which mounts.
RestrictNamespaces=net mnt
<#else>
RestrictNamespaces=yes
</#if>

[Install]
WantedBy=multi-user.target
