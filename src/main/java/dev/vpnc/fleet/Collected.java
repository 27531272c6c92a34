package dev.vpnc.fleet;

/** What was collected of one host: its status.sh's output, or why there is none. */
public sealed interface Collected {
    /** The text status.sh printed (not checked yet). */
    record Json(String text) implements Collected {
    }

    /** @param why in words: "no file v1-1.json in DIR" */
    record Missing(String why) implements Collected {
    }

    /** A file that is there but is not read. @param why in words: "v1-1.json is a symbolic link, ..." */
    record Refused(String why) implements Collected {
    }
}
