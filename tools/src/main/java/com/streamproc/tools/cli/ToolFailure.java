package com.streamproc.tools.cli;

/** A failure whose message is written for the user and printed as it is, on one line. */
public class ToolFailure extends RuntimeException {
    public ToolFailure(String message) {
        super(message, null, false, false);
    }

    public ToolFailure(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
