<#-- @ftlvariable name="status" type="dev.vpnc.emit.StatusView" -->
<#-- status.sh of a gateway: the shared script, with its tunnels, interfaces and nftables tables. -->
<#import "../common/status.ftl" as st>
<@st.script status>
<@st.gatewayState/>
</@st.script>
