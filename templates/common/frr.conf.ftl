<#-- placeholder -->
# frr.conf placeholder
frr defaults traditional
