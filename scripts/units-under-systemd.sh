#!/usr/bin/env bash
# Tries one host's bundle under a real systemd on a machine whose PID 1 is not systemd (a
# container, a CI sandbox): the machine's own systemd is booted as PID 1 of new PID, mount,
# network, UTS, IPC and cgroup namespaces, over an overlay of the machine's file system whose
# writes go to a tmpfs. There the bundle is installed as docs/output.md says (install -m 0644 -t
# /etc/systemd/system, daemon-reload, enable --now), and checked: every unit active with its
# sandbox, BIRD in the private namespace at real-time priority, the sysctls in that namespace
# only, reload of vpnc.service and of BIRD, BIRD killed and restarted by systemd, stop (namespace,
# run directory and processes gone, LAN interface back), start again, no "Operation not
# permitted" in the journal. Then the power is cut and the same /etc boots again: the enabled
# units bring the host back. An FRR host (vpnc-frr.service) gets FRR's checks in place of BIRD's:
# every daemon of frr.sh as frr in the namespace, reload through frr-reload.py, bgpd killed and
# everything restarted, vtysh reached from vpnc.service, the status and probe units (docs/frr.md).
#
#   scripts/units-under-systemd.sh OUT/HOST [SECRETS/HOST]
#
# With VPNC_TEST_ANSIBLE=1 the host is installed by the generated playbook instead
# (OUT/ansible/deploy.yml, --limit HOST, vpnc_root unset: the systemd branch, over a connection
# whose modules run inside the container), on a copy of OUT: a first run brings the host up, a
# second reports changed=0, a third after a line added to the copy's BIRD configuration reloads
# the host through systemctl reload vpnc.service (BIRD not restarted); the key store is the
# parent of SECRETS/HOST. Then the same checks.
#
# HOST is the bundle's folder name. Interfaces: $VPNC_TEST_IFACES (default "eth0 eth1"), each
# one end of a veth pair. BIRD 1.6 bundles: $VPNC_BIRD16_DIR (unpacked as scripts/test.sh does)
# replaces BIRD 2 inside the overlay. Needs root, unshare, nsenter, pivot_root, overlayfs and a
# cgroup2 hierarchy.
#
# What the boot differs in from a real host's: the units get a drop-in with
# DefaultDependencies=no (sysinit.target and the machine's other units stay out; their sandbox
# is untouched), the boot target is one that wants what multi-user.target.wants holds, and the
# container has no CAP_SYS_MODULE, CAP_SYS_TIME, CAP_SYSLOG nor CAP_WAKE_ALARM, a read-only
# /proc/sys but for net.* (its own network namespace's) and a read-only /sys.
#
# Nothing stays: every mount, interface and namespace lives in the namespaces, which die with
# their PID 1; the cgroup it makes under the machine's cgroup2 hierarchy is removed at the end.
set -euo pipefail

