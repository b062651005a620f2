package com.streamproc.activity.domain;

import com.streamproc.shared.batch.InboundRecord;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What deciding a record needs of it that no item read can change: its sequence number in the padded form of the
 * items' marks, and the hash under which a user-day item keeps its event id ({@link RecentEvents}). The applier
 * computes them for a batch while the batch's reads are in flight, so that deciding after the reads is lookups and
 * comparisons. Read-only once built, so the threads that send the writes may use it too.
 */
public final class RecordFacts {
    /** No record computed ahead: each record's facts are computed when asked. */
    public static final RecordFacts NONE = new RecordFacts(Map.of());

    /**
     * @param paddedSequence {@link com.streamproc.shared.batch.RecordRef#paddedSequence()}
     * @param eventHash      {@link RecentEvents#eventHash} of the event id
     */
    record Fact(String paddedSequence, byte[] eventHash) {
    }

    private final Map<InboundRecord<ActivityEvent>, Fact> facts;

    private RecordFacts(Map<InboundRecord<ActivityEvent>, Fact> facts) {
        this.facts = facts;
    }

    /** The facts of every record, computed now. */
    public static RecordFacts of(List<InboundRecord<ActivityEvent>> records) {
        Map<InboundRecord<ActivityEvent>, Fact> facts = new IdentityHashMap<>(records.size() * 2);
        for (InboundRecord<ActivityEvent> record : records) {
            facts.put(record, computed(record));
        }
        return new RecordFacts(facts);
    }

    Fact of(InboundRecord<ActivityEvent> record) {
        Fact fact = facts.get(record);
        return fact != null ? fact : computed(record);
    }

    String paddedSequence(InboundRecord<ActivityEvent> record) {
        Fact fact = facts.get(record);
        return fact != null ? fact.paddedSequence() : record.ref().paddedSequence();
    }

    private static Fact computed(InboundRecord<ActivityEvent> record) {
        return new Fact(record.ref().paddedSequence(), RecentEvents.eventHash(record.event().eventId()));
    }
}
