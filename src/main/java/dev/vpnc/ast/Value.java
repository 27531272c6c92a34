package dev.vpnc.ast;

import dev.vpnc.source.Span;
import java.util.List;

/** A literal value of a setting. Addresses and prefixes are kept as written and validated later. */
public sealed interface Value {
    Span span();

    /** A name or an interface name, e.g. {@code eth0}, {@code "eth0.100"}. */
    record Word(String text, Span span) implements Value {
    }

    record Number(String digits, Span span) implements Value {
    }

    /** A duration, normalised to milliseconds. */
    record Duration(long millis, Span span) implements Value {
    }

    /** {@code on}/{@code off} and other two-way switches. */
    record Flag(boolean on, Span span) implements Value {
    }

    record Range(Number from, Number to, Span span) implements Value {
    }

    enum Family { IPV6, IPV4 }

    /** A prefix as written, e.g. {@code 2001:db8::/64}; its family is what the lexer saw. */
    record Prefix(String text, Family family, Span span) implements Value {
    }

    /** An endpoint: an address as written, or a DNS name ({@code family == null}). */
    record Endpoint(String text, Family family, Span span) implements Value {
    }

    /** A single address as written, e.g. {@code 2001:db8:a1::1}; its family is what the lexer saw. */
    record Address(String text, Family family, Span span) implements Value {
    }

    /** A family keyword ({@code ipv6}/{@code ipv4}). */
    record FamilyValue(Family family, Span span) implements Value {
    }

    /** One {@code a <-> b} line of a mesh block; each end names a site or a gateway. */
    record MeshLink(Name a, Name b, Span span) implements Value {
    }

    /** {@code mesh hubs a, b}: hub-and-spoke, the named sites being the hubs. */
    record Hubs(List<Name> sites, Span span) implements Value {
        public Hubs {
            sites = List.copyOf(sites);
        }
    }
}
