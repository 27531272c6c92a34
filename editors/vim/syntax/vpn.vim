" Vim syntax file
" Language:    vpn (the input language of vpnc)
" Filenames:   *.vpn
" Mirrors grammar/VpnLexer.g4. KeywordDriftTest (src/test/java/dev/vpnc/editors/) compares the
" keyword lists below with the lexer: keep each list in the form
"   \v[A-Za-z0-9_-]@<!(import|network|...)[A-Za-z0-9_-]@!
" Keywords are `syn match`, not `syn keyword`: names may contain '-' (lan-gw is a name), and the
" lexer takes the longest match, so dead::1 is an address although `dead` is a keyword; a
" `syn keyword` would win over the address match.

if exists("b:current_syntax")
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

syn case match

" Names: anything not matched by a more specific item below.
syn match vpnName        "\v[A-Za-z_][A-Za-z0-9_-]*"

" Keywords (defined after vpnName: among matches starting at the same place, the last wins).
syn match vpnImport      "\v[A-Za-z0-9_-]@<!(import)[A-Za-z0-9_-]@!"
syn match vpnDeclaration "\v[A-Za-z0-9_-]@<!(network|site|profile|gateway|router)[A-Za-z0-9_-]@!" nextgroup=vpnDeclaredName skipwhite
syn match vpnKeyword     "\v[A-Za-z0-9_-]@<!(uses|namespace|tunnels|ports|underlay|asn|mesh|prefixes|lan|subnet|endpoint|uplink|hosts|inside|bird|routing|wireguard|mtu|keepalive|psk|bgp|hold|preference|bfd|interval|multiplier|ospf|hello|dead|cost|firewall|port|probe|down|up)[A-Za-z0-9_-]@!"
syn match vpnConstant    "\v[A-Za-z0-9_-]@<!(full|hubs|on|off|ipv6|ipv4)[A-Za-z0-9_-]@!"
syn match vpnDeclaredName "\v[A-Za-z_][A-Za-z0-9_-]*" contained

" Numbers and durations.
syn match vpnNumber      "\v<[0-9]+"
syn match vpnDuration    "\v<[0-9]+(ms|s)"

" Addresses and prefixes (after numbers and keywords: 2001:db8::1 and dead::1 are addresses).
syn match vpnIPv4        "\v<[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+(/[0-9]+)?"
syn match vpnIPv6        "\v[0-9A-Fa-f]*:[0-9A-Fa-f:]*(\.[0-9]+\.[0-9]+\.[0-9]+)?(/[0-9]+)?"

" Punctuation.
syn match vpnBrace       "[{}]"
syn match vpnDelimiter   "\v,|\<-\>|\.\.|\."

" Errors: a character the language does not have, WireGuard's [addr]:port notation.
syn match vpnError       +\v[^ \tA-Za-z0-9_:{},.<>\-"#[\]]+
syn match vpnBracketedEndpoint "\v\[[^\] \t]*\](:[0-9]+)?"

" Strings, an unterminated string (to the end of the line), comments.
syn match vpnUnterminatedString +\v"([^"\\]|\\.)*\\?$+
syn region vpnString     start=+"+ skip=+\\.+ end=+"+ oneline contains=vpnEscape
syn match vpnEscape      "\v\\." contained
syn match vpnComment     "#.*$" contains=@Spell

hi def link vpnComment            Comment
hi def link vpnString             String
hi def link vpnEscape             SpecialChar
hi def link vpnUnterminatedString Error
hi def link vpnBracketedEndpoint  Error
hi def link vpnError              Error
hi def link vpnImport             Include
hi def link vpnDeclaration        Structure
hi def link vpnKeyword            Keyword
hi def link vpnConstant           Constant
hi def link vpnDeclaredName       Identifier
hi def link vpnNumber             Number
hi def link vpnDuration           Number
hi def link vpnIPv4               Number
hi def link vpnIPv6               Number
hi def link vpnBrace              Delimiter
hi def link vpnDelimiter          Delimiter

let b:current_syntax = "vpn"

let &cpo = s:cpo_save
unlet s:cpo_save
