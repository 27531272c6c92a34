// Lexer of the .vpn language. Keywords are reserved; names may contain '-' (v1-1, edge-gw).
// Addresses and prefixes are single tokens; whether they are *valid* is decided later, with
// a diagnostic that can say why (host bits set, wrong family), rather than as a syntax error.
lexer grammar VpnLexer;

// ---- keywords (keep in sync with editors/, a test compares) ----
IMPORT     : 'import' ;
NETWORK    : 'network' ;
SITE       : 'site' ;
GATEWAY    : 'gateway' ;
ROUTER     : 'router' ;
PROFILE    : 'profile' ;
USES       : 'uses' ;
NAMESPACE  : 'namespace' ;
TUNNELS    : 'tunnels' ;
PORTS      : 'ports' ;
UNDERLAY   : 'underlay' ;
ASN        : 'asn' ;
MESH       : 'mesh' ;
FULL       : 'full' ;
HUBS       : 'hubs' ;
PREFIXES   : 'prefixes' ;
LAN        : 'lan' ;
SUBNET     : 'subnet' ;
ENDPOINT   : 'endpoint' ;
UPLINK     : 'uplink' ;
HOSTS      : 'hosts' ;
INSIDE     : 'inside' ;
BIRD       : 'bird' ;
ROUTING    : 'routing' ;
WIREGUARD  : 'wireguard' ;
MTU        : 'mtu' ;
KEEPALIVE  : 'keepalive' ;
PSK        : 'psk' ;
BGP        : 'bgp' ;
HOLD       : 'hold' ;
PREFERENCE : 'preference' ;
BFD        : 'bfd' ;
INTERVAL   : 'interval' ;
MULTIPLIER : 'multiplier' ;
OSPF       : 'ospf' ;
HELLO      : 'hello' ;
DEAD       : 'dead' ;
COST       : 'cost' ;
FIREWALL   : 'firewall' ;
ON         : 'on' ;
OFF        : 'off' ;
IPV6       : 'ipv6' ;
IPV4       : 'ipv4' ;
PORT       : 'port' ;
PROBE      : 'probe' ;
DOWN       : 'down' ;
UP         : 'up' ;

// ---- punctuation ----
LBRACE : '{' ;
RBRACE : '}' ;
COMMA  : ',' ;
DOTDOT : '..' ;
LINK   : '<->' ;
DOT    : '.' ;

// ---- literals ----
// Longest match decides: "2001:db8::1" is one IPV6_ADDR, not NUMBER then garbage;
// "5800..5899" is NUMBER DOTDOT NUMBER because an IPv4 address needs a digit after each dot.
IPV6_PREFIX : IPV6_BODY '/' DIGIT+ ;
IPV6_ADDR   : IPV6_BODY ;
IPV4_PREFIX : IPV4_BODY '/' DIGIT+ ;
IPV4_ADDR   : IPV4_BODY ;
DURATION    : DIGIT+ ('ms' | 's') ;
NUMBER      : DIGIT+ ;
NAME        : [a-zA-Z_] [a-zA-Z0-9_-]* ;
STRING      : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ;
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* ;

// "[2001:db8::1]:5801" is how WireGuard writes endpoints; in a .vpn it is a mistake that
// deserves its own message (vpnc adds brackets and the allocated port), not a syntax error.
BRACKETED_ENDPOINT : '[' ~[\]\r\n \t]* ']' (':' DIGIT+)? ;
COMMENT : '#' ~[\r\n]* -> channel(HIDDEN) ;
WS      : [ \t\r\n]+ -> channel(HIDDEN) ;

// Anything else becomes one token so the parser reports it in words instead of the lexer
// printing to stderr.
UNKNOWN_CHAR : . ;

fragment DIGIT : [0-9] ;
fragment HEX   : [0-9a-fA-F] ;
// Deliberately loose (any mix of hex digits and colons, optionally an embedded IPv4 tail):
// the checker validates and explains. A colon is required, so plain names never match.
fragment IPV6_BODY : HEX* ':' (HEX | ':')* ('.' DIGIT+ '.' DIGIT+ '.' DIGIT+)? ;
fragment IPV4_BODY : DIGIT+ '.' DIGIT+ '.' DIGIT+ '.' DIGIT+ ;
