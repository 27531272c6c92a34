<#-- @ftlvariable name="units" type="dev.vpnc.emit.HostViews.Units" -->
<#import "../common/header.ftl" as h>
<@h.header "#" "vpnc-bird.service of ${units.description} (network ${units.network})"/>
# BIRD in the foreground, after vpnc.service has set up interfaces (and namespace); stops with it.
# The bundle of this host is installed at ${units.installDir}.
[Unit]
Description=vpnc: BIRD routing daemon, ${units.description}
Requires=vpnc.service
BindsTo=vpnc.service
After=vpnc.service

[Service]
Type=simple
RuntimeDirectory=${units.runtimeDirectory}
ExecStart=${units.birdCommand}
ExecReload=${units.birdc} configure
Restart=on-failure

[Install]
WantedBy=multi-user.target
