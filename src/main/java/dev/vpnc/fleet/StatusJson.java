package dev.vpnc.fleet;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.vpnc.diag.TerminalText;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one host's {@code status.sh --json}. The text comes from a host, so it is read strictly
 * (one JSON object, nothing after it, nesting bounded), every field it needs is checked for its
 * type, fields it does not know are ignored (a newer status.sh may add some), and every string
 * is made safe to print: control characters and bidi overrides shown as escapes, at most
 * {@link #MAX_TEXT} characters.
 */
public final class StatusJson {
    /** Longer than any name, address or state status.sh prints. */
    static final int MAX_TEXT = 200;
    /** status.sh nests three deep (object, list, object, list of strings). */
    private static final int MAX_NESTING = 8;

    private StatusJson() {
    }

    /** Why a text is not a status.sh JSON object; the message names the field. */
    public static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    public static HostStatus parse(String text) throws Malformed {
        JsonObject o = object(root(text), "the file");
        return new HostStatus(text(o, "host"), text(o, "site"), text(o, "kind"), verdict(o, "verdict", "verdict"),
                list(o, "tunnels", StatusJson::tunnel), list(o, "sessions", StatusJson::session),
                list(o, "routes", StatusJson::route), list(o, "drift", StatusJson::drift));
    }

    private static JsonElement root(String text) throws Malformed {
        if (text.isBlank()) {
            throw new Malformed("it is empty");
        }
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            reader.setNestingLimit(MAX_NESTING);
            JsonElement root = JsonParser.parseReader(reader);
            try {
                if (reader.peek() != JsonToken.END_DOCUMENT) {
                    throw new Malformed("it holds more than one JSON value");
                }
            } catch (IOException e) {
                throw new Malformed("it holds more than one JSON value");
            }
            return root;
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new Malformed("it is not valid JSON" + where(e.getMessage()));
        }
    }

    private static final Pattern AT = Pattern.compile("at line (\\d+) column (\\d+)");

    /** Where Gson stopped, from its message (the rest of which speaks to programmers: "use setStrictness..."). */
    private static String where(String message) {
        Matcher m = AT.matcher(message == null ? "" : message);
        return m.find() ? " (line " + m.group(1) + ", column " + m.group(2) + ")" : "";
    }

    /** One item of a list, read into a record. */
    @FunctionalInterface
    private interface Item<T> {
        T read(JsonObject o, String where) throws Malformed;
    }

    private static HostStatus.Tunnel tunnel(JsonObject o, String where) throws Malformed {
        return new HostStatus.Tunnel(text(o, "ifname", where), text(o, "peer", where), text(o, "peer_site", where),
                text(o, "session", where), nullableCount(o, "handshake_age_seconds", where), count(o, "rx_bytes", where),
                count(o, "tx_bytes", where), text(o, "state", where), verdict(o, "verdict", where));
    }

    private static HostStatus.Session session(JsonObject o, String where) throws Malformed {
        return new HostStatus.Session(text(o, "kind", where), text(o, "name", where), text(o, "peer", where),
                text(o, "state", where), verdict(o, "verdict", where));
    }

    private static HostStatus.Route route(JsonObject o, String where) throws Malformed {
        return new HostStatus.Route(text(o, "remote_site", where), text(o, "family", where), text(o, "prefix", where),
                text(o, "match", where), texts(o, "expected", where), texts(o, "present", where),
                texts(o, "other", where), verdict(o, "verdict", where));
    }

    private static HostStatus.Drift drift(JsonObject o, String where) throws Malformed {
        return new HostStatus.Drift(text(o, "kind", where), text(o, "subject", where), text(o, "detail", where));
    }

    private static <T> List<T> list(JsonObject o, String field, Item<T> item) throws Malformed {
        JsonArray a = array(o.get(field), "`" + field + "`");
        List<T> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String where = "`" + field + "[" + i + "]`";
            out.add(item.read(object(a.get(i), where), where));
        }
        return out;
    }

    private static List<String> texts(JsonObject o, String field, String where) throws Malformed {
        JsonArray a = array(o.get(field), "`" + field + "` of " + where);
        List<String> out = new ArrayList<>();
        for (JsonElement e : a) {
            out.add(string(e, "an item of `" + field + "` of " + where));
        }
        return out;
    }

    private static JsonObject object(JsonElement e, String where) throws Malformed {
        if (e == null || !e.isJsonObject()) {
            throw new Malformed(where + " is not a JSON object");
        }
        return e.getAsJsonObject();
    }

    private static JsonArray array(JsonElement e, String where) throws Malformed {
        if (e == null) {
            throw new Malformed(where + " is missing");
        }
        if (!e.isJsonArray()) {
            throw new Malformed(where + " is not a list");
        }
        return e.getAsJsonArray();
    }

    private static String text(JsonObject o, String field) throws Malformed {
        return string(o.get(field), "`" + field + "`");
    }

    private static String text(JsonObject o, String field, String where) throws Malformed {
        return string(o.get(field), "`" + field + "` of " + where);
    }

    private static String string(JsonElement e, String what) throws Malformed {
        if (e == null) {
            throw new Malformed(what + " is missing");
        }
        if (!(e instanceof JsonPrimitive p) || !p.isString()) {
            throw new Malformed(what + " is not a string");
        }
        return safe(p.getAsString());
    }

    private static Verdict verdict(JsonObject o, String field, String where) throws Malformed {
        String what = where.equals(field) ? "`" + field + "`" : "`" + field + "` of " + where;
        String word = string(o.get(field), what);
        Verdict v = Verdict.ofStatusWord(word);
        if (v == null) {
            throw new Malformed(what + " is `" + word + "`: ok, degraded or broken");
        }
        return v;
    }

    private static long count(JsonObject o, String field, String where) throws Malformed {
        Long n = nullableCount(o, field, where);
        if (n == null) {
            throw new Malformed("`" + field + "` of " + where + " is null, not a number");
        }
        return n;
    }

    private static Long nullableCount(JsonObject o, String field, String where) throws Malformed {
        JsonElement e = o.get(field);
        String what = "`" + field + "` of " + where;
        if (e == null) {
            throw new Malformed(what + " is missing");
        }
        if (e.isJsonNull()) {
            return null;
        }
        if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
            throw new Malformed(what + " is not a number");
        }
        return number(p, what);
    }

    /**
     * A whole number from 0 to Long.MAX_VALUE, read from its digits: a million-digit number
     * (the file may be a megabyte) is refused by its length, never converted.
     */
    private static long number(JsonPrimitive p, String what) throws Malformed {
        String digits = p.getAsString();
        try {
            if (digits.length() <= 19 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Long.parseLong(digits);
            }
        } catch (NumberFormatException e) {
            // over Long.MAX_VALUE: refused below
        }
        throw new Malformed(what + " is not a whole number of 0 or more");
    }

    /** Printable, and short: whatever a host wrote. */
    static String safe(String s) {
        String shown = TerminalText.escape(s);
        return shown.length() <= MAX_TEXT ? shown : shown.substring(0, MAX_TEXT) + "...";
    }
}
