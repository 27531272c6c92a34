<#-- The prefix sets of a BIRD config (both targets), on one line or one prefix per line
     (BirdView.PrefixSet.oneLine decides). -->
<#macro prefixSets sets>
<#if sets?has_content>
# Prefix sets from the declared prefixes. "p+" matches p and any longer prefix inside it: a site may
# announce subnets of what it declares, and declared prefixes of two sites never overlap.
<#list sets as s>
<#if s.oneLine>
define ${s.name} = [ ${s.members?join(", ")} ];  # ${s.comment}
<#else>
# ${s.comment}
define ${s.name} = [
<#list s.members as m>
  ${m}<#sep>,</#sep>
</#list>
];
</#if>
</#list>

</#if>
</#macro>
