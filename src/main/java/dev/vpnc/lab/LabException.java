package dev.vpnc.lab;

/** A lab operation that failed for a reason worth one line to the user (not a bug in vpnc). */
public final class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }
}
