<#-- status.sh, shared by gateways and internal routers: the intent (printed as data from a
     dev.vpnc.emit.StatusView), the live state read with birdc (or vtysh on FRR), wg, ip and nft,
     and the three outputs (table, --json, --prometheus). -->
<#import "header.ftl" as h>
<#import "shell.ftl" as sh>
<#macro script status>
#!/usr/bin/env bash
<@h.header "#" "status.sh of ${status.kind} ${status.host} (site ${status.site}, network ${status.network})"/>
#
# Compares the host's live state with the intent of this bundle: <#if status.gateway>each tunnel (handshake age,
# transfer counters), </#if>each BGP/BFD/OSPF session, each remote site's route (next hops
# expected and present), <#if status.gateway>interfaces and nftables tables the bundle does not have, </#if>installed
# files that differ from the bundle. Reads only: no key is read or printed, nothing is changed.
#
# Usage: status.sh             a table, for a person
#        status.sh --json      one JSON object (host, site, verdict, tunnels, sessions, routes, drift)
#        status.sh --prometheus FILE
#                              node_exporter's textfile format, written to FILE atomically (the
#                              table is not printed); vpnc-status.timer runs this every 30 s
# Exit status: 0 ok; 1 degraded (redundancy lost: <#if status.gateway>a tunnel without a handshake for
# VPNC_HANDSHAKE_RECENT seconds, </#if>a session down, a route short of next hops, <#if status.probe?has_content>the site's
# routes withdrawn by the health probe, </#if>while every
# remote site keeps a next hop); 2 broken (a remote site without any next hop, or ${status.frr?then("FRR", "BIRD")} not
# answering); 3 wrong usage. Drift (files, <#if status.gateway>interfaces, tables</#if><#if !status.gateway>units</#if>) is reported, not judged.
# Environment: IP, <#if status.gateway>WG, NFT, </#if><#if status.frr>VTYSH<#else><#list status.daemons as d>${d.birdcVar}<#sep>, </#list></#if> name the tools (as in up.sh);
# VPNC_HANDSHAKE_RECENT (default 180, WireGuard rekeys every 2 minutes under traffic);
# VPNC_UNIT_DIR, where the units are installed (default /etc/systemd/system).
set -uo pipefail

<@sh.here/>
IP=${r"${IP:-ip}"}
<#if status.gateway>
WG=${r"${WG:-wg}"}
NFT=${r"${NFT:-nft}"}
</#if>
<#list status.daemons as d>
${d.birdcVar}=${r"${"}${d.birdcVar}:-${d.birdc}}
</#list>
<#if status.frr>
VTYSH=${r"${VTYSH:-vtysh}"}
</#if>
<#if status.gateway>
ns="${status.namespace}"
</#if>
<#if status.frr>
pathspace="${status.pathspace}"
<#else>
run="${status.runDir}"
</#if>
host="${status.host}"
site="${status.site}"
kind_word="${status.kind}"
<#noparse>
recent=${VPNC_HANDSHAKE_RECENT:-180}
unit_dir=${VPNC_UNIT_DIR:-/etc/systemd/system}

