/**
 * The fleet view ({@code vpnc status}): every host's {@code status.sh --json}, read as data that
 * came from the hosts (bounded, checked, never trusted to say who it is from), judged against
 * the compiled plan, and printed as one table or one JSON object. Pure: it reads files only
 * when asked ({@link dev.vpnc.fleet.StatusFiles}); running Ansible is the command line's.
 */
package dev.vpnc.fleet;
