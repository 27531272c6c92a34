package dev.vpnc.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vpnc.diag.Diagnostics;
import dev.vpnc.source.SourceFile;
import dev.vpnc.source.Span;
import org.junit.jupiter.api.Test;

/** Removing a top-level statement leaves the file in the canonical layout. */
class RemovalTest {

    @Test
    void aDeclarationGoesWithItsCommentsAndOneBlankLine() {
        assertRemoved("""
                network n { ports 5800..5899 }

                # a comment about p
                # on two lines
                profile p {
                  uplink eth0
                  lan eth1
                }  # and one after it

                profile q {
                  uplink eth0
                  lan eth1
                }
                """, "profile p", """
                network n { ports 5800..5899 }

                profile q {
                  uplink eth0
                  lan eth1
                }
                """);
    }

    @Test
    void theFirstDeclarationKeepsTheFileHeaderAndLeavesNoLeadingBlankLine() {
        assertRemoved("""
                # the file's header,
                # directly above the first declaration
                profile p {
                  uplink eth0
                  lan eth1
                }

                network n { ports 5800..5899 }
                """, "profile p", """
                # the file's header,
                # directly above the first declaration

                network n { ports 5800..5899 }
                """);
        assertRemoved("""
                profile p { uplink eth0 }

                network n { ports 5800..5899 }
                """, "profile p", """
                network n { ports 5800..5899 }
                """);
    }

    @Test
    void theLastDeclarationLeavesNoTrailingBlankLine() {
        assertRemoved("""
                network n { ports 5800..5899 }

                # p
                profile p { uplink eth0 }
                """, "profile p", """
                network n { ports 5800..5899 }
                """);
        assertRemoved("network n { ports 5800..5899 }\n\nprofile p { uplink eth0 }", "profile p",
                "network n { ports 5800..5899 }\n");
    }

    @Test
    void declarationsWithoutBlankLinesBetweenThem() {
        assertRemoved("""
                profile a { uplink eth0 }
                profile p { uplink eth0 }
                profile b { uplink eth0 }
                """, "profile p", """
                profile a { uplink eth0 }
                profile b { uplink eth0 }
                """);
    }

    @Test
    void anImportLine() {
        assertRemoved("""
                import std.timers
                import "common.vpn"

                network n { ports 5800..5899 }
                """, "import \"common.vpn\"", """
                import std.timers

                network n { ports 5800..5899 }
                """);
        assertRemoved("""
                import std.timers

                network n { ports 5800..5899 }
                """, "import std.timers", """
                network n { ports 5800..5899 }
                """);
    }

    @Test
    void windowsLineEndings() {
        assertRemoved("network n { ports 5800..5899 }\r\n\r\nprofile p { uplink eth0 }\r\n\r\nprofile q { uplink eth0 }\r\n",
                "profile p", "network n { ports 5800..5899 }\r\n\r\nprofile q { uplink eth0 }\r\n");
    }

    @Test
    void aStatementSharingItsLineIsRemovedAlone() {
        SourceFile f = new SourceFile("net.vpn", "profile a { uplink eth0 } profile p { uplink eth0 }\n");
        Span p = statement(f, "profile p");
        assertEquals(p, Removal.ofStatement(p));
    }

    /** Removes the statement that starts with {@code start} (it ends at the first `}` after it, or its line). */
    private static void assertRemoved(String text, String start, String expected) {
        SourceFile f = new SourceFile("net.vpn", text);
        Span removal = Removal.ofStatement(statement(f, start));
        String after = text.substring(0, removal.start()) + text.substring(removal.end());
        assertEquals(expected, after);
        if (!text.contains("\r")) {
            assertEquals(expected, Formatter.format(new SourceFile("net.vpn", after), new Diagnostics()).orElseThrow(),
                    "formatted already");
        }
    }

    private static Span statement(SourceFile f, String start) {
        int from = f.text().indexOf(start);
        int brace = f.text().indexOf('{', from);
        int eol = f.text().indexOf('\n', from);
        int end = brace >= 0 && (eol < 0 || brace < eol) ? f.text().indexOf('}', brace) + 1 : eol < 0 ? f.text().length() : eol;
        if (f.text().charAt(end - 1) == '\r') {
            end--;
        }
        return new Span(f, from, end);
    }
}
