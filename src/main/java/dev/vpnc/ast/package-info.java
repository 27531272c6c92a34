/** Immutable syntax tree of one .vpn file; every node carries its span. No ANTLR types here. */
package dev.vpnc.ast;
