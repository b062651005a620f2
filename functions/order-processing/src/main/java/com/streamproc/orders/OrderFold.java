package com.streamproc.orders;

import com.streamproc.orders.domain.Order;
import com.streamproc.orders.domain.OrderEvent;
import com.streamproc.orders.domain.OrderLifecycle;
import com.streamproc.shared.batch.InboundRecord;
import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.decode.PoisonRecordException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Folds the records of one order from one batch, in sequence order, over the stored order: in memory, so the
 * whole batch's effect on the order is one write.
 *
 * <p>Per record: a record rejected on an earlier delivery (its sequence number is remembered on the order) is
 * rejected again with the same reason; an event whose id the order has applied is a duplicate; anything else
 * goes through {@link OrderLifecycle}, and a rejected one does not stop the records after it.
 */
public final class OrderFold {
    /**
     * Rejections remembered per order, the most recent ones. Replays only reach records after the last
     * checkpoint, so older rejections are never asked about again; the cap keeps an order flooded with poison
     * far from DynamoDB's item-size limit.
     */
    public static final int MAX_REMEMBERED_REJECTIONS = 64;

    static final String REJECTED_BEFORE = "rejected on an earlier delivery of this record";

    private OrderFold() {
    }

    /** What became of one record. */
    public sealed interface Decision {
        RecordRef ref();

        /** Changed the order; durable once the order is written. */
        record Applied(RecordRef ref) implements Decision {
        }

        /** Its event was applied before (a duplicate or a replay): nothing to do. */
        record Duplicate(RecordRef ref) implements Decision {
        }

        /** Breaks a rule given the order's state: goes to the quarantine. */
        record Rejected(RecordRef ref, PoisonRecordException reason) implements Decision {
        }
    }

    /**
     * @param order     the order after the fold: the one to write when {@code changed}, else the stored one
     *                  (possibly {@code null})
     * @param changed   whether any record was applied, that is whether the order must be written
     * @param decisions one per record, in the records' order
     */
    public record Result(Order order, boolean changed, List<Decision> decisions) {
    }

    /**
     * @param stored  the order as stored, or {@code null} if there is none
     * @param records the order's records of the batch, in sequence order
     */
    public static Result fold(Order stored, List<InboundRecord<OrderEvent>> records) {
        SortedMap<String, String> remembered = stored == null ? new TreeMap<>() : stored.rejectedRecords();
        SortedMap<String, String> newlyRejected = new TreeMap<>();
        List<Decision> decisions = new ArrayList<>(records.size());
        Order state = stored;
        boolean changed = false;
        for (InboundRecord<OrderEvent> record : records) {
            RecordRef ref = record.ref();
            String sequenceKey = ref.paddedSequence();
            String earlierReason = remembered.get(sequenceKey);
            if (earlierReason != null) {
                decisions.add(new Decision.Rejected(ref, new PoisonRecordException(earlierReason, REJECTED_BEFORE)));
            } else if (state != null && state.hasApplied(record.event().eventId())) {
                decisions.add(new Decision.Duplicate(ref));
            } else {
                try {
                    state = OrderLifecycle.apply(state, record.event());
                    changed = true;
                    decisions.add(new Decision.Applied(ref));
                } catch (PoisonRecordException rejected) {
                    newlyRejected.put(sequenceKey, rejected.reasonCode());
                    decisions.add(new Decision.Rejected(ref, rejected));
                }
            }
        }
        if (!changed) {
            // Nothing is written, so a replay meets the same stored state and reaches the same decisions.
            return new Result(stored, false, decisions);
        }
        // Written together with the records applied after them, so replays cannot judge them against that state.
        TreeMap<String, String> rejections = new TreeMap<>(state.rejectedRecords());
        rejections.putAll(newlyRejected);
        while (rejections.size() > MAX_REMEMBERED_REJECTIONS) {
            rejections.pollFirstEntry();
        }
        return new Result(state.withRejectedRecords(rejections), true, decisions);
    }
}
