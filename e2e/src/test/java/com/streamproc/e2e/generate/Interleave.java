package com.streamproc.e2e.generate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/** Merges per-entity record lists into one stream at random, keeping each list's own order. */
final class Interleave {
    private Interleave() {
    }

    static <T> List<T> keepingOrderWithin(List<List<T>> lists, Random random) {
        List<Deque<T>> open = new ArrayList<>();
        int total = 0;
        for (List<T> list : lists) {
            if (!list.isEmpty()) {
                open.add(new ArrayDeque<>(list));
                total += list.size();
            }
        }
        List<T> merged = new ArrayList<>(total);
        while (!open.isEmpty()) {
            int pick = random.nextInt(open.size());
            Deque<T> from = open.get(pick);
            merged.add(from.pollFirst());
            if (from.isEmpty()) {
                open.set(pick, open.get(open.size() - 1));
                open.remove(open.size() - 1);
            }
        }
        return merged;
    }
}
