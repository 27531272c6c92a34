<#-- @ftlvariable name="units" type="dev.vpnc.emit.HostViews.Units" -->
<#import "../common/header.ftl" as h>
<@h.header "#" "${units.birdUnit} of ${units.description} (network ${units.network})"/>
# BIRD in the foreground, after vpnc.service has set up interfaces (and namespace); stops with it.
# The bundle of this host is installed at ${units.installDir}.
[Unit]
Description=vpnc: ${units.birdRole}, ${units.description}
Requires=vpnc.service
BindsTo=vpnc.service
After=vpnc.service

[Service]
Type=simple
RuntimeDirectory=${units.runtimeDirectory}
<#if units.sharedRuntimeDirectory>
# Shared with the other BIRD unit of the host: kept when this one stops (down.sh removes it).
RuntimeDirectoryPreserve=yes
</#if>
ExecStart=${units.birdCommand}
# Real-time priority, as up.sh gives BIRD: BFD must not miss its 100-300 ms on a busy host. Not
# fatal ("-") where the host refuses it; threads BIRD starts later inherit it.
ExecStartPost=-/usr/bin/chrt --all-tasks --rr --pid 10 $MAINPID
ExecReload=${units.birdc} configure
Restart=on-failure

[Install]
WantedBy=multi-user.target
