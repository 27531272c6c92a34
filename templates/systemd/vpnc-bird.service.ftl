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
ExecReload=${units.birdc} configure
Restart=on-failure

[Install]
WantedBy=multi-user.target
