package com.streamproc.tools.cli;

/** What the tools' exit status means, for scripts. */
public final class ExitCodes {
    /** Everything done: every event sent, every answer printed, every record redriven. */
    public static final int OK = 0;
    /** Something could not be done: records not sent or not redriven, an AWS error, an unreachable endpoint. */
    public static final int FAILED = 1;
    /** Bad command line: unknown option, missing or malformed value. */
    public static final int USAGE = 2;
    /** Everything valid was sent, but some input events broke their contract and were rejected. */
    public static final int REJECTED = 3;

    private ExitCodes() {
    }
}
