package dev.vpnc.diag;

/**
 * The catalogue of diagnostics. A code is stable and never reused: retire a code by leaving it
 * here, unused, with a note. Titles are lower-case noun phrases; messages (built by the checks)
 * are lower-case sentences without a final period.
 */
public enum Code {
    // 00xx: syntax
    E0001("E0001", Severity.ERROR, "syntax error", "compare with the language tour in vpnc's README (\"The language in five minutes\")"),
    E0002("E0002", Severity.ERROR, "unterminated string", "close the string with `\"` on the same line"),
    E0003("E0003", Severity.ERROR, "unexpected character", "remove the character; names use letters, digits, `_` and `-`"),

    // 01xx: files, imports, names
    E0101("E0101", Severity.ERROR, "import not found", "check the path (relative to the importing file) or the stdlib module name"),
    E0102("E0102", Severity.ERROR, "import cycle", "remove one of the imports in the cycle"),
    E0103("E0103", Severity.ERROR, "unknown name", "declare it, or check the spelling"),
    E0104("E0104", Severity.ERROR, "duplicate name", "rename one of them: site, gateway, router and profile names share one namespace"),
    E0105("E0105", Severity.ERROR, "missing or repeated network", "declare exactly one `network NAME { ... }` across the source and its imports"),
    E0106("E0106", Severity.ERROR, "setting not allowed here", "move the setting to a block where it applies"),
    E0107("E0107", Severity.ERROR, "setting given twice", "keep one of them"),
    E0108("E0108", Severity.ERROR, "file cannot be read", "check that the file exists and is readable"),
    E0109("E0109", Severity.ERROR, "nesting too deep", "flatten the chain of imports or profiles"),
    E0110("E0110", Severity.ERROR, "import outside the source tree", "move the file into the main file's folder, or allow its folder with `--allow-imports DIR`"),
    E0111("E0111", Severity.ERROR, "not a .vpn source file", "give vpnc .vpn source files only"),
    E0112("E0112", Severity.ERROR, "source in the key store", "keep .vpn files out of the key store, and the key store out of imports"),
    E0113("E0113", Severity.ERROR, "not a regular file", "use a regular file: vpnc opens no directory, device, named pipe or link in its place"),

    // 0115-0119: names once vpnc maps them to BIRD symbols, folders and inventory hosts
    E0115("E0115", Severity.ERROR, "names collide once mapped", "rename one of them so that they differ once mapped"),
    E0116("E0116", Severity.ERROR, "name gives a reserved BIRD symbol", "rename it: BIRD would read the symbol as one of its keywords or vpnc's own"),
    E0117("E0117", Severity.ERROR, "name too long for BIRD", "shorten the name: BIRD symbols have at most 64 characters"),

    // 02xx: values
    E0201("E0201", Severity.ERROR, "invalid address or prefix", "write an address such as 2001:db8::1 or 192.0.2.1, a prefix such as 2001:db8::/64"),
    E0202("E0202", Severity.ERROR, "prefix has host bits set", "use the network address of the prefix"),
    E0203("E0203", Severity.ERROR, "wrong address family", "use an address of the family the setting expects"),
    E0204("E0204", Severity.ERROR, "value out of range", "use a value inside the allowed range"),
    E0205("E0205", Severity.ERROR, "AS number out of range", "use a private AS number: 64512-65534 or 4200000000-4294967294"),
    E0206("E0206", Severity.ERROR, "invalid interface name", "Linux interface names have 1 to 15 characters from [a-zA-Z0-9_=+.-], not starting with `-`"),
    E0207("E0207", Severity.ERROR, "interface used twice on one host", "give each role (uplink, LAN, hosts) its own interface"),
    E0208("E0208", Severity.ERROR, "unsupported BIRD version", "write `bird 2` (the default) or `bird 1.6`"),
    E0209("E0209", Severity.ERROR, "timers contradict each other", "keep the shorter timer below the longer one, as the label says"),
    E0210("E0210", Severity.ERROR, "BIRD version not run by this command", "compile the network for a BIRD version the command runs"),