format=table
prom_file=""
while (($#)); do
  case $1 in
    --json) format=json ;;
    --prometheus)
      if (($# < 2)); then
        echo "status.sh: --prometheus needs a file" >&2
        exit 3
      fi
      format=prometheus
      prom_file=$2
      shift
      ;;
    -h | --help)
      sed -n '/^# Usage/,/^# Environment/p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "status.sh: unknown argument $1 (--json, --prometheus FILE)" >&2
      exit 3
      ;;
  esac
  shift
done
if [[ ! $recent =~ ^[0-9]+$ ]]; then
  echo "status.sh: VPNC_HANDSHAKE_RECENT must be a number of seconds" >&2
  exit 3
fi
</#noparse>

# The intent, from the compiler.
<#if status.gateway>
# Tunnels: "interface peer peer-site session".
tunnels=(
<#list status.tunnels as t>
  "${t.ifname} ${t.peer} ${t.peerSite} ${t.session}"
</#list>
)
</#if>
<#if status.frr>
# FRR's daemons (instance ${status.pathspace}).
frr_daemons=(<#list status.frrDaemons as d>${d}<#sep> </#list>)
# Sessions: "kind name peer daemon key instance" (key: neighbor address, router id).
<#else>
# BIRD's daemons: control socket and client.
daemon_ctl=(<#list status.daemons as d>"${d.ctl}"<#sep> </#list>)
daemon_birdc=(<#list status.daemons as d>"$${d.birdcVar}"<#sep> </#list>)
daemon_name=(<#list status.daemons as d>"${d.binary}"<#sep> </#list>)
# Sessions: "kind name peer daemon key instance" (key: protocol name, neighbor address, router id).
</#if>
sessions=(
<#list status.sessions as s>
  "${s.kind} ${s.name} ${s.peer} ${s.daemon} ${s.key} ${s.instance}"
</#list>
)
# Remote prefixes: "remote-site family prefix match next-hops" (match: how a next hop is named,
# dev = tunnel interface, via = gateway's LAN address, any = counted only).
routes=(
<#list status.routes as r>
  "${r.remoteSite} ${r.family} ${r.prefix} ${r.match} ${r.expected?join(",")}"
</#list>
)
# The bundle's other files and their SHA-256, as its manifest.json has them.
files=(
<#list status.files as f>
  "${f.sha256} ${f.path}"
</#list>
)
units=(<#list status.units as u>"${u}"<#sep> </#list>)
<#if status.gateway>
ipn() { "$IP" -n "$ns" "$@"; }
<#else>
ipn() { "$IP" "$@"; }
</#if>
<#noparse>

verdict_word=(ok degraded broken)
verdict=0
judge() { if (($1 > verdict)); then verdict=$1; fi; }
# Live text in the output (BIRD's states) keeps to characters that need no quoting anywhere.
# Functions set variables rather than print: each $(...) is a fork, and this runs every 30 s.
plain() { local s=${1//[^A-Za-z0-9_.:\/-]/}; REPLY=${s:--}; }

</#noparse>
<#if status.frr>
<#noparse>
# FRR: its instance asked with vtysh once per question (its sockets are files in
# /run/frr/PATHSPACE, reached from any namespace; its complaint about a missing vtysh.conf goes
# to stderr). "show daemons" names the daemons that answer: FRR not answering, or one of its
# daemons, is "broken" (as BIRD not answering). Each answer is read once into
# state_of["question|key"]: the state of each BGP neighbor, BFD peer or OSPF neighbor (key:
# neighbor address, router id; the last line of a key wins), in BIRD's words (Established, Up,
# Full/DR, 2-Way/DROther).
declare -A frr_out state_of
frr_ask() { "$VTYSH" -N "$pathspace" -c "$1" 2>/dev/null; }
read_states() {
  local q=$1 key st
  while read -r key st; do state_of[$q|$key]=$st; done < <(awk -v q="$q" '
    BEGIN { bfd["up"] = "Up"; bfd["down"] = "Down"; bfd["init"] = "Init"; bfd["admin-down"] = "AdminDown" }
    q == "bgp" && /^BGP neighbor is / { n = $4; sub(/,$/, "", n); next }
    q == "bgp" && n != "" && $1 == "BGP" && $2 == "state" { s = $4; sub(/,$/, "", s); print n, s; n = "" }
    q == "bfd" && $1 ~ /^[0-9]+$/ && NF >= 3 { print $(NF - 1), ($NF in bfd ? bfd[$NF] : $NF) }
    q ~ /^ospf6?$/ && $1 ~ /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/ && NF >= 4 {
      s = q == "ospf6" ? $4 : $3
      sub(/^Twoway/, "2-Way", s)
      print $1, s
    }' <<<"${frr_out[$q]}")
}
session_rows=()
frr_up=()
frr_missing=""
out=$(frr_ask "show daemons") || out=""
for d in "${!frr_daemons[@]}"; do
  if [[ " $out " == *" ${frr_daemons[d]} "* ]]; then
    frr_up[d]=1
  else
    frr_up[d]=0
    frr_missing+=${frr_missing:+,}${frr_daemons[d]}
  fi
done
if [[ -z $out ]]; then
  session_rows+=("FRR $pathspace - not-answering 2")
  judge 2
elif [[ -n $frr_missing ]]; then
  session_rows+=("FRR $pathspace - missing:$frr_missing 2")
  judge 2
else
  session_rows+=("FRR $pathspace - running 0")
fi
# Sets state to what vtysh says of one session: a state word, "absent" when it is not listed.
session_state() {
  local kind=$1 key=$2 instance=$3 q
  case $kind in
    BGP) q=bgp ;;
    BFD) q=bfd ;;
    *) q=$instance ;;
  esac
  if [[ -z ${frr_out[$q]+set} ]]; then
    case $q in
      bgp) frr_out[$q]=$(frr_ask "show bgp neighbors") ;;
      bfd) frr_out[$q]=$(frr_ask "show bfd peers brief") ;;
      ospf6) frr_out[$q]=$(frr_ask "show ipv6 ospf6 neighbor") ;;
      ospf) frr_out[$q]=$(frr_ask "show ip ospf neighbor") ;;
    esac
    read_states "$q"
  fi
  state=${state_of[$q|$key]:-absent}
}
for s in "${sessions[@]}"; do
  read -r kind name peer d key instance <<<"$s"
  if ((!frr_up[d])); then
    session_rows+=("$kind $name $peer no-${frr_daemons[d]} 2")
    continue
  fi
  session_state "$kind" "$key" "$instance"
  plain "$state"
  state=$REPLY
</#noparse>
<@judgeSession/>
<#noparse>
done
</#noparse>
<#else>
<#noparse>
# BIRD: each daemon asked once per question; one that does not answer is "broken". Each answer
# is read once into state_of["question|key"]: the state word of each protocol, BFD session or
# OSPF neighbor (key: protocol name, neighbor address, router id; the last line of a key wins).
declare -A bird_out state_of
read_states() {
  local cache=$1 kind=$2 key st
  while read -r key st; do state_of[$cache|$key]=$st; done < <(awk -v kind="$kind" '
    kind == "BGP" { print $1, (/Established/ ? "Established" : (NF >= 6 ? $6 : $4)) }
    kind != "BGP" && NF >= 3 { print $1, $3 }' <<<"${bird_out[$cache]}")
}
bird_ask() {
  local d=$1
  shift
  "${daemon_birdc[d]}" -s "$run/${daemon_ctl[d]}" "$@" 2>/dev/null
}
session_rows=()
bird_up=()
for d in "${!daemon_ctl[@]}"; do
  if out=$(bird_ask "$d" show protocols) && [[ $out == *ready.* ]]; then
    bird_up[d]=1
    bird_out[$d:protocols]=$out
    read_states "$d:protocols" BGP
    session_rows+=("BIRD ${daemon_name[d]} - running 0")
  else
    bird_up[d]=0
    session_rows+=("BIRD ${daemon_name[d]} - not-answering 2")
    judge 2
  fi
done
# Sets state to what birdc says of one session: a state word, "absent" when it is not listed.
session_state() {
  local kind=$1 d=$2 key=$3 instance=$4 cache
  case $kind in
    BGP) cache=$d:protocols ;;
    BFD) cache=$d:bfd ;;
    OSPF) cache=$d:ospf:$instance ;;
  esac
  if [[ -z ${bird_out[$cache]+set} ]]; then
    case $kind in
      BFD) bird_out[$cache]=$(bird_ask "$d" show bfd sessions) ;;
      OSPF) bird_out[$cache]=$(bird_ask "$d" show ospf neighbors "$instance") ;;
    esac
    read_states "$cache" "$kind"
  fi
  state=${state_of[$cache|$key]:-absent}
}
for s in "${sessions[@]}"; do
  read -r kind name peer d key instance <<<"$s"
  if ((!bird_up[d])); then
    session_rows+=("$kind $name $peer no-bird 2")
    continue
  fi
  session_state "$kind" "$d" "$key" "$instance"
  plain "$state"
  state=$REPLY
