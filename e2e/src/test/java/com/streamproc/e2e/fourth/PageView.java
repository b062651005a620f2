package com.streamproc.e2e.fourth;

/** One page view of the test-only fourth function. */
public record PageView(String page) {
}
