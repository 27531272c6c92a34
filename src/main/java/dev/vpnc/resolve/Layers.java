package dev.vpnc.resolve;

import dev.vpnc.ast.Key;
import dev.vpnc.ast.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The settings that apply to one block, most specific first: the block's own statements, then
 * the profiles it uses (the last listed first), then the same for each enclosing block (site,
 * then network), then the stdlib defaults. The first layer that sets a key wins.
 */
final class Layers {
    private final List<List<Statement.Setting>> layers;

    Layers(List<List<Statement.Setting>> layers) {
        this.layers = List.copyOf(layers);
    }

    Layers then(Layers outer) {
        List<List<Statement.Setting>> all = new ArrayList<>(layers);
        all.addAll(outer.layers);
        return new Layers(all);
    }

    /** The winning statement for a single-valued key. */
    Optional<Statement.Setting> find(Key key) {
        for (List<Statement.Setting> layer : layers) {
            for (Statement.Setting s : layer) {
                if (s.key() == key) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    /** For a list-valued key: every statement of the most specific layer that has any. */
    List<Statement.Setting> findAll(Key key) {
        for (List<Statement.Setting> layer : layers) {
            List<Statement.Setting> here = layer.stream().filter(s -> s.key() == key).toList();
            if (!here.isEmpty()) {
                return here;
            }
        }
        return List.of();
    }
}
