<#-- @ftlvariable name="units" type="dev.vpnc.emit.HostViews.Units" -->
<#import "../common/header.ftl" as h>
<@h.header "#" "vpnc.service of ${units.description} (network ${units.network})"/>
# The bundle of this host is installed at ${units.installDir}; BIRD runs in ${units.birdUnits?join(" and ")}.
[Unit]
Description=vpnc: site-to-site VPN, ${units.description}
Wants=network-online.target ${units.birdUnits?join(" ")}
After=network-online.target

[Service]
Type=oneshot
RemainAfterExit=yes
Environment=VPNC_START_BIRD=no
ExecStart=${units.installDir}/up.sh
ExecStop=${units.installDir}/down.sh
# A new bundle installed over this one: applied without restarting tunnels or BIRD.
ExecReload=${units.installDir}/reload.sh

[Install]
WantedBy=multi-user.target
