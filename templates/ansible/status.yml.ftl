<#-- @ftlvariable name="fleet" type="dev.vpnc.emit.AnsibleViews.Fleet" -->
<#import "../common/header.ftl" as h>
<@h.header "#" "Ansible playbook of network ${fleet.network}: collects each host's status.sh --json for vpnc status"/>
#
#   ansible-playbook -i ansible/inventory.yml ansible/status.yml -e vpnc_status_dir=/path/to/dir
#   vpnc status net.vpn --from /path/to/dir
#
# (`vpnc status net.vpn --ansible OUT` runs both.) Runs the installed status.sh --json on every
# host and writes what it printed to vpnc_status_dir/HOST.json on the controller. Changes nothing
# on the hosts. Exit statuses 0 (ok), 1 (degraded) and 2 (broken) are verdicts, not failures;
# 3 (wrong usage) or any other fails the host, which then has no file: vpnc status reports it
# as unknown, as it does a host Ansible cannot reach.
#
# vpnc_status_dir (required): the folder on the controller (created 0700 when missing).
# vpnc_root (default /): prefix of the installed paths, as in deploy.yml.
# vpnc_dir (default /etc/vpnc): where the bundle was installed.
# vpnc_become (default true): become root on the host (status.sh asks BIRD, wg and ip, as root).
- name: "Collect the status of the vpnc hosts of network ${fleet.network}"
  hosts: all
  gather_facts: false
  become: "{{ vpnc_become | default(true) | bool }}"
  vars:
    vpnc_prefix: "{{ vpnc_root | default('/') }}"
    vpnc_target: "{{ [vpnc_prefix, (vpnc_dir | default('/etc/vpnc')) | regex_replace('^/+', '')] | path_join }}"
  tasks:
    - name: The status folder is given
      ansible.builtin.assert:
        that: vpnc_status_dir is defined
        fail_msg: "set vpnc_status_dir to a folder on the controller (-e vpnc_status_dir=PATH)"
      run_once: true
      delegate_to: localhost
      become: false

    - name: Status folder on the controller
      ansible.builtin.file:
        path: "{{ vpnc_status_dir }}"
        state: directory
        mode: "0700"
      run_once: true
      delegate_to: localhost
      become: false

    # Reads only, so it runs in check mode too.
    - name: status.sh --json
      ansible.builtin.command:
        argv: ["{{ vpnc_target }}/status.sh", "--json"]
      register: vpnc_status
      changed_when: false
      failed_when: vpnc_status.rc not in [0, 1, 2]
      check_mode: false

    # Written byte for byte as status.sh printed it (a host's output is never templated again).
    # The leading space is there on purpose: a result that starts with "{" is read back as a
    # dictionary by Ansible's templating and written out again reformatted (or left as it is when
    # it holds a null); JSON allows the space. vpnc status checks the file (size, host, site).
    - name: The host's status, on the controller
      ansible.builtin.copy:
        content: " {{ vpnc_status.stdout }}\n"
        dest: "{{ vpnc_status_dir }}/{{ inventory_hostname }}.json"
        mode: "0644"
      delegate_to: localhost
      become: false
