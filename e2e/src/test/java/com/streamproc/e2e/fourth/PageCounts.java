package com.streamproc.e2e.fourth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The fourth function's "table": views per page, in this JVM. */
final class PageCounts {
    private static final Map<String, Integer> COUNTS = new ConcurrentHashMap<>();

    private PageCounts() {
    }

    static void add(String page) {
        COUNTS.merge(page, 1, Integer::sum);
    }

    static int of(String page) {
        return COUNTS.getOrDefault(page, 0);
    }
}
