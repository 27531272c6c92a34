#!/usr/bin/env bash
# Writes vpnc(1) on stdout, from the help of every command of the given vpnc (so that the page says
# what that build does): a NAME and SYNOPSIS, then each command's --help, verbatim.
# Usage: packaging/manpage.sh VPNC VERSION EPOCH
set -euo pipefail
vpnc=$1
version=$2
date=$(date -u -d "@$3" +%Y-%m-%d)
# roff: a backslash is written \e; a line starting with . or ' would be a request.
verbatim() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }
cat <<HEAD
.TH VPNC 1 "$date" "vpnc $version" "User Commands"
.SH NAME
vpnc \\- compiler for redundant, routed, site-to-site WireGuard VPNs
.SH SYNOPSIS
.B vpnc
.I COMMAND
[\\fIOPTIONS\\fR] [\\fIFILE\\fR]
.SH DESCRIPTION
vpnc turns a \\fI.vpn\\fR file (sites, gateways, redundancy) into, for every host, the files that
bring the network up: WireGuard configurations, shell scripts, BIRD configurations and systemd
units. The commands and their options follow, as \\fBvpnc\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR prints them.
HEAD
echo '.SH COMMANDS'
echo '.nf'
"$vpnc" --help | verbatim
echo '.fi'
for command in compile check plan status explain fmt "lab up" "lab test" "lab down" lsp completion; do
  echo ".SS \"vpnc $command\""
  echo '.nf'
  # shellcheck disable=SC2086 # "lab up" is two words
  "$vpnc" $command --help | verbatim
  echo '.fi'
done
cat <<TAIL
.SH FILES
.TP
.I /usr/share/doc/vpnc-compiler/
the README, the documentation (docs/) and the examples of the release
.SH SEE ALSO
.BR wg (8),
.BR bird (8),
.BR systemd.service (5)
TAIL