bundle=$(readlink -f "${1:?usage: $0 OUT/HOST [SECRETS/HOST]}")
secrets=${2:+$(readlink -f "$2")}
host=${bundle##*/}
ifaces=${VPNC_TEST_IFACES:-eth0 eth1}
self=$(readlink -f "${BASH_SOURCE[0]}")

# ---- inside the new namespaces, as their PID 1: an overlay root, then exec systemd ----------
if [[ ${VPNC_UNITS_INNER:-} == 1 ]]; then
  t=$VPNC_UNITS_TMP
  mount -t tmpfs -o mode=755 vpnc-units-test "$t"
  mkdir "$t/upper" "$t/work" "$t/root"
  r=$t/root
  mount -t overlay overlay -o "lowerdir=/,upperdir=$t/upper,workdir=$t/work" "$r"
  mount -t proc proc "$r/proc"
  mount --bind "$r/proc/sys" "$r/proc/sys"
  mount -o remount,bind,ro "$r/proc/sys"
  mount --bind "$r/proc/sys/net" "$r/proc/sys/net"
  mount -o remount,bind,rw "$r/proc/sys/net"
  mount -t sysfs -o ro sysfs "$r/sys"
  mount -t cgroup2 cgroup2 "$r/sys/fs/cgroup"
  mount -t tmpfs -o mode=755 tmpfs "$r/run"
  mount -t tmpfs -o mode=1777 tmpfs "$r/tmp"
  mount -t tmpfs -o mode=755 tmpfs "$r/dev"
  for n in null zero full random urandom tty; do
    touch "$r/dev/$n"
    mount --bind "/dev/$n" "$r/dev/$n"
  done
  mkdir "$r/dev/net"
  touch "$r/dev/net/tun"
  mount --bind /dev/net/tun "$r/dev/net/tun"
  mkdir "$r/dev/pts" "$r/dev/shm"
  mount -t devpts -o newinstance,ptmxmode=0666 devpts "$r/dev/pts"
  ln -s pts/ptmx "$r/dev/ptmx"
  mount -t tmpfs tmpfs "$r/dev/shm"
  ip link set lo up
  n=0
  for i in $ifaces; do
    ip link add "$i" type veth peer name "peer$n"
    ip link set "$i" up
    ip link set "peer$n" up
    n=$((n + 1))
  done
  e=$r/etc/systemd/system
  # The machine's enabled units stay out; the boot target wants what multi-user.target would.
  rm -rf "$e"/*.wants
  ln -sf /dev/null "$e/network-online.target"
  printf '[Unit]\nDescription=vpnc units test\n' >"$e/vpnc-units-test.target"
  if [[ -n ${VPNC_UNITS_DISK:-} ]]; then
    rm -rf "$r/etc/vpnc"
    cp -a "$VPNC_UNITS_DISK/vpnc" "$r/etc/vpnc"
    cp -a "$VPNC_UNITS_DISK/system/." "$e/"
    mkdir -p "$e/vpnc-units-test.target.wants"
    for l in "$e"/multi-user.target.wants/*; do cp -P "$l" "$e/vpnc-units-test.target.wants/"; done
  else
    if [[ -z ${VPNC_UNITS_XFER:-} ]]; then
      mkdir -p "$r/etc/vpnc"
      cp -a "$VPNC_UNITS_BUNDLE/." "$r/etc/vpnc/"
      if [[ -d $VPNC_UNITS_SECRETS ]]; then  # none for an internal router
        mkdir -m 0700 "$r/etc/vpnc/secrets"
        cp -a "$VPNC_UNITS_SECRETS/." "$r/etc/vpnc/secrets/"
      fi
      chown -R root:root "$r/etc/vpnc"
    else
      # The playbook's files, at the same path on both sides.
      mkdir -p "$r$VPNC_UNITS_XFER"
      mount --bind "$VPNC_UNITS_XFER" "$r$VPNC_UNITS_XFER"
    fi
    # Units and timers outside the boot's ordering: a timer's default dependencies would pull in
    # sysinit.target, whose boot services (tmpfiles among them) this container never ran.
    for u in "$VPNC_UNITS_BUNDLE"/systemd/*.service "$VPNC_UNITS_BUNDLE"/systemd/*.timer; do
      mkdir -p "$e/${u##*/}.d"
      printf '[Unit]\nDefaultDependencies=no\n' >"$e/${u##*/}.d/vpnc-units-test.conf"
    done
    mkdir -p "$e/vpnc.service.d"
    printf '[Service]\nEnvironment=VPNC_RELOAD_WAIT=2\n' >"$e/vpnc.service.d/vpnc-units-test-wait.conf"
  fi
  if [[ -n ${VPNC_BIRD16_DIR:-} ]]; then
    cp -f "$VPNC_BIRD16_DIR"/usr/sbin/* "$r/usr/sbin/"
  fi
  # pivot_root, not chroot: nothing of the machine's file system stays reachable.
  cd "$r"
  mkdir oldroot
  pivot_root . oldroot
  umount -l /oldroot
  rmdir /oldroot
  export container=vpnc-units-test
  exec setpriv --bounding-set -sys_module,-sys_time,-syslog,-wake_alarm,-sys_rawio \
    /lib/systemd/systemd --system --unit=vpnc-units-test.target --log-target=journal --show-status=false
fi

# ---- the machine's side -----------------------------------------------------------------------
[[ $(id -u) == 0 ]] || { echo "$0: needs root" >&2; exit 2; }
if [[ $(ps -p 1 -o comm=) == systemd ]]; then
  echo "$0: PID 1 is systemd here: try the units with it (systemctl), not in a nested one" >&2
  exit 2
fi
[[ -f $bundle/systemd/vpnc.service ]] || { echo "$0: no systemd/vpnc.service in $bundle" >&2; exit 2; }
cgroot=$(findmnt -n -t cgroup2 -o TARGET | head -n 1)
[[ -n $cgroot ]] || { echo "$0: no cgroup2 hierarchy mounted" >&2; exit 2; }

work=$(mktemp -d /tmp/vpnc-units-test.XXXXXX)
xfer=
if [[ ${VPNC_TEST_ANSIBLE:-} == 1 ]]; then
  [[ -n $secrets ]] || { echo "$0: VPNC_TEST_ANSIBLE=1 needs SECRETS/HOST (its parent is the key store)" >&2; exit 2; }
  xfer=$work/xfer
  mkdir -p "$xfer"
  cp -a "${bundle%/*}" "$xfer/out"
fi
cg=$cgroot/vpnc-units-test.${work##*.}
mkdir "$cg"
launcher=
cleanup() {
  if [[ -n $launcher ]]; then
    kill -KILL "$launcher" 2>/dev/null || true
    wait "$launcher" 2>/dev/null || true
  fi
  # The cgroups go once the last process in them is gone (a moment after the kill).
  for _ in $(seq 100); do
    find "$cg" -depth -type d -exec rmdir {} \; 2>/dev/null
    [[ -d $cg ]] || break
    sleep 0.1
  done
  if [[ -d $cg ]]; then
    echo "$0: cgroup $cg left behind" >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT
# A SIGTERM (a test that gave up on this script) ends it at the next command, through cleanup:
# without this, bash went on with every check to the end.
trap 'exit 143' TERM INT

failures=0
check() { # description, then a command run inside the container
  local what=$1
  shift
  if out=$(inside "$@" 2>&1); then
    echo "ok   $what"
  else
    echo "FAIL $what"
    printf '     %s\n' "${out//$'\n'/$'\n     '}"
    failures=$((failures + 1))
  fi
}
# A script inside the container, after helpers: all_active UNITS, none_active UNITS.
# shellcheck disable=SC2016 # expanded inside the container
inside() {
  nsenter -t "$pid1" -a -r -w bash -c '
    all_active() { local u; for u in "$@"; do systemctl is-active -q "$u" || { echo "$u: $(systemctl is-active "$u")"; return 1; }; done; }
    none_active() { local u; for u in "$@"; do if systemctl is-active -q "$u"; then echo "$u still active"; return 1; fi; done; }
    # in_ns PID NAME: PID in the network namespace NAME (empty: the machine'"'"'s, PID 1'"'"'s).
    in_ns() { local want=/proc/1/ns/net; [ -z "$2" ] || want=/run/netns/$2; [ "$(stat -L -c %i /proc/$1/ns/net)" = "$(stat -L -c %i $want)" ] || { echo "$1 ($(cat /proc/$1/comm)): not in namespace ${2:-of the host}"; return 1; }; }
    # frr_pids STATE DAEMONS...: the daemons'"'"' pids from their pid files, each running that daemon.
    frr_pids() { local s=$1 d p; shift; for d in "$@"; do p=$(cat $s/$d.pid) && [ "$(cat /proc/$p/comm)" = $d ] || { echo "$d: not running"; return 1; }; echo $p; done; }
    '"$1"
}

# Boots a container; $1: the disk to boot from (a saved /etc), empty for a fresh install.
boot() {
  mkdir -p "$work/t"
  (
    echo "$BASHPID" >"$cg/cgroup.procs"
    exec env VPNC_UNITS_INNER=1 VPNC_UNITS_TMP="$work/t" VPNC_UNITS_BUNDLE="$bundle" \
      VPNC_UNITS_SECRETS="$secrets" VPNC_UNITS_DISK="$1" VPNC_TEST_IFACES="$ifaces" VPNC_UNITS_XFER="$xfer" \
      unshare --mount --pid --fork --net --uts --ipc --cgroup --propagation private --kill-child \
      "$self" "$bundle"
  ) >"$work/boot.log" 2>&1 &
  launcher=$!
  pid1=
  for _ in $(seq 100); do
    sleep 0.2
    # unshare (the launcher) forks the script, which becomes systemd.
    # shellcheck disable=SC2013 # pids, one word each
    for c in $(cat /proc/"$launcher"/task/*/children 2>/dev/null); do
      [[ $(cat /proc/"$c"/comm 2>/dev/null) == systemd ]] && pid1=$c
    done
    # shellcheck disable=SC2016 # expanded inside the container
    [[ -n $pid1 ]] && inside 'systemctl is-system-running >/dev/null 2>&1 || [ "$(systemctl is-system-running 2>/dev/null)" = degraded ]' 2>/dev/null && break
  done
  [[ -n $pid1 ]] || { echo "$0: systemd did not start:"; cat "$work/boot.log"; exit 1; }
  inside 'systemctl start systemd-journald.service'
}

