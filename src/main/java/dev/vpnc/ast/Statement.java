package dev.vpnc.ast;

import dev.vpnc.source.Span;
import java.util.List;

/** A statement inside a block: a nested host declaration or a setting. */
public sealed interface Statement {
    Span span();

    /** {@code gateway NAME [uses P, ...] [{ ... }]} or {@code router NAME ...}. */
    record Host(BlockKind kind, Name name, List<Name> uses, List<Statement> body, Span span) implements Statement {
        public Host {
            uses = List.copyOf(uses);
            body = List.copyOf(body);
        }
    }

    /** {@code KEY VALUE[, VALUE...]}; the key's span is the keyword(s) as written. */
    record Setting(Key key, Span keySpan, List<Value> values, Span span) implements Statement {
        public Setting {
            values = List.copyOf(values);
        }

        public Value value() {
            return values.get(0);
        }
    }
}
