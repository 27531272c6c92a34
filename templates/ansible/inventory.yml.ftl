<#-- @ftlvariable name="fleet" type="dev.vpnc.emit.AnsibleViews.Fleet" -->
<#import "../common/header.ftl" as h>
<@h.header "#" "Ansible inventory of network ${fleet.network}: one host per gateway and internal router"/>
#
# ansible_host: a gateway's endpoint from the .vpn; where the .vpn gives no address (internal
# routers), set it here or in host_vars/, else Ansible connects to the inventory name.
# vpnc_running: exists only while the host is up: reload.sh if it does, up.sh if not.
# vpnc_units: the host's systemd units (its bundle's systemd/ folder), installed and enabled.
# Names are quoted: YAML would read a host called yes, NULL or On as a boolean or null.
all:
  children:
    ${fleet.gatewayGroup}:
      hosts:
<#list fleet.gateways as g>
        "${g.name}":
<#if g.address??>
          ansible_host: "${g.address}"
<#else>
          # ansible_host: fill in (the .vpn gives no address for ${g.name})
</#if>
          vpnc_site: "${g.site}"
          vpnc_running: "${g.running}"
          vpnc_units: [<#list g.units as u>"${u}"<#sep>, </#list>]
</#list>
    ${fleet.routerGroup}:
<#if fleet.routers?has_content>
      hosts:
<#list fleet.routers as r>
        "${r.name}":
          # ansible_host: fill in (the .vpn gives no address for internal routers)
          vpnc_site: "${r.site}"
          vpnc_running: "${r.running}"
          vpnc_units: [<#list r.units as u>"${u}"<#sep>, </#list>]
</#list>
<#else>
      hosts: {}
</#if>
