// Parser of the .vpn language. Every alternative is labelled so the AstBuilder gets one
// visit method per construct; `file` ends in EOF so trailing garbage is an error.
parser grammar VpnParser;

options { tokenVocab = VpnLexer; }

file
    : importDecl* declaration* EOF
    ;

importDecl
    : IMPORT qualifiedName   # stdImport
    | IMPORT STRING          # fileImport
    ;

qualifiedName
    : name (DOT name)*
    ;

declaration
    : NETWORK name uses? body        # networkDecl
    | SITE name uses? body           # siteDecl
    | PROFILE name uses? body        # profileDecl
    ;

uses
    : USES name (COMMA name)*
    ;

body
    : LBRACE statement* RBRACE
    ;

// Hosts hold settings only: a gateway inside a gateway is a syntax error, which also bounds
// the parser's recursion whatever the input.
statement
    : GATEWAY name uses? hostBody?                     # gatewayStmt
    | ROUTER name uses? hostBody?                      # routerStmt
    | setting                                          # settingStmt
    ;

hostBody
    : LBRACE setting* RBRACE
    ;

setting
    : NAMESPACE ifname                                 # namespaceStmt
    | TUNNELS family prefix                            # tunnelsStmt
    | PORTS NUMBER DOTDOT NUMBER                       # portsStmt
    | UNDERLAY family (COMMA family)*                  # underlayStmt
    | ASN NUMBER (DOTDOT NUMBER)?                      # asnStmt
    | MESH FULL                                        # meshFullStmt
    | MESH LBRACE meshLink* RBRACE                     # meshLinksStmt
    | MESH HUBS name (COMMA name)*                     # meshHubsStmt
    | PREFIXES prefix (COMMA prefix)*                  # prefixesStmt
    | SUBNET prefix (COMMA prefix)*                    # subnetStmt
    | ENDPOINT endpoint                                # endpointStmt
    | UPLINK ifname                                    # uplinkStmt
    | LAN ifname (COMMA ifname)*                       # lanStmt
    | HOSTS ifname (COMMA ifname)*                     # hostsStmt
    | INSIDE (BGP | OSPF)                              # insideStmt
    | BIRD birdVersion                                 # birdStmt
    | ROUTING routingChoice                            # routingStmt
    | WIREGUARD LBRACE wireguardSetting* RBRACE        # wireguardStmt
    | BGP LBRACE bgpSetting* RBRACE                    # bgpStmt
    | BFD OFF                                          # bfdOffStmt
    | BFD LBRACE bfdSetting* RBRACE                    # bfdStmt
    | OSPF LBRACE ospfSetting* RBRACE                  # ospfStmt
    | FIREWALL (ON | OFF)                              # firewallStmt
    | PROBE probeAddress (LBRACE probeSetting* RBRACE)?  # probeStmt
    ;

meshLink
    : name LINK name
    ;

// `bird 1.6` or `bird 2`: the BIRD version a host's configs are written for (checked in resolve).
birdVersion
    : NUMBER (DOT NUMBER)?
    ;

// `routing frr`, `routing bird 2`, `routing bird 1.6` (`routing bird`: BIRD 2). The routing
// suite a host's configs are written for; `bird VERSION` alone says the same. Checked in resolve.
routingChoice
    : BIRD birdVersion?
    | name
    ;

wireguardSetting
    : MTU NUMBER                 # mtuSetting
    | KEEPALIVE (DURATION | OFF) # wgKeepaliveSetting
    | PSK (ON | OFF)             # pskSetting
    ;

bgpSetting
    : HOLD DURATION              # holdSetting
    | KEEPALIVE DURATION         # bgpKeepaliveSetting
    | PREFERENCE NUMBER          # preferenceSetting
    ;

bfdSetting
    : INTERVAL DURATION          # intervalSetting
    | MULTIPLIER NUMBER          # multiplierSetting
    ;

ospfSetting
    : HELLO DURATION             # helloSetting
    | DEAD DURATION              # deadSetting
    | COST NUMBER                # costSetting
    ;

// `probe 2001:db8:a1::1 { interval 1s  down 3  up 3 }`: an address of the site that each of its
// gateways pings over its LAN, withdrawing the site's routes while it does not answer.
probeSetting
    : INTERVAL DURATION          # probeIntervalSetting
    | DOWN NUMBER                # probeDownSetting
    | UP NUMBER                  # probeUpSetting
    ;

probeAddress
    : IPV6_ADDR | IPV4_ADDR
    ;

family
    : IPV6 | IPV4
    ;

prefix
    : IPV6_PREFIX | IPV4_PREFIX
    ;

endpoint
    : IPV6_ADDR                  # ipv6Endpoint
    | IPV4_ADDR                  # ipv4Endpoint
    | qualifiedName              # dnsEndpoint
    ;

ifname
    : name | STRING
    ;

// Keywords that are also common words may not be names; a name is a NAME token.
name
    : NAME
    ;