</#noparse>
<@judgeSession/>
<#noparse>
done
</#noparse>
</#if>
<#if status.probe?has_content>
# The site's health probe (probe.sh): while its state file is there, this gateway has withdrawn
# its site's routes from its tunnels (${status.probe} did not answer): the site's other gateways
# carry its traffic.
if [[ -e ${status.probeFile} ]]; then
  session_rows+=("PROBE ${status.probe} - withdrawn 1")
  judge 1
else
  session_rows+=("PROBE ${status.probe} - announced 0")
fi
</#if>
tunnel_rows=()
drift_rows=()
<#-- A gateway's tunnels, interfaces and tables (gatewayState): its template passes them here. -->
<#nested>
<@routesAndDrift/>
<@outputs status.frr/>
</#macro>

<#-- A session's verdict from its state word, on BIRD and FRR alike (inside the loop over sessions). -->
<#macro judgeSession>
<#noparse>
  case $kind:$state in
    BGP:Established | BFD:Up | OSPF:Full* | OSPF:2-Way*) session_rows+=("$kind $name $peer $state 0") ;;
    *)
      session_rows+=("$kind $name $peer $state 1")
      judge 1
      ;;
  esac
</#noparse>
</#macro>

<#-- A gateway's tunnels, interfaces and nftables tables. -->
<#macro gatewayState>
<#noparse>
# Tunnels: one wg for every handshake and one for every counter (public keys pass through the
# pipe unread; "wg show dump" would print the private key).
now=$EPOCHSECONDS
declare -A handshake rx tx
while read -r ifname _ at; do handshake[$ifname]=$at; done < <("$IP" netns exec "$ns" "$WG" show all latest-handshakes 2>/dev/null)
while read -r ifname _ r t; do
  rx[$ifname]=$r
  tx[$ifname]=$t
