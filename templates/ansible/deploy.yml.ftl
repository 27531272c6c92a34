<#-- @ftlvariable name="fleet" type="dev.vpnc.emit.AnsibleViews.Fleet" -->
<#import "../common/header.ftl" as h>
<@h.header "#" "Ansible playbook of network ${fleet.network}: installs each host's bundle, secrets and units, then applies it"/>
#
#   ansible-playbook -i ansible/inventory.yml ansible/deploy.yml -e vpnc_keystore=/path/to/secrets
#
# Each host gets its bundle in vpnc_dir, its secrets (gateways), and its systemd units in
# /etc/systemd/system, enabled: the host comes back up after a reboot, and vpnc-status.timer
# writes its state for node_exporter every 30 s. Then a host that is not up
# is brought up (systemctl restart of its units); a host that is up and whose bundle or secrets
# changed gets reload.sh (systemctl reload vpnc.service); any other host is left alone. A second
# run with nothing new reports no change.
#
# vpnc_keystore (required): the key store on the controller, one folder per gateway; its files
#   are copied to the gateway only (mode 0600, never logged).
# vpnc_root (default /): prefix of every installed path, for a test install into a scratch tree.
#   Under another root than /, nothing asks systemd: the units are enabled with
#   "systemctl --root" (links only) and the host is brought up with up.sh, reloaded with
#   reload.sh, run directly.
# vpnc_dir (default /etc/vpnc): where the bundle goes; the secrets go to its secrets/ folder.
#   The units run the scripts from /etc/vpnc: another directory works without systemd only.
# vpnc_apply (default true): bring up or reload; false only installs (and enables the units).
# vpnc_become (default true): become root on the host.
- name: "Deploy the vpnc bundles of network ${fleet.network}"
  hosts: all
  gather_facts: false
  become: "{{ vpnc_become | default(true) | bool }}"
  vars:
    vpnc_bundles: "{{ playbook_dir }}/.."
    vpnc_prefix: "{{ vpnc_root | default('/') }}"
    vpnc_target: "{{ [vpnc_prefix, (vpnc_dir | default('/etc/vpnc')) | regex_replace('^/+', '')] | path_join }}"
    vpnc_unit_dir: "{{ [vpnc_prefix, 'etc/systemd/system'] | path_join }}"
    # systemd runs the host (start, reload, daemon-reload) unless the install goes to a scratch root.
    vpnc_systemd: "{{ vpnc_prefix == '/' }}"
    vpnc_applying: "{{ vpnc_apply | default(true) | bool }}"
  tasks:
    - name: The key store is given
      ansible.builtin.assert:
        that: vpnc_keystore is defined
        fail_msg: "set vpnc_keystore to the key store folder (-e vpnc_keystore=PATH)"
      when: inventory_hostname in groups['${fleet.gatewayGroup}']

    - name: The units find the bundle
      ansible.builtin.assert:
        that: not (vpnc_systemd | bool) or (vpnc_dir | default('/etc/vpnc')) == '/etc/vpnc'
        fail_msg: "the systemd units run /etc/vpnc/up.sh: install with vpnc_dir=/etc/vpnc (or under a vpnc_root)"

    - name: Bundle directory
      ansible.builtin.file:
        path: "{{ vpnc_target }}"
        state: directory
        mode: "0755"

    - name: Bundle of the host (scripts stay executable)
      ansible.builtin.copy:
        src: "{{ vpnc_bundles }}/{{ inventory_hostname }}/"
        dest: "{{ vpnc_target }}/"
        mode: preserve
        directory_mode: "0755"
      notify: Apply the new bundle to the running host

    - name: Secrets folder
      ansible.builtin.file:
        path: "{{ vpnc_target }}/secrets"
        state: directory
        mode: "0700"
      when: inventory_hostname in groups['${fleet.gatewayGroup}']

    - name: Secrets of the host, from the key store
      ansible.builtin.copy:
        src: "{{ vpnc_keystore }}/{{ inventory_hostname }}/"
        dest: "{{ vpnc_target }}/secrets/"
        mode: "0600"
        directory_mode: "0700"
      no_log: true
      when: inventory_hostname in groups['${fleet.gatewayGroup}']
      notify: Apply the new bundle to the running host

    - name: systemd units of the host, where systemd looks for them
      ansible.builtin.copy:
        src: "{{ vpnc_bundles }}/{{ inventory_hostname }}/systemd/"
        dest: "{{ vpnc_unit_dir }}/"
        mode: "0644"
        directory_mode: "0755"
      register: vpnc_units_copied

    - name: systemd reads the new units
      ansible.builtin.systemd:
        daemon_reload: true
      when: vpnc_systemd | bool and vpnc_units_copied is changed

    - name: Units enabled (started at boot)
      ansible.builtin.command:
        argv: "{{ ['systemctl'] + ([] if vpnc_systemd | bool else ['--root=' ~ vpnc_prefix]) + ['enable'] + vpnc_units }}"
      register: vpnc_enabled
      changed_when: "'Created symlink' in vpnc_enabled.stderr"

    - name: Is the host up already
      ansible.builtin.stat:
        path: "{{ vpnc_running }}"
        # Whether it exists, nothing more: a namespace's file cannot be read (EINVAL), a socket neither.
        get_checksum: false
        get_mime: false
        get_attributes: false
      register: vpnc_up
      when: vpnc_applying | bool

    - name: Is vpnc.service running the host (not a host brought up by hand)
      ansible.builtin.command:
        argv: [systemctl, is-active, vpnc.service]
      register: vpnc_active
      changed_when: false
      failed_when: false
      when: vpnc_applying | bool and vpnc_systemd | bool and vpnc_up.stat.exists

    - name: Bring the host up (its units, or up.sh under a scratch root)
      ansible.builtin.command:
        argv: "{{ (['systemctl', 'restart'] + vpnc_units) if vpnc_systemd | bool else [vpnc_target ~ '/up.sh'] }}"
      environment:
        VPNC_SECRETS: "{{ vpnc_target }}/secrets"
      when: vpnc_applying | bool and not vpnc_up.stat.exists
      changed_when: true

    # A host that was up already gets its status timer now rather than at its next boot (a host
    # brought up above has it from the restart of its units).
    - name: The status timer runs (status.sh --prometheus every 30 s)
      ansible.builtin.systemd:
        name: vpnc-status.timer
        state: started
      when: vpnc_applying | bool and vpnc_systemd | bool

  handlers:
    # Only for a host that was up before this run (a host just brought up has the new bundle).
    - name: Apply the new bundle to the running host
      ansible.builtin.command:
        argv: "{{ ['systemctl', 'reload', 'vpnc.service'] if vpnc_systemd | bool and vpnc_active.stdout | default('') == 'active' else [vpnc_target ~ '/reload.sh'] }}"
      environment:
        VPNC_SECRETS: "{{ vpnc_target }}/secrets"
      when: vpnc_applying | bool and vpnc_up.stat.exists
