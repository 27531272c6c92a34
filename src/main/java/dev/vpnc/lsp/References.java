package dev.vpnc.lsp;

import dev.vpnc.resolve.Stdlib;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a profile, site, gateway or router appears: its declaration, `uses`, mesh links and hubs,
 * in every load the buffer takes part in ({@link CrossFile}), each place once, in file then
 * offset order. The stdlib's own files are left out: no editor can open or change them.
 */
final class References {
    private References() {
    }

    /** A place in a file, the identity of an occurrence seen by several loads. */
    private record Place(Path file, int start) {
        static final Comparator<Place> ORDER = Comparator.comparing(Place::file).thenComparingInt(Place::start);
    }

    static List<Symbols.Occurrence> of(List<Symbols> loads, Symbols.Occurrence o, boolean includeDeclaration) {
        Map<Place, Symbols.Occurrence> unique = new TreeMap<>(Place.ORDER);
        for (Symbols symbols : loads) {
            for (Symbols.Occurrence x : symbols.occurrencesOf(o)) {
                if (!Stdlib.isStdlib(x.name().span().file()) && (includeDeclaration || !x.isDeclaration())) {
                    unique.putIfAbsent(new Place(CrossFile.file(x.name().span().file()), x.name().span().start()), x);
                }
            }
        }
        return List.copyOf(unique.values());
    }
}
