package com.streamproc.shared.kpl;

/** A record that starts with the KPL magic bytes but is not a valid aggregate; the message says why (no values). */
public final class InvalidAggregateException extends Exception {
    public InvalidAggregateException(String message) {
        super(message);
    }
}
