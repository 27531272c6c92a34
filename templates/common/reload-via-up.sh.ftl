<#-- reload.sh of a BIRD 1.6 host, gateway or router: up.sh applies the bundle. Emitter picks this
     template for those hosts; subject is "gateway" or "internal router". -->
<#import "header.ftl" as h>
<#import "shell.ftl" as sh>
#!/usr/bin/env bash
<@h.header "#" "reload.sh of ${subject} ${host.plan.name} (site ${host.plan.site}, network ${host.network})"/>
#
# BIRD 1.6 target: its two daemons take no configuration on probation the way BIRD 2 does, so
# this host applies a new bundle with up.sh, which is idempotent: tunnels that stay are synced,
# new ones created, and both daemons told to read their new configuration.
set -euo pipefail
<@sh.here/>
exec "$here/up.sh"
