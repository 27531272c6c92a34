package dev.vpnc.review;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Files of an output directory against the files a compilation produces.
 *
 * @param added   produced but not in the directory (compile would add them)
 * @param removed in the directory but not produced (compile would delete them)
 * @param changed in both, with different content, mode or kind; each with why
 */
public record TreeDiff(List<String> added, List<String> removed, List<Change> changed) {
    public TreeDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /** A file present on both sides that differs. */
    public record Change(String path, String why) {
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    public int size() {
        return added.size() + removed.size() + changed.size();
    }

    /** Only the entries of one host (its folder); {@code null}: the files at the root. */
    public TreeDiff of(String host) {
        Predicate<String> mine = p -> Objects.equals(Manifest.hostOf(p), host);
        return new TreeDiff(added.stream().filter(mine).toList(), removed.stream().filter(mine).toList(),
                changed.stream().filter(c -> mine.test(c.path())).toList());
    }

    public static TreeDiff compare(SortedMap<String, String> expected, SortedMap<String, OutputTree.Found> actual,
                                   Predicate<String> executable) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(expected.keySet());
        paths.addAll(actual.keySet());
        for (String path : paths) {
            String want = expected.get(path);
            OutputTree.Found have = actual.get(path);
            if (have == null) {
                added.add(path);
            } else if (want == null) {
                removed.add(path);
            } else if (!have.regular()) {
                changed.add(new Change(path, "not a regular file"));
            } else if (!Arrays.equals(have.bytes(), want.getBytes(StandardCharsets.UTF_8))) {
                changed.add(new Change(path, "content differs"));
            } else if (have.executable() != null && have.executable() != executable.test(path)) {
                changed.add(new Change(path, executable.test(path) ? "not executable" : "executable, should not be"));
            }
        }
        return new TreeDiff(added, removed, changed);
    }

    /** Paths of every host that has a file on either side, sorted. */
    public static TreeSet<String> hosts(Map<String, ?> expected, Map<String, ?> actual) {
        TreeSet<String> hosts = new TreeSet<>();
        for (String p : expected.keySet()) {
            if (Manifest.hostOf(p) != null) {
                hosts.add(Manifest.hostOf(p));
            }
        }
        for (String p : actual.keySet()) {
            if (Manifest.hostOf(p) != null) {
                hosts.add(Manifest.hostOf(p));
            }
        }
        return hosts;
    }
}
