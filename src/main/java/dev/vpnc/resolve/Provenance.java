package dev.vpnc.resolve;

import dev.vpnc.ast.BlockKind;
import dev.vpnc.ast.Key;
import dev.vpnc.ast.Statement;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which statement gives each setting of each network, site, gateway and router block, after the
 * precedence rules (own block, its profiles, the enclosing site, the network, the stdlib
 * defaults). Kept from the resolver's own layers, so that an editor showing "where does this value
 * come from" answers exactly what the compiler used.
 */
public final class Provenance {
    /** A block that receives settings: the network, a site or a host, by its declared name. */
    public record Block(BlockKind kind, String name) implements Comparable<Block> {
        @Override
        public int compareTo(Block o) {
            int byKind = kind.compareTo(o.kind);
            return byKind != 0 ? byKind : name.compareTo(o.name);
        }
    }

    private final Map<Block, Layers> layers;

    Provenance(Map<Block, Layers> layers) {
        this.layers = Collections.unmodifiableMap(new TreeMap<>(layers));
    }

    /** The blocks, in kind then name order. */
    public Set<Block> blocks() {
        return layers.keySet();
    }

    /**
     * The statements that give {@code key} in {@code block}: one for a single-valued key, every
     * statement of the most specific layer for a list (`prefixes`); empty when nothing sets it.
     */
    public List<Statement.Setting> winners(Block block, Key key) {
        Layers l = layers.get(block);
        if (l == null) {
            return List.of();
        }
        return key.single() ? l.find(key).map(List::of).orElse(List.of()) : l.findAll(key);
    }

    /** The block's name for a host, site or network, when it has one. */
    public Optional<Block> block(String name) {
        return layers.keySet().stream().filter(b -> b.name().equals(name)).findFirst();
    }
}
