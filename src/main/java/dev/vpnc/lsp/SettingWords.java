package dev.vpnc.lsp;

import dev.vpnc.ast.BlockKind;
import dev.vpnc.ast.Key;
import dev.vpnc.syntax.CompletionContext.Group;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The settings by the words they are written with, for completion: the grammar says which words
 * may start a statement; {@link Key} says which of them each kind of block may hold.
 */
final class SettingWords {
    private SettingWords() {
    }

    /** The settings written starting with {@code word} and allowed in {@code block} ({@code bfd}: bfd, bfd interval, ...). */
    static List<Key> startingWith(String word, BlockKind block) {
        return Arrays.stream(Key.values())
                .filter(k -> k.words().equals(word) || k.words().startsWith(word + " "))
                .filter(k -> k.allowedIn(block))
                .toList();
    }

    /** The setting {@code word} of a group's block ({@code mtu} in {@code wireguard { }}), if {@code block} may hold it. */
    static Optional<Key> inGroup(Group group, String word, BlockKind block) {
        return Arrays.stream(Key.values())
                .filter(k -> k.words().equals(group.word() + " " + word))
                .filter(k -> k.allowedIn(block))
                .findFirst();
    }

    /** The group written with {@code word}, if it is a block of sub-settings ({@code wireguard { }}). */
    static Optional<Group> group(String word) {
        return Arrays.stream(Group.values()).filter(g -> g.word().equals(word)).findFirst();
    }

    /** "setting: allowed in network, site, gateway, profile": the blocks where any of {@code keys} may be written. */
    static String detail(List<Key> keys) {
        return "setting: allowed in " + Arrays.stream(BlockKind.values())
                .filter(b -> keys.stream().anyMatch(k -> k.allowedIn(b)))
                .map(BlockKind::word)
                .collect(Collectors.joining(", "));
    }

    /** "block: interval, multiplier": the sub-settings of a group among {@code keys}, if there are some. */
    static Optional<String> blockDetail(Group group, List<Key> keys) {
        List<String> subs = keys.stream()
                .map(Key::words)
                .filter(w -> w.startsWith(group.word() + " "))
                .map(w -> w.substring(group.word().length() + 1))
                .toList();
        return subs.isEmpty() ? Optional.empty() : Optional.of("block: " + String.join(", ", subs));
    }
}