poweroff() {
  kill -KILL "$launcher"
  wait "$launcher" 2>/dev/null || true
  launcher=
}

units=vpnc.service
birds=
for u in "$bundle"/systemd/vpnc-bird*.service; do
  [[ -e $u ]] || continue  # an FRR host
  units+=" ${u##*/}"
  birds+=" ${u##*/}"
done
# A gateway of a probed site runs its health probe too (its pings must not be refused by the
# sandbox: "nothing refused in the units' journal" reads its journal).
if [[ -e $bundle/systemd/vpnc-probe.service ]]; then units+=" vpnc-probe.service"; fi
# An FRR host: vpnc-frr.service runs frr.sh, whose daemons (its daemons=(...)) write their pid
# files and vty sockets in /run/frr/PATHSPACE and, on a gateway, run in the namespace frr.sh enters.
frr='' pathspace='' frr_state='' frr_daemons=''
if [[ -e $bundle/systemd/vpnc-frr.service ]]; then
  frr=vpnc-frr.service
  units+=" $frr"
  frr_var() { sed -n "s/^$1=\"\{0,1\}\([^\"]*\)\"\{0,1\}\$/\1/p" "$bundle/frr.sh" | head -n 1; }
  pathspace=$(frr_var pathspace)
  frr_state=$(frr_var state)
  frr_daemons=$(frr_var daemons | tr -d '()')
  ns=$(frr_var ns)
  [[ -n $pathspace && -n $frr_state && -n $frr_daemons ]] || { echo "$0: frr.sh of $host names no pathspace, state or daemons" >&2; exit 2; }
