package dev.vpnc.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The diff under a file of {@code vpnc plan --diff}: the lines of {@code diff -u} (3 lines of
 * context, hunk headers numbered as patch reads them), and a note instead where DIR's file is not
 * text that may be shown.
 */
class FileDiffTest {
    private static OutputTree.Found file(String text) {
        return new OutputTree.Found(text.getBytes(StandardCharsets.UTF_8), true);
    }

    private static List<String> lines(FileDiff.Shown shown) {
        return assertInstanceOf(FileDiff.Lines.class, shown).lines();
    }

    private static String numbered(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }

    @Test
    void twoChangesFarApartAreTwoHunksOfThreeLinesOfContext() {
        String old = numbered(1, 30);
        String now = old.replace("line 5\n", "line five\n").replace("line 25\n", "");
        assertEquals(List.of(
                "--- out/h/f",
                "+++ compiled/h/f",
                "@@ -2,7 +2,7 @@",
                " line 2", " line 3", " line 4", "-line 5", "+line five", " line 6", " line 7", " line 8",
                "@@ -22,7 +22,6 @@",
                " line 22", " line 23", " line 24", "-line 25", " line 26", " line 27", " line 28"),
                lines(FileDiff.changed("out/h/f", file(old), "compiled/h/f", now)));
    }

    @Test
    void anAddedFileIsAllAddedLinesAgainstNothing() {
        assertEquals(List.of("--- /dev/null", "+++ compiled/h/new", "@@ -0,0 +1,2 @@", "+a", "+b"),
                lines(FileDiff.added("compiled/h/new", "a\nb\n")));
        // what patch writes for a file emptied: +0,0
        assertEquals("@@ -1,2 +0,0 @@", lines(FileDiff.changed("o", file("a\nb\n"), "c", "")).get(2));
        assertEquals(new FileDiff.Note("empty file"), FileDiff.added("compiled/h/empty", ""));
    }

    @Test
    void aMissingLastNewlineAndCrlfAreShownNotHidden() {
        assertEquals(List.of("--- o", "+++ c", "@@ -1,2 +1,2 @@", " a", "-b", "\\ No newline at end of file", "+b"),
                lines(FileDiff.changed("o", file("a\nb"), "c", "a\nb\n")));
        assertEquals(List.of("--- o", "+++ c", "@@ -1,1 +1,1 @@", "-a\\u{d}", "+a"),
                lines(FileDiff.changed("o", file("a\r\n"), "c", "a\n")));
    }

    @Test
    void controlCharactersOfDirsFilesReachNoTerminalButTabsStay() {
        List<String> shown = lines(FileDiff.changed("o", file("\u001b]0;owned\u0007\tx\n"), "c", "\tx\n"));
        assertEquals("-\\u{1b}]0;owned\\u{7}\tx", shown.get(3), shown.toString());
        assertEquals("+\tx", shown.get(4));
        assertTrue(shown.stream().noneMatch(l -> l.contains("\u001b")), shown.toString());
    }

    @Test
    void whatIsNotUtf8TextIsANoteNeverItsBytes() {
        byte[] latin1 = "caf\u00e9 SECRET\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(FileDiff.NOT_TEXT, FileDiff.changed("o", new OutputTree.Found(latin1, true), "c", "x\n"));
        assertEquals(FileDiff.NOT_TEXT, FileDiff.changed("o", file("SECRET\0\n"), "c", "x\n"));
        assertEquals("binary or not UTF-8: not shown", FileDiff.NOT_TEXT.text());
        assertEquals(new FileDiff.Note("not a regular file: not shown"),
                FileDiff.changed("o", new OutputTree.Found(null, null), "c", "x\n"));
        // valid UTF-8 beyond ASCII is text
        assertEquals("-café", lines(FileDiff.changed("o", file("café\n"), "c", "cafe\n")).get(3));
    }

    @Test
    void aFileThatIsSomethingElseEntirelyStopsTheSearch() {
        // 6000 lines on each side, none in common: 12,000 lines removed and added.
        String old = IntStream.range(0, 6000).mapToObj(i -> "old " + i + "\n").collect(Collectors.joining());
        String now = IntStream.range(0, 6000).mapToObj(i -> "new " + i + "\n").collect(Collectors.joining());
        assertEquals(new FileDiff.Note("more than 10000 lines removed and added: not shown"),
                FileDiff.changed("o", file(old), "c", now));
        // the same size with one line changed is a diff: headers, a hunk header, 3 + 2 + 3 lines
        assertEquals(11, lines(FileDiff.changed("o", file(old), "c", old.replace("old 3000\n", "new\n"))).size());
    }
}
