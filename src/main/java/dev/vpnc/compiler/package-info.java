/**
 * The compiler as one call: source to rendered files (load, resolve, check, plan, emit), shared
 * by the command line, the language server and the lab. It sits above every phase and below
 * everything that uses them; it writes nothing.
 */
package dev.vpnc.compiler;
