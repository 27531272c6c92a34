<#-- @ftlvariable name="status" type="dev.vpnc.emit.StatusView" -->
<#-- status.sh of an internal router: the shared script (no tunnels, no namespace of its own). -->
<#import "../common/status.ftl" as st>
<@st.script status/>
