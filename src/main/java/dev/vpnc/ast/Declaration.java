package dev.vpnc.ast;

import dev.vpnc.source.Span;
import java.util.List;

/** A top-level declaration. Network, site and profile share one shape: name, uses, body. */
public sealed interface Declaration {
    Name name();

    List<Name> uses();

    List<Statement> body();

    Span span();

    /** What kind of block this is, as written by users (used in messages). */
    BlockKind kind();

    record Network(Name name, List<Name> uses, List<Statement> body, Span span) implements Declaration {
        public Network {
            uses = List.copyOf(uses);
            body = List.copyOf(body);
        }

        @Override
        public BlockKind kind() {
            return BlockKind.NETWORK;
        }
    }

    record Site(Name name, List<Name> uses, List<Statement> body, Span span) implements Declaration {
        public Site {
            uses = List.copyOf(uses);
            body = List.copyOf(body);
        }

        @Override
        public BlockKind kind() {
            return BlockKind.SITE;
        }
    }

    record Profile(Name name, List<Name> uses, List<Statement> body, Span span) implements Declaration {
        public Profile {
            uses = List.copyOf(uses);
            body = List.copyOf(body);
        }

        @Override
        public BlockKind kind() {
            return BlockKind.PROFILE;
        }
    }
}
