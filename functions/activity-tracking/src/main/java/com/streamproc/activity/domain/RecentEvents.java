package com.streamproc.activity.domain;

import com.streamproc.shared.batch.RecordRef;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The events a user-day item counted most recently, kept on the item itself (attribute {@code ids}, binary): what
 * catches a producer's duplicate (same {@code eventId}, another sequence number) without an item per event.
 *
 * <p>Each entry is 8 bytes: the first 8 bytes of the SHA-256 of the {@code eventId}. Entries are in the order they were
 * counted, and each write that decides records adds a <em>segment</em> (below) that says where its entries start.
 *
 * <ul>
 *   <li>A new record (above the item's mark for its shard) whose event id is among the entries is a duplicate:
 *       dropped, but the mark moves past it, so that its decision is never taken again.</li>
 *   <li>A record at or below the mark was decided before (Lambda delivers it again after a reported failure or a
 *       bisect). It was counted exactly if its event id is among the entries of the write that decided it (its
 *       segment); otherwise it was a duplicate.
 *       Its entry is always there if it was counted: entries of records that Lambda may still deliver are never
 *       evicted (below).</li>
 * </ul>
 *
 * <p><b>Bounded.</b> At most {@link #KEEP} entries are kept, plus the entries of records that Lambda may still
 * deliver again: those at or above the first record Lambda delivered to this invocation from the shard (everything
 * below it is checkpointed). To know which entries those are, each write that appends entries records a
 * <em>segment</em> (shard, first appended sequence, index of its first entry, attribute {@code idSegs}); a segment
 * whose records all lie below the batch's first record is dropped, and its entries may be evicted, oldest first.
 * Normally that leaves one segment (the last batch's) and at most {@code KEEP} + one batch's events of the user-day.
 */
public final class RecentEvents {
    /** Entries kept beyond those of records Lambda may still deliver. */
    public static final int KEEP = 256;
    static final int ENTRY_BYTES = 8;
    public static final String IDS = "ids";
    public static final String SEGMENTS = "idSegs";
    /** A segment's {@code after} when the item had no mark for the shard: sorts below every padded sequence. */
    static final String NO_MARK = "-";

    /**
     * One write's appended entries: from index {@code start}; the write decided the records of {@code shardId} above
     * {@code after} (the item's mark for that shard before the write, {@link #NO_MARK} for none), up to the next segment's
     * {@code after} (or the mark).
     * {@code laterCopies}: the records of the write's batch that were later copies of an event this write counted
     * (dropped within the batch): their event id is among the segment's entries, but they were not counted.
     */
    record Segment(String shardId, String after, int start, List<String> laterCopies) {
        Segment {
            laterCopies = List.copyOf(laterCopies);
        }

        Segment movedBy(int offset) {
            return new Segment(shardId, after, start - offset, laterCopies);
        }
    }

    private final byte[] entries;
    private final List<Segment> segments;
    /** False for an item written before these entries existed: its replays are taken as counted, as before. */
    private final boolean tracked;

    private RecentEvents(byte[] entries, List<Segment> segments, boolean tracked) {
        this.entries = entries;
        this.segments = List.copyOf(segments);
        this.tracked = tracked;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecentEvents that && tracked == that.tracked
                && Arrays.equals(entries, that.entries) && segments.equals(that.segments);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(entries) * 31 + segments.hashCode();
    }

    @Override
    public String toString() {
        return "RecentEvents[" + size() + " entries, segments " + segments + "]";
    }

    public static RecentEvents none() {
        return new RecentEvents(new byte[0], List.of(), true);
    }

    public int size() {
        return entries.length / ENTRY_BYTES;
    }

    boolean tracked() {
        return tracked;
    }

    List<Segment> segments() {
        return segments;
    }

    /** Whether any entry is of this event id. */
    boolean hasEvent(byte[] eventHash) {
        for (int i = 0; i + ENTRY_BYTES <= entries.length; i += ENTRY_BYTES) {
            if (Arrays.equals(entries, i, i + ENTRY_BYTES, eventHash, 0, ENTRY_BYTES)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether this record, at or below its shard's mark, was counted: its event id is among the entries of the write
     * that decided it (its segment). Within one write an event id is decided once (later copies in a batch never
     * reach the item), so an entry there is this record's own; a copy counted by another write is in another segment.
     * False also when its segment is gone (see {@link #decides}).
     */
    boolean counted(RecordRef ref, byte[] eventHash) {
        String sequence = ref.paddedSequence();
        int found = -1;
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment.shardId().equals(ref.shardId()) && segment.after().compareTo(sequence) < 0) {
                found = i;
            }
        }
        if (found < 0 || segments.get(found).laterCopies().contains(sequence)) {
            return false;
        }
        int from = segments.get(found).start();
        int to = found + 1 < segments.size() ? segments.get(found + 1).start() : size();
        for (int i = from * ENTRY_BYTES; i < to * ENTRY_BYTES; i += ENTRY_BYTES) {
            if (Arrays.equals(entries, i, i + ENTRY_BYTES, eventHash, 0, ENTRY_BYTES)) {
                return true;
            }
        }
        return false;
    }

    /** A pending entry: what {@link #appending} adds for a counted record. */
    record Entry(RecordRef ref, byte[] eventHash) {
    }

    /**
     * These entries with {@code added} appended (in order) and the entries no longer needed evicted.
     *
     * @param added          the entries of the records this write counts
     * @param firstNew       per shard whose records this write decides (counted or duplicates), the item's mark
     *                       before it ({@link #NO_MARK} for none): each such shard gets a segment, even when none is counted
     * @param laterCopies    per shard, the padded sequences of the batch's later copies of events this write counts
     * @param firstDelivered per shard, the padded sequence of the first record Lambda delivered in this invocation
     *                       (a shard missing: unknown, then none of its segments is dropped)
     * @param oldMarks       the item's marks before this write
     */
    RecentEvents appending(List<Entry> added, Map<String, String> firstNew, Map<String, List<String>> laterCopies,
                           Map<String, String> firstDelivered, Map<String, String> oldMarks) {
        boolean writersKnown = firstDelivered.keySet().containsAll(firstNew.keySet());
        List<Segment> kept = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            String first = firstDelivered.get(segment.shardId());
            if (first == null) {
                // Not the shard writing now: after a reshard a parent is done before its children start, so only
                // the shard writing now can deliver its records again.
                if (!(writersKnown && !firstNew.containsKey(segment.shardId()))) {
                    kept.add(segment);
                }
                continue;
            }
            String upperBound = null; // a segment's records lie at or below the next segment's after (same shard)
            for (int j = i + 1; j < segments.size(); j++) {
                if (segments.get(j).shardId().equals(segment.shardId())) {
                    upperBound = segments.get(j).after();
                    break;
                }
            }
            boolean mayBeDeliveredAgain = (upperBound == null ? oldMarks.getOrDefault(segment.shardId(), "")
                    : upperBound).compareTo(first) >= 0;
            if (mayBeDeliveredAgain) {
                kept.add(segment);
            }
        }
        // Keep every segment from the first kept one on, so that each kept segment's entries end where the next begins.
        if (!kept.isEmpty()) {
            kept = new ArrayList<>(segments.subList(segments.indexOf(kept.get(0)), segments.size()));
        }
        int oldCount = size();
        int protectedFrom = kept.isEmpty() ? oldCount : kept.get(0).start();
        int total = oldCount + added.size();
        int evict = Math.max(0, Math.min(protectedFrom, total - KEEP));

        ByteBuffer out = ByteBuffer.allocate((total - evict) * ENTRY_BYTES);
        out.put(entries, evict * ENTRY_BYTES, (oldCount - evict) * ENTRY_BYTES);
        List<Segment> newSegments = new ArrayList<>();
        for (Segment segment : kept) {
            newSegments.add(segment.movedBy(evict));
        }
        int index = oldCount - evict;
        for (Map.Entry<String, String> shard : firstNew.entrySet()) {
            newSegments.add(new Segment(shard.getKey(), shard.getValue(), index,
                    laterCopies.getOrDefault(shard.getKey(), List.of())));
            for (Entry entry : added) {
                if (entry.ref().shardId().equals(shard.getKey())) {
                    out.put(entry.eventHash(), 0, ENTRY_BYTES);
                    index++;
                }
            }
        }
        return new RecentEvents(out.array(), newSegments, true);
    }

    /**
     * Whether the entries decide a record at or below its shard's mark: true when a kept segment of its shard decided
     * the records above a mark below it. Otherwise its segment was dropped: the record lay below a later batch's first
     * record, so it was fully applied or a duplicate long ago.
     */
    boolean decides(RecordRef ref) {
        String sequence = ref.paddedSequence();
        for (Segment segment : segments) {
            if (segment.shardId().equals(ref.shardId()) && segment.after().compareTo(sequence) < 0) {
                return true;
            }
        }
        return false;
    }

    void putInto(Map<String, AttributeValue> item) {
        item.put(IDS, AttributeValue.fromB(SdkBytes.fromByteArray(entries)));
        List<AttributeValue> list = new ArrayList<>(segments.size());
        for (Segment segment : segments) {
            Map<String, AttributeValue> m = new HashMap<>();
            m.put("sh", AttributeValue.fromS(segment.shardId()));
            m.put("af", AttributeValue.fromS(segment.after()));
            m.put("ix", AttributeValue.fromN(Integer.toString(segment.start())));
            if (!segment.laterCopies().isEmpty()) {
                m.put("lc", AttributeValue.fromL(segment.laterCopies().stream().map(AttributeValue::fromS).toList()));
            }
            list.add(AttributeValue.fromM(m));
        }
        item.put(SEGMENTS, AttributeValue.fromL(list));
    }

    static RecentEvents fromItem(Map<String, AttributeValue> item) {
        AttributeValue ids = item.get(IDS);
        if (ids == null || ids.b() == null) {
            return new RecentEvents(new byte[0], List.of(), false);
        }
        List<Segment> segments = new ArrayList<>();
        AttributeValue list = item.get(SEGMENTS);
        if (list != null && list.hasL()) {
            for (AttributeValue value : list.l()) {
                Map<String, AttributeValue> m = value.m();
                AttributeValue copies = m.get("lc");
                segments.add(new Segment(m.get("sh").s(), m.get("af").s(), Integer.parseInt(m.get("ix").n()),
                        copies == null || !copies.hasL() ? List.of()
                                : copies.l().stream().map(AttributeValue::s).toList()));
            }
        }
        return new RecentEvents(ids.b().asByteArray(), segments, true);
    }

    /** 8 bytes of the SHA-256 of the event id. */
    static byte[] eventHash(String eventId) {
        return Arrays.copyOf(sha256(eventId), 8);
    }

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static byte[] sha256(String text) {
        return SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Per shard, the padded sequence of the first record delivered, for {@link #appending}. */
    static Map<String, String> paddedFirsts(Map<String, RecordRef> firsts) {
        Map<String, String> out = new HashMap<>();
        firsts.forEach((shard, ref) -> out.put(shard, ref.paddedSequence()));
        return out;
    }
}
