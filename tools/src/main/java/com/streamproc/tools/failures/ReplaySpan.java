package com.streamproc.tools.failures;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One stretch of a shard to replay, covering one or more on-failure records whose ranges overlap.
 *
 * <p>With {@code ParallelizationFactor} above 1 Lambda's batches of one shard interleave: a given-up batch's range
 * ({@code startSequenceNumber..endSequenceNumber}) also holds records of concurrent batches, and the ranges of
 * several given-up batches overlap. The on-failure record does not say which records of the range were its batch's,
 * so the whole range is replayed; merging overlapping ranges sends each record once per replay.
 *
 * @param range   the merged range (first record's metadata; start, end and batch size over all of them)
 * @param entries the on-failure records it covers, settled together once the span is replayed in full
 */
public record ReplaySpan(OnFailureRecord range, List<FailureEntry> entries) {

    public ReplaySpan {
        entries = List.copyOf(entries);
    }

    /** Spans per stream and shard, in shard and sequence order; overlapping or touching ranges merged. */
    public static List<ReplaySpan> merge(List<FailureEntry> entries) {
        List<FailureEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing((FailureEntry e) -> e.record().streamArn())
                .thenComparing(e -> e.record().shardId())
                .thenComparing(e -> e.record().start()));
        List<ReplaySpan> spans = new ArrayList<>();
        List<FailureEntry> current = new ArrayList<>();
        BigInteger currentEnd = null;
        for (FailureEntry entry : sorted) {
            OnFailureRecord r = entry.record();
            boolean sameShard = !current.isEmpty() && current.get(0).record().streamArn().equals(r.streamArn())
                    && current.get(0).record().shardId().equals(r.shardId());
            if (sameShard && r.start().compareTo(currentEnd) <= 0) {
                current.add(entry);
                currentEnd = currentEnd.max(r.end());
                continue;
            }
            if (!current.isEmpty()) {
                spans.add(span(current, currentEnd));
            }
            current = new ArrayList<>(List.of(entry));
            currentEnd = r.end();
        }
        if (!current.isEmpty()) {
            spans.add(span(current, currentEnd));
        }
        return spans;
    }

    private static ReplaySpan span(List<FailureEntry> entries, BigInteger end) {
        OnFailureRecord first = entries.get(0).record();
        if (entries.size() == 1) {
            return new ReplaySpan(first, entries);
        }
        OnFailureRecord last = entries.stream().map(FailureEntry::record).filter(r -> r.end().equals(end))
                .findFirst().orElseThrow();
        int records = entries.stream().mapToInt(e -> e.record().batchSize()).sum();
        return new ReplaySpan(new OnFailureRecord(first.requestId(), first.functionArn(), first.condition(),
                first.invokeCount(), first.timestamp(), first.shardId(), first.startSequence(), last.endSequence(),
                first.firstArrival(), last.lastArrival(), records, first.streamArn()), entries);
    }
}