done < <("$IP" netns exec "$ns" "$WG" show all transfer 2>/dev/null)
links=" $(ipn -br link show 2>/dev/null | awk '{ sub(/@.*/, "", $1); printf "%s ", $1 }')"
expected_links=" "
for t in "${tunnels[@]}"; do
  read -r ifname peer peer_site session <<<"$t"
  expected_links+="$ifname "
  if [[ $links != *" $ifname "* ]]; then
    tunnel_rows+=("$ifname $peer $peer_site $session -1 0 0 no-interface 1")
    judge 1
    continue
  fi
  at=${handshake[$ifname]:-0}
  age=-1
  if ((at > 0)); then age=$((now - at)); fi
  if ((age >= 0 && age <= recent)); then
    tunnel_rows+=("$ifname $peer $peer_site $session $age ${rx[$ifname]:-0} ${tx[$ifname]:-0} recent 0")
  else
    tunnel_rows+=("$ifname $peer $peer_site $session $age ${rx[$ifname]:-0} ${tx[$ifname]:-0} stale 1")
    judge 1
  fi
done

# Tunnel interfaces the bundle does not have (named as vpnc names tunnels): reload.sh removes them.
for ifname in $links; do
  if [[ $ifname == wg-* && $expected_links != *" $ifname "* ]]; then
    drift_rows+=("interface $ifname unexpected")
  fi
done
# nftables: vpnc's table in each namespace; any other table is not the bundle's.
check_tables() {
  local where=$1 listing=$2 found=no family name
  while read -r _ family name; do
    [[ -n $name ]] || continue
    if [[ $family == inet && $name == vpnc ]]; then
      found=yes
    else
      drift_rows+=("nft-table $where:$family:$name unexpected")
    fi
  done <<<"$listing"
  if [[ $found == no ]]; then drift_rows+=("nft-table $where:inet:vpnc missing"); fi
}
check_tables public "$("$NFT" list tables 2>/dev/null)"
check_tables private "$("$IP" netns exec "$ns" "$NFT" list tables 2>/dev/null)"
</#noparse>
</#macro>