    // 03xx: topology and allocation
    E0301("E0301", Severity.ERROR, "prefixes overlap between sites", "give each site prefixes of its own"),
    W0302("W0302", Severity.WARNING, "site is not redundant", "add a second gateway to the site"),
    E0303("E0303", Severity.ERROR, "IPv4 prefixes but no IPv4 tunnel pool", "add `tunnels ipv4 PREFIX` to the network, e.g. `tunnels ipv4 10.255.0.0/24`"),
    E0304("E0304", Severity.ERROR, "endpoint not reachable over the underlay", "use an endpoint of a family listed in the network's `underlay`, or add that family"),
    E0305("E0305", Severity.ERROR, "missing setting", "add the setting to the block, to a profile it uses, or to an enclosing block"),
    E0306("E0306", Severity.ERROR, "port range exhausted", "widen the network's `ports` range"),
    E0307("E0307", Severity.ERROR, "address pool exhausted", "use a larger prefix for the pool"),
    E0308("E0308", Severity.ERROR, "site without gateway", "declare at least one `gateway NAME { ... }` in the site"),
    E0309("E0309", Severity.ERROR, "AS number used by two sites", "give each site its own AS number: sites peer over eBGP and drop routes carrying their own AS"),
    E0310("E0310", Severity.ERROR, "invalid mesh link", "link two different sites of the network"),
    E0311("E0311", Severity.ERROR, "router prefix outside its site", "list only prefixes that the site owns"),
    E0312("E0312", Severity.ERROR, "invalid lock file", "fix the line, or delete vpnc.lock to allocate everything again (every tunnel may change)"),
    E0313("E0313", Severity.ERROR, "invalid key file", "restore the key file from a backup, or delete it to generate a new key (peers must then be redeployed)"),
    E0314("E0314", Severity.ERROR, "allocation conflict", "pin distinct values in vpnc.lock, or delete the conflicting lines to allocate again"),
    W0315("W0315", Severity.WARNING, "sites not connected", "add a mesh link between the two sites, or use `mesh full`"),
    W0316("W0316", Severity.WARNING, "unused profile", "use the profile with `uses NAME`, or remove it"),
    W0317("W0317", Severity.WARNING, "unused import", "remove the import, or use what it declares"),
    W0318("W0318", Severity.WARNING, "tunnel MTU too large for the underlay", "lower `wireguard { mtu N }`: 1420 fits a 1500-byte IPv6 underlay, 1440 an IPv4 one"),
    E0319("E0319", Severity.ERROR, "too many tunnels", "link only the sites that talk to each other (`mesh`), or use fewer gateways per site"),
    W0320("W0320", Severity.WARNING, "single gateway joins two sites", "give the sites tunnels through more than one gateway"),

    // 032x: the key store and the files vpnc writes
    W0321("W0321", Severity.WARNING, "key store readable by others", "make key files 0600 and key folders 0700, and replace a key someone else may have read"),
    W0322("W0322", Severity.WARNING, "gateways share a private key", "delete all but one of the key files, then compile to make new keys (the peers must be redeployed)"),
    E0323("E0323", Severity.ERROR, "output folder overlaps the input", "write the output to a folder of its own, outside the key store, the sources and the lock file"),

    // 033x: key rotation (vpnc keys rotate)
    E0330("E0330", Severity.ERROR, "no such key to rotate", "name a gateway of the network, or a tunnel with a preshared key as `--psk A:B`"),
    E0331("E0331", Severity.ERROR, "key not created yet", "compile first: it creates the key, and a key never deployed needs no rotation"),
    E0332("E0332", Severity.ERROR, "rotation cuts two sites apart", "rotate the keys one after the other, deploying each step before the next"),
    W0333("W0333", Severity.WARNING, "key rotation interrupts traffic", "give the site a second gateway, or its sites more tunnels; until then deploy both ends close together"),

    // 034x: health probes (a site's `probe`)
    E0340("E0340", Severity.ERROR, "probe outside its site", "probe an address inside the site's `prefixes`: a host of the site, behind the gateways' LAN"),
    W0341("W0341", Severity.WARNING, "probe on a site with one gateway", "add a second gateway to the site, or remove the probe");

    private final String id;
    private final Severity severity;
    private final String title;
    private final String defaultHelp;

    Code(String id, Severity severity, String title, String defaultHelp) {
        this.id = id;
        this.severity = severity;
        this.title = title;
        this.defaultHelp = defaultHelp;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }

    public String defaultHelp() {
        return defaultHelp;
    }
}