else
  ns=$(cat "$bundle"/systemd/vpnc-bird*.service | sed -n 's|^NetworkNamespacePath=/run/netns/||p' | head -n 1)
fi
echo "== $host: units $units; namespace ${ns:-none}; systemd $(/lib/systemd/systemd --version | head -n 1)"

boot ""
if [[ -z $xfer ]]; then
  check "installed as docs/output.md says, enabled and started" "set -e
    install -m 0644 -t /etc/systemd/system /etc/vpnc/systemd/*
    systemctl daemon-reload
    systemctl enable --now $units
    sleep 1
    all_active $units
    for u in $units; do [ \"\$(systemctl is-enabled \$u)\" = enabled ]; done"
else
  printf '#!/bin/sh\nexec nsenter -t %s -a -r -w -- /usr/bin/python3 "$@"\n' "$pid1" >"$xfer/python"
  chmod +x "$xfer/python"
  printf 'all:\n  hosts:\n    "%s":\n      ansible_connection: local\n      ansible_python_interpreter: "%s"\n' \
    "$host" "$xfer/python" >"$xfer/inventory.yml"
  playbook() {
    (cd "$xfer/out/ansible" && ANSIBLE_REMOTE_TEMP=$xfer/remote ANSIBLE_LOCAL_TEMP=$xfer/local ANSIBLE_NOCOLOR=1 \
      ANSIBLE_RETRY_FILES_ENABLED=0 ansible-playbook -i inventory.yml -i "$xfer/inventory.yml" deploy.yml \
      --limit "$host" -e vpnc_become=false -e "vpnc_keystore=${secrets%/*}" </dev/null)
  }
  changed() { sed -n "s/^$host *: ok=[0-9]* *changed=\([0-9]*\) .*/\1/p" <<<"$1"; }
  check_run() { # description, expected changed ("some" or a number), [bgp-wait: a failed reload.sh may have no peer]
    local run status=0
    run=$(playbook 2>&1) || status=$?
    last_run=$run
    if ((status != 0)) && [[ ${3:-} == bgp-wait ]] \
      && inside "journalctl -o cat -u vpnc.service | grep -q 'BGP sessions not established'"; then
      echo "ok   $1: reload.sh (systemctl reload vpnc.service) stopped at its BGP wait: no peer here"
    elif ((status != 0)); then
      echo "FAIL $1: the playbook failed (exit $status)"
      printf '     %s\n' "${run//$'\n'/$'\n     '}"
      failures=$((failures + 1))
    elif [[ $2 == some && $(changed "$run") == 0 ]] || [[ $2 != some && $(changed "$run") != "$2" ]]; then
      echo "FAIL $1: changed=$(changed "$run")"
      failures=$((failures + 1))
    else
      echo "ok   $1: changed=$(changed "$run")"
    fi
  }
  check_run "playbook, first run" some
  check "the playbook's units: active and enabled" "set -e
    all_active $units
    for u in $units; do [ \"\$(systemctl is-enabled \$u)\" = enabled ]; done"
  check_run "playbook, second run with nothing new" 0
  before=$(inside "for u in $birds; do systemctl show -p MainPID --value \$u; done")
  for c in "$xfer/out/$host"/bird*.conf; do echo "# changed by $0" >>"$c"; done
  check_run "playbook, after a change of the BIRD configuration" some bgp-wait
  if [[ $last_run == *"RUNNING HANDLER [Apply the new bundle to the running host]"* ]]; then
    echo "ok   the handler ran"
  else
    echo "FAIL the handler did not run"
    failures=$((failures + 1))
  fi
  check "reloaded through systemctl reload vpnc.service, BIRD not restarted" "set -e
    journalctl -o cat -u vpnc.service | grep -q '^Reload.* vpnc.service'
    [ \"\$(for u in $birds; do systemctl show -p MainPID --value \$u; done)\" = '$before' ]"
fi
for b in $birds; do
  check "$b: BIRD answers, in namespace ${ns:-of the host}, at SCHED_RR, seccomp, no new privileges" "set -e
    pid=\$(systemctl show -p MainPID --value $b)
    [ \"\$(ip netns identify \$pid)\" = '$ns' ]
    for t in /proc/\$pid/task/*; do chrt -p \${t##*/} | grep -q SCHED_RR; done
    ctl=\$(systemctl show -p ExecStart --value $b | grep -o '/run/vpnc/[^ ;]*ctl' | head -n 1)
    birdc -s \$ctl show status 2>/dev/null | grep -q 'ready' || birdc6 -s \$ctl show status | grep -q ready
    grep -o 'Seccomp:.*' /proc/\$pid/status | grep -q 2
    grep -q '^NoNewPrivs:.*1' /proc/\$pid/status"
done
if [[ -n $frr ]]; then
  # The daemons start as root under frr.sh (ip netns exec on a gateway) and drop to the user frr.
  check "$frr: $frr_daemons answer, as frr, in namespace ${ns:-of the host}, at SCHED_RR, seccomp, no new privileges" "set -e
    pids=\$(frr_pids $frr_state $frr_daemons)
    [ \"\$(systemctl show -p MainPID --value $frr)\" = \"\$(cat \$(systemctl show -p PIDFile --value $frr))\" ]
    for pid in \$pids; do
      in_ns \$pid '$ns'
      [ \"\$(ps -o user= -p \$pid)\" = frr ] || { echo \"\$pid runs as \$(ps -o user= -p \$pid)\"; exit 1; }
      grep -q '/$frr\$' /proc/\$pid/cgroup || { echo \"\$pid not in $frr: \$(cat /proc/\$pid/cgroup)\"; exit 1; }
      for t in /proc/\$pid/task/*; do chrt -p \${t##*/} | grep -q SCHED_RR; done
      grep -o 'Seccomp:.*' /proc/\$pid/status | grep -q 2
      grep -q '^NoNewPrivs:.*1' /proc/\$pid/status
    done
    shown=\$(vtysh -N $pathspace -c 'show daemons' 2>/dev/null)
    for d in $frr_daemons; do case \" \$shown \" in *\" \$d \"*) ;; *) echo \"vtysh: \$shown\"; exit 1 ;; esac; done"
fi
if [[ -n $ns ]]; then
  check "sysctls set in namespace $ns only" "set -e
    [ \"\$(ip netns exec $ns sysctl -n net.ipv6.conf.all.forwarding)\" = 1 ]
    [ \"\$(sysctl -n net.ipv6.conf.all.forwarding)\" = 0 ]"
fi
# No peer here: the host is degraded or broken, which the unit counts as success (the verdict is
# the metric's). What is checked: the sandbox lets status.sh read everything and write the file.
check "vpnc-status.timer active; vpnc-status.service writes the metrics file" "
  prom=/var/lib/prometheus/node-exporter/vpnc.prom
  # Without the folder (node_exporter's), the unit's runs are skipped: the playbook's timer ran it so.
  mkdir -p \${prom%/*}
  systemctl enable --now vpnc-status.timer || exit 1
  systemctl is-active -q vpnc-status.timer || { echo \"timer: \$(systemctl is-active vpnc-status.timer)\"; exit 1; }
  systemctl start vpnc-status.service || { journalctl -o cat -u vpnc-status.service | tail -n 15; exit 1; }
  result=\$(systemctl show -p Result --value vpnc-status.service)
  [ \"\$result\" = success ] || { echo \"result: \$result\"; journalctl -o cat -u vpnc-status.service | tail -n 15; exit 1; }
  grep -q '^vpnc_status{host=\"$host\",' \$prom || { echo 'no vpnc_status series:'; head -n 5 \$prom; exit 1; }
  mode=\$(stat -c %a \$prom)
  [ \$mode = 644 ] || { echo \"mode \$mode\"; exit 1; }
  # An FRR host: status.sh reached FRR through the unit's sandbox (vtysh), every daemon answering.
  [ -z '$frr' ] || grep -q '^vpnc_session_up{.*kind=\"FRR\",session=\"$pathspace\",.*} 1\$' \$prom ||
    { echo 'FRR not judged running:'; grep 'kind=\"FRR\"' \$prom; exit 1; }"
if [[ $units == *vpnc-probe.service* ]]; then
  # The probed host is missing here (probe.sh withdraws the routes), then appears beyond the LAN
  # interface: the probe must see it answer through its sandbox (ip netns exec, ping, and
  # IPAddressAllow= of the probed address) and announce the routes again.
  paddr=$(sed -n 's/^address="\(.*\)"$/\1/p' "$bundle/probe.sh")
  psrc=$(sed -n 's/^source="\(.*\)"$/\1/p' "$bundle/probe.sh")
  lan=${ifaces##* }
  check "vpnc-probe.service: withdraws while $paddr is missing, announces once it answers through the sandbox" "set -e
    state=/run/vpnc/$host/probe-failed.conf
    for _ in \$(seq 100); do [ -e \$state ] && break; sleep 0.1; done
    [ -e \$state ] || { echo 'not withdrawn without the probed host'; journalctl -o cat -u vpnc-probe.service | tail -n 5; exit 1; }
    # On FRR, probe.sh withdraws through frr.sh probe: bgpd's outbound route-maps get 'deny 5'.
    deny5() { vtysh -N '$pathspace' -c 'show running-config' 2>/dev/null | grep -q '^route-map .* deny 5\$'; }
    if [ -n '$frr' ]; then
      for _ in \$(seq 50); do deny5 && break; sleep 0.1; done
      deny5 || { echo 'FRR: no deny 5 in the route-maps while withdrawn'; journalctl -o cat -u vpnc-probe.service | tail -n 5; exit 1; }
    fi
    ip addr add $paddr dev peer1 nodad
    ip route replace $psrc dev peer1
    ip -n $ns route replace $paddr dev $lan
    for _ in \$(seq 150); do [ -e \$state ] || break; sleep 0.1; done
    [ ! -e \$state ] || { echo 'still withdrawn with the probed host answering'; journalctl -o cat -u vpnc-probe.service | tail -n 5; exit 1; }
    journalctl -o cat -u vpnc-probe.service | grep -q 'answers again'
    if [ -n '$frr' ]; then
      for _ in \$(seq 50); do deny5 || break; sleep 0.1; done
      ! deny5 || { echo 'FRR: deny 5 left in the route-maps'; exit 1; }
      ! journalctl -o cat -u vpnc-probe.service | grep 'frr.sh probe failed'
    fi"
fi
if [[ -z $frr ]]; then
  check "systemctl reload vpnc.service: reload.sh done (or stopped at the BGP wait: no peer here)" "
    systemctl reload vpnc.service && exit 0
    journalctl -o cat -u vpnc.service | grep -q 'BGP sessions not established'"
else
  # No peer here: reload.sh must find FRR running (frr.sh running reads the daemons' /proc
  # entries) and stop at its BGP wait naming the sessions vtysh lists, through vpnc.service's sandbox.
  check "systemctl reload vpnc.service: reload.sh finds FRR running and stops at the BGP wait, naming the sessions" "
    if systemctl reload vpnc.service; then echo 'reload.sh succeeded without a peer'; fi
    journalctl -o cat -u vpnc.service | grep -E 'reload.sh:' | tail -n 5
    ! journalctl -o cat -u vpnc.service | grep -q 'is not running' &&
      journalctl -o cat -u vpnc.service | grep -q 'BGP sessions not established after [0-9]* s: [0-9a-f]'"
fi
for b in $birds; do
  check "systemctl reload $b" "systemctl reload $b || { journalctl -o cat -u $b | tail -n 15; exit 1; }"
  check "$b killed: restarted by systemd" "set -e
    old=\$(systemctl show -p MainPID --value $b)
    systemctl kill -s KILL $b
    for _ in \$(seq 50); do
      new=\$(systemctl show -p MainPID --value $b)
      [ \"\$new\" != 0 ] && [ \"\$new\" != \"\$old\" ] && systemctl is-active -q $b && exit 0
      sleep 0.2
    done
    exit 1"
done
if [[ -n $frr ]]; then
  # frr.sh stop and running find the daemons by their /proc entries: as the unit's ExecStop sees
  # /proc (its mount namespace, ProtectProc=) with its capabilities, every daemon must be there.
  check "$frr: frr.sh running, in the unit's mount namespace and with its capabilities, sees every daemon" "set -e
    main=\$(systemctl show -p MainPID --value $frr)
    caps=-all\$(systemctl show -p CapabilityBoundingSet --value $frr | sed 's/cap_/,+/g; s/ //g')
    nsenter -t \$main -m -- setpriv --bounding-set \$caps --inh-caps -all /etc/vpnc/frr.sh running"
  # A line added to frr.conf and taken out again: frr-reload.py (python3, vtysh) applies each
  # change through the unit's sandbox, and no daemon restarts.
  check "systemctl reload $frr: frr-reload.py adds a line of frr.conf and removes it, no daemon restarted" "set -e
    before=\$(frr_pids $frr_state $frr_daemons)
    cp /etc/vpnc/frr.conf /run/frr.conf.orig
    echo 'ip prefix-list vpnc-units-test seq 5 permit 10.99.0.0/16' >>/etc/vpnc/frr.conf
    systemctl reload $frr || { journalctl -o cat -u $frr | tail -n 15; exit 1; }
    vtysh -N $pathspace -c 'show running-config' 2>/dev/null | grep -q 'vpnc-units-test' || { echo 'not applied'; exit 1; }
    cp /run/frr.conf.orig /etc/vpnc/frr.conf
    systemctl reload $frr || { journalctl -o cat -u $frr | tail -n 15; exit 1; }
    ! vtysh -N $pathspace -c 'show running-config' 2>/dev/null | grep -q 'vpnc-units-test' || { echo 'not removed'; exit 1; }
    [ \"\$(frr_pids $frr_state $frr_daemons)\" = \"\$before\" ] || { echo 'a daemon restarted'; exit 1; }"
  # The main process (the pid file's) ends: frr.sh stop stops the others, systemd starts them all again.
  check "$frr: its main process killed, every daemon stopped and started again by systemd" "set -e
    before=\$(frr_pids $frr_state $frr_daemons)
    systemctl kill --kill-who=main -s KILL $frr
    for _ in \$(seq 100); do
      sleep 0.2
      systemctl is-active -q $frr || continue
      after=\$(frr_pids $frr_state $frr_daemons 2>/dev/null) || continue
      for p in \$before; do case \" \$(echo \$after) \" in *\" \$p \"*) echo \"\$p (\$(cat /proc/\$p/comm)) not restarted\"; exit 1 ;; esac; done
      for p in \$after; do in_ns \$p '$ns'; done
      exit 0
    done
    echo \"\$(systemctl is-active $frr)\"; journalctl -o cat -u $frr | tail -n 15; exit 1"
fi
check "systemctl stop vpnc.service: everything gone, interfaces back" "set -e
  systemctl stop vpnc.service
  none_active $units
  [ ! -e /run/netns/${ns:-none} ]
  [ ! -e /run/vpnc/$host ]
  if pgrep -a -x bird || pgrep -a -x bird6 || pgrep -a wireguard-go; then exit 1; fi
  if [ -n '$frr' ]; then
    [ ! -e '$frr_state' ] || { echo '$frr_state left'; exit 1; }
    for d in $frr_daemons; do if pgrep -a -x \$d; then exit 1; fi; done
  fi
  for i in $ifaces; do ip link show \$i >/dev/null; done"
check "systemctl start vpnc.service: everything back" "set -e
  systemctl start vpnc.service
  for _ in \$(seq 50); do all_active $units >/dev/null && break; sleep 0.2; done
  all_active $units"
# shellcheck disable=SC2086 # one -u per unit
check "nothing refused in the units' journal" "! journalctl -o cat $(printf -- '-u %s ' $units vpnc-status.service) | grep -v -i 'connection refused' | grep -i -E 'operation not permitted|permission denied|read-only file system|SIGSYS|status=31|refused|failed to connect|not supported by protocol'"

if ((failures > 0)); then
  echo "-- the end of the units' journal:"
  # shellcheck disable=SC2086 # one -u per unit
  inside "journalctl -o short-monotonic --no-pager $(printf -- '-u %s ' $units vpnc-status.service) | tail -n 80" | sed 's/^/     /' || true
fi
# A power cut, and a boot from what the disk holds: /etc/vpnc and /etc/systemd/system.
mkdir -p "$work/disk"
cp -a "/proc/$pid1/root/etc/vpnc" "$work/disk/vpnc"
cp -a "/proc/$pid1/root/etc/systemd/system" "$work/disk/system"
poweroff
boot "$work/disk"
check "after a power cut and a boot, the enabled units bring $host back" "set -e
  for _ in \$(seq 50); do all_active $units >/dev/null && break; sleep 0.2; done
  all_active $units
  for b in $birds; do
    pid=\$(systemctl show -p MainPID --value \$b)
    [ \"\$(ip netns identify \$pid)\" = '$ns' ]
  done
  if [ -n '$frr' ]; then
    for pid in \$(frr_pids '$frr_state' $frr_daemons); do in_ns \$pid '$ns'; done
  fi"
poweroff

echo "== $host: $failures failed"
((failures == 0))
