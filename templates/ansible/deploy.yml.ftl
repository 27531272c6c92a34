<#-- @ftlvariable name="fleet" type="dev.vpnc.emit.AnsibleViews.Fleet" -->
<#import "../common/header.ftl" as h>
<@h.header "#" "Ansible playbook of network ${fleet.network}: installs each host's bundle and secrets, then applies it"/>
#
#   ansible-playbook -i ansible/inventory.yml ansible/deploy.yml -e vpnc_keystore=/path/to/secrets
#
# vpnc_keystore (required): the key store on the controller, one folder per gateway; its files
#   are copied to the gateway only (mode 0600, never logged).
# vpnc_root (default /): prefix of every installed path, for a test install into a scratch tree.
# vpnc_dir (default /etc/vpnc): where the bundle goes; the secrets go to its secrets/ folder.
# vpnc_apply (default true): run up.sh on a host that is not up, reload.sh on one that is.
# vpnc_become (default true): become root on the host.
- name: "Deploy the vpnc bundles of network ${fleet.network}"
  hosts: all
  gather_facts: false
  become: "{{ vpnc_become | default(true) | bool }}"
  vars:
    vpnc_bundles: "{{ playbook_dir }}/.."
    vpnc_prefix: "{{ vpnc_root | default('/') }}"
    vpnc_target: "{{ [vpnc_prefix, (vpnc_dir | default('/etc/vpnc')) | regex_replace('^/+', '')] | path_join }}"
  tasks:
    - name: The key store is given
      ansible.builtin.assert:
        that: vpnc_keystore is defined
        fail_msg: "set vpnc_keystore to the key store folder (-e vpnc_keystore=PATH)"
      when: inventory_hostname in groups['${fleet.gatewayGroup}']

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

    - name: Is the host up already
      ansible.builtin.stat:
        path: "{{ [vpnc_prefix, vpnc_running | regex_replace('^/+', '')] | path_join }}"
      register: vpnc_up
      when: vpnc_apply | default(true) | bool

    - name: Bring a fresh host up (up.sh)
      ansible.builtin.command:
        cmd: "{{ vpnc_target }}/up.sh"
      environment:
        VPNC_SECRETS: "{{ vpnc_target }}/secrets"
      when: (vpnc_apply | default(true) | bool) and not vpnc_up.stat.exists
      changed_when: true

    - name: Apply the new bundle to a running host (reload.sh)
      ansible.builtin.command:
        cmd: "{{ vpnc_target }}/reload.sh"
      environment:
        VPNC_SECRETS: "{{ vpnc_target }}/secrets"
      when: (vpnc_apply | default(true) | bool) and vpnc_up.stat.exists
      changed_when: true
