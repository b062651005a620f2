package com.streamproc.e2e.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Differences between what a table holds and what the reference says it must hold. */
public final class Mismatches {
    private final List<String> found = new ArrayList<>();

    public void expectEqual(String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            found.add(what + ": expected " + expected + ", found " + actual);
        }
    }

    public void add(String problem) {
        found.add(problem);
    }

    public void addAll(Mismatches other) {
        found.addAll(other.found);
    }

    public int count() {
        return found.size();
    }

    public List<String> list() {
        return List.copyOf(found);
    }
}