<#-- Routes to the remote prefixes, and the files of the bundle. -->
<#macro routesAndDrift>
<#noparse>
# Items joined with commas in REPLY, "-" for none.
join_csv() {
  local IFS=,
  REPLY="$*"
  REPLY=${REPLY:--}
}
# Routes: each remote prefix's next hops in the kernel ("via ADDRESS dev INTERFACE" per next
# hop; a route of one next hop has them on its first line).
route_rows=()
for r in "${routes[@]}"; do
  read -r remote family prefix match expected <<<"$r"
  present=()
  other=()
  while read -r via dev; do
    case $match in
      dev) hop=$dev ;;
      via) hop=$via ;;
      *) if [[ $via == - ]]; then hop=$dev; else hop=$via; fi ;;
    esac
    if [[ $match == any || ,$expected, == *",$hop,"* ]]; then present+=("$hop"); else other+=("$hop"); fi
  done < <(ipn "-$family" route show "$prefix" 2>/dev/null | awk '
    $1 ~ /^(unreachable|blackhole|prohibit|throw)$/ { skip = 1; next }
    /^[^ \t]/ { skip = 0 }
    !skip {
      via = "-"; dev = ""
      for (i = 1; i < NF; i++) {
        # "via inet6 ADDRESS": an IPv4 route over an IPv6 next hop.
        if ($i == "via") via = ($(i + 1) ~ /^inet6?$/ && i + 2 <= NF) ? $(i + 2) : $(i + 1)
        if ($i == "dev") dev = $(i + 1)
      }
      if (dev != "") print via, dev
    }')
  IFS=, read -r -a wanted <<<"$expected"
  if ((${#present[@]} == 0 && ${#other[@]} == 0)); then
    v=2
  elif ((${#present[@]} < ${#wanted[@]})); then
    v=1
  else
    v=0
  fi
  judge "$v"
  join_csv "${present[@]}"
  p=$REPLY
  join_csv "${other[@]}"
  o=$REPLY
  route_rows+=("$remote $family $prefix $match $expected $p $o $v")
done

# Files: the installed bundle (this script's folder) and the units where systemd reads them,
# against the hashes the compiler recorded. One sha256sum for all.
declare -A want got
paths=()
for f in "${files[@]}"; do
  read -r sum path <<<"$f"
  want[$path]=$sum
  paths+=("$here/$path")
done
for u in "${units[@]}"; do
  if [[ -e $unit_dir/$u ]]; then paths+=("$unit_dir/$u"); fi
done
while read -r sum path; do got[$path]=$sum; done < <(sha256sum -- "${paths[@]}" 2>/dev/null)
for f in "${files[@]}"; do
  read -r sum path <<<"$f"
  if [[ -z ${got[$here/$path]+set} ]]; then
    drift_rows+=("file $path missing")
  elif [[ ${got[$here/$path]} != "$sum" ]]; then
    drift_rows+=("file $path differs")
  fi
done
for u in "${units[@]}"; do
  if [[ -n ${got[$unit_dir/$u]+set} && ${got[$unit_dir/$u]} != "${want[systemd/$u]}" ]]; then
    drift_rows+=("unit $unit_dir/$u differs")
  fi
done
</#noparse>
</#macro>

<#-- The three outputs of the rows: a table, one JSON object, node_exporter's textfile format. -->
<#macro outputs frr>
<#noparse>
# A list of next hops ("a,b", or "-" for none) as a JSON array, in REPLY. Its items are addresses
# and interface names: nothing to escape.
csv_json() {
  if [[ $1 == - || -z $1 ]]; then REPLY='[]'; else REPLY="[\"${1//,/\",\"}\"]"; fi
}

print_table() {
  local r
  printf '%s %s (site %s): %s\n' "$kind_word" "$host" "$site" "${verdict_word[verdict]}"
  if ((${#tunnel_rows[@]})); then
    printf '\n%-16s %-16s %-16s %-18s %-14s %14s %14s  %s\n' TUNNEL PEER SITE SESSION HANDSHAKE RX-BYTES TX-BYTES VERDICT
    for r in "${tunnel_rows[@]}"; do
      read -r ifname peer peer_site session age rxb txb _ v <<<"$r"
      if ((age < 0)); then age=never; else age="$age s ago"; fi
      printf '%-16s %-16s %-16s %-18s %-14s %14s %14s  %s\n' "$ifname" "$peer" "$peer_site" "$session" "$age" "$rxb" "$txb" "${verdict_word[v]}"
    done
  fi
  printf '\n%-6s %-30s %-16s %-14s %s\n' KIND SESSION PEER STATE VERDICT
  for r in "${session_rows[@]}"; do
    read -r kind name peer state v <<<"$r"
    printf '%-6s %-30s %-16s %-14s %s\n' "$kind" "$name" "$peer" "$state" "${verdict_word[v]}"
  done
  if ((${#route_rows[@]})); then
    # The present next hops last: three IPv6 addresses do not fit a column.
    printf '\n%-16s %-24s %-9s %-9s %s\n' 'REMOTE SITE' PREFIX 'NEXT HOPS' VERDICT PRESENT
    for r in "${route_rows[@]}"; do
      read -r remote _ prefix match expected p o v <<<"$r"
      IFS=, read -r -a want_hops <<<"$expected"
      have=()
      [[ $p == - ]] || IFS=, read -r -a have <<<"$p"
      hops="${p//,/ }"
      if [[ $match != any ]]; then
        missing=""
        for x in "${want_hops[@]}"; do
          if [[ ,$p, != *",$x,"* ]]; then missing+=" $x"; fi
        done
        if [[ -n $missing ]]; then hops+=" (missing:$missing)"; fi
      fi
      if [[ $o != - ]]; then hops+=" (other: ${o//,/ })"; fi
      printf '%-16s %-24s %-9s %-9s %s\n' "$remote" "$prefix" "${#have[@]} of ${#want_hops[@]}" "${verdict_word[v]}" "$hops"
    done
  fi
  if ((${#drift_rows[@]})); then
    printf '\n'
    for r in "${drift_rows[@]}"; do
      read -r what subject detail <<<"$r"
      case $detail in
        differs) printf 'drift: %s %s differs from the bundle\n' "$what" "$subject" ;;
        missing) printf 'drift: %s %s is missing\n' "$what" "$subject" ;;
        *) printf 'drift: %s %s is not in the bundle\n' "$what" "$subject" ;;
      esac
    done
  fi
}

print_json() {
  local r sep e_json p_json
  printf '{"host":"%s","site":"%s","kind":"%s","verdict":"%s","tunnels":[' "$host" "$site" "$kind_word" "${verdict_word[verdict]}"
  sep=""
  for r in "${tunnel_rows[@]}"; do
    read -r ifname peer peer_site session age rxb txb state v <<<"$r"
    if ((age < 0)); then age=null; fi
    printf '%s{"ifname":"%s","peer":"%s","peer_site":"%s","session":"%s","handshake_age_seconds":%s,"rx_bytes":%s,"tx_bytes":%s,"state":"%s","verdict":"%s"}' \
      "$sep" "$ifname" "$peer" "$peer_site" "$session" "$age" "$rxb" "$txb" "$state" "${verdict_word[v]}"
    sep=,
  done
  printf '],"sessions":['
  sep=""
  for r in "${session_rows[@]}"; do
    read -r kind name peer state v <<<"$r"
    printf '%s{"kind":"%s","name":"%s","peer":"%s","state":"%s","verdict":"%s"}' "$sep" "$kind" "$name" "${peer/#-/}" "$state" "${verdict_word[v]}"
    sep=,
  done
  printf '],"routes":['
  sep=""
  for r in "${route_rows[@]}"; do
    read -r remote family prefix match expected p o v <<<"$r"
    csv_json "$expected"
    e_json=$REPLY
    csv_json "$p"
    p_json=$REPLY
    csv_json "$o"
    printf '%s{"remote_site":"%s","family":"ipv%s","prefix":"%s","match":"%s","expected":%s,"present":%s,"other":%s,"verdict":"%s"}' \
      "$sep" "$remote" "$family" "$prefix" "$match" "$e_json" "$p_json" "$REPLY" "${verdict_word[v]}"
    sep=,
  done
  printf '],"drift":['
  sep=""
  for r in "${drift_rows[@]}"; do
    read -r what subject detail <<<"$r"
    printf '%s{"kind":"%s","subject":"%s","detail":"%s"}' "$sep" "$what" "$subject" "$detail"
    sep=,
  done
  printf ']}\n'
}

# node_exporter's textfile format; every series labelled with host and site.
print_prometheus() {
  local r l="host=\"$host\",site=\"$site\""
  printf '# HELP vpnc_status Verdict of the host: 0 ok, 1 degraded (redundancy lost), 2 broken (a remote site unreachable).\n# TYPE vpnc_status gauge\n'
  printf 'vpnc_status{%s} %s\n' "$l" "$verdict"
  if ((${#tunnel_rows[@]})); then
    printf '# HELP vpnc_tunnel_up Whether the tunnel had a handshake within the last %s seconds.\n# TYPE vpnc_tunnel_up gauge\n' "$recent"
    for r in "${tunnel_rows[@]}"; do
      read -r ifname peer peer_site _ _ _ _ _ v <<<"$r"
      printf 'vpnc_tunnel_up{%s,ifname="%s",peer="%s",remote_site="%s"} %s\n' "$l" "$ifname" "$peer" "$peer_site" "$((v == 0))"
    done
    printf '# HELP vpnc_tunnel_handshake_age_seconds Seconds since the tunnel'"'"'s latest handshake (no series before the first).\n# TYPE vpnc_tunnel_handshake_age_seconds gauge\n'
    for r in "${tunnel_rows[@]}"; do
      read -r ifname peer peer_site _ age _ _ _ _ <<<"$r"
      if ((age >= 0)); then
        printf 'vpnc_tunnel_handshake_age_seconds{%s,ifname="%s",peer="%s",remote_site="%s"} %s\n' "$l" "$ifname" "$peer" "$peer_site" "$age"
      fi
    done
    printf '# HELP vpnc_tunnel_rx_bytes_total Bytes received over the tunnel since its interface was created.\n# TYPE vpnc_tunnel_rx_bytes_total counter\n'
    for r in "${tunnel_rows[@]}"; do
      read -r ifname peer peer_site _ _ rxb _ _ _ <<<"$r"
      printf 'vpnc_tunnel_rx_bytes_total{%s,ifname="%s",peer="%s",remote_site="%s"} %s\n' "$l" "$ifname" "$peer" "$peer_site" "$rxb"
    done
    printf '# HELP vpnc_tunnel_tx_bytes_total Bytes sent over the tunnel since its interface was created.\n# TYPE vpnc_tunnel_tx_bytes_total counter\n'
    for r in "${tunnel_rows[@]}"; do
      read -r ifname peer peer_site _ _ _ txb _ _ <<<"$r"
      printf 'vpnc_tunnel_tx_bytes_total{%s,ifname="%s",peer="%s",remote_site="%s"} %s\n' "$l" "$ifname" "$peer" "$peer_site" "$txb"
    done
  fi
</#noparse>
<#if frr>
  printf '# HELP vpnc_session_up Whether FRR and its daemons answer, the BGP session is established, the BFD session up, the OSPF neighbor full or 2-way.\n# TYPE vpnc_session_up gauge\n'
<#else>
<#noparse>
  printf '# HELP vpnc_session_up Whether the BIRD daemon answers, the BGP session is established, the BFD session up, the OSPF neighbor full or 2-way.\n# TYPE vpnc_session_up gauge\n'
</#noparse>
</#if>
<#noparse>
  for r in "${session_rows[@]}"; do
    read -r kind name peer _ v <<<"$r"
    printf 'vpnc_session_up{%s,kind="%s",session="%s",peer="%s"} %s\n' "$l" "$kind" "$name" "${peer/#-/}" "$((v == 0))"
  done
  if ((${#route_rows[@]})); then
    printf '# HELP vpnc_route_nexthops_expected Next hops the bundle expects for a remote prefix (ECMP).\n# TYPE vpnc_route_nexthops_expected gauge\n'
    for r in "${route_rows[@]}"; do
      read -r remote family prefix _ expected _ _ _ <<<"$r"
      IFS=, read -r -a want_hops <<<"$expected"
      printf 'vpnc_route_nexthops_expected{%s,remote_site="%s",family="ipv%s",prefix="%s"} %s\n' "$l" "$remote" "$family" "$prefix" "${#want_hops[@]}"
    done
    printf '# HELP vpnc_route_nexthops_present Expected next hops the kernel route to a remote prefix has.\n# TYPE vpnc_route_nexthops_present gauge\n'
    for r in "${route_rows[@]}"; do
      read -r remote family prefix _ _ p _ _ <<<"$r"
      n=0
      [[ $p == - ]] || { IFS=, read -r -a have <<<"$p"; n=${#have[@]}; }
      printf 'vpnc_route_nexthops_present{%s,remote_site="%s",family="ipv%s",prefix="%s"} %s\n' "$l" "$remote" "$family" "$prefix" "$n"
    done
  fi
  printf '# HELP vpnc_drift_items Files, units, interfaces and tables that differ from the bundle.\n# TYPE vpnc_drift_items gauge\n'
  printf 'vpnc_drift_items{%s} %s\n' "$l" "${#drift_rows[@]}"
}

case $format in
  table) print_table ;;
  json) print_json ;;
  prometheus)
    # A temporary file beside the target, then a rename: node_exporter never reads half a file.
    # Readable by node_exporter's own user (the unit's umask is 0077).
    tmp="$prom_file.$$.tmp"
    if ! print_prometheus >"$tmp" || ! chmod 0644 "$tmp" || ! mv -f "$tmp" "$prom_file"; then
      rm -f "$tmp"
      echo "status.sh: cannot write $prom_file" >&2
      exit 3
    fi
    ;;
esac
exit "$verdict"
</#noparse>
</#macro>
