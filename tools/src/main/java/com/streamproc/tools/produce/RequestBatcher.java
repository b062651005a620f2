package com.streamproc.tools.produce;

import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Cuts pending records of one stream into PutRecords requests of at most {@value KinesisLimits#MAX_RECORDS_PER_REQUEST}
 * records and {@value KinesisLimits#MAX_REQUEST_BYTES} bytes.
 *
 * <p>With key order kept (the default), a request holds at most one record per partition key. Kinesis may store
 * some entries of a request and reject others; if two records of one key shared a request and only the first
 * failed, its retry would land after the second. With one record per key per request, and requests of a stream
 * sent one after another (each fully retried before the next), every key's records reach the stream in input
 * order. A record whose key is already in the request waits for the next one, and so do the later records of that
 * key; records of other keys may go ahead of them. A record sent with an explicit hash key (a KPL aggregate) is
 * keyed by that hash key instead ({@link OutboundRecord#orderKey()}): the aggregates of one shard share it, so at
 * most one of them is in a request.
 */
public final class RequestBatcher {
    private final int maxRecords;
    private final int maxBytes;
    private final boolean keepKeyOrder;

    public RequestBatcher(int maxRecords, int maxBytes, boolean keepKeyOrder) {
        if (maxRecords < 1 || maxRecords > KinesisLimits.MAX_RECORDS_PER_REQUEST) {
            throw new IllegalArgumentException("maxRecords must be 1.." + KinesisLimits.MAX_RECORDS_PER_REQUEST);
        }
        if (maxBytes < KinesisLimits.MAX_RECORD_BYTES || maxBytes > KinesisLimits.MAX_REQUEST_BYTES) {
            throw new IllegalArgumentException("maxBytes must be " + KinesisLimits.MAX_RECORD_BYTES + ".."
                    + KinesisLimits.MAX_REQUEST_BYTES);
        }
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        this.keepKeyOrder = keepKeyOrder;
    }

    public static RequestBatcher standard(boolean keepKeyOrder) {
        return new RequestBatcher(KinesisLimits.MAX_RECORDS_PER_REQUEST, KinesisLimits.MAX_REQUEST_BYTES, keepKeyOrder);
    }

    /**
     * Removes the records of the next request from {@code pending} (input order) and returns them. Never empty
     * while {@code pending} is not: the first pending record always fits, as no single record exceeds
     * {@value KinesisLimits#MAX_RECORD_BYTES} bytes (the producer rejects larger ones before they get here).
     */
    public List<OutboundRecord> next(Deque<OutboundRecord> pending) {
        List<OutboundRecord> request = new ArrayList<>();
        Set<String> keysInRequest = new HashSet<>();
        Set<String> keysWaiting = new HashSet<>();
        long bytes = 0;
        Iterator<OutboundRecord> it = pending.iterator();
        while (it.hasNext() && request.size() < maxRecords) {
            OutboundRecord record = it.next();
            String key = record.orderKey();
            if (keepKeyOrder && (keysInRequest.contains(key) || keysWaiting.contains(key))) {
                keysWaiting.add(key);
                continue;
            }
            if (bytes + record.sizeBytes() > maxBytes) {
                if (request.isEmpty()) {
                    throw new IllegalStateException("record of " + record.sizeBytes() + " bytes exceeds the request limit");
                }
                // Input order across keys is not promised, but stopping here keeps requests in arrival order
                // and lets a big record go first in the next request.
                break;
            }
            request.add(record);
            keysInRequest.add(key);
            bytes += record.sizeBytes();
            it.remove();
        }
        return request;
    }

    /** True when {@code pending} holds enough for a full request, by count or by bytes. */
    public boolean isFull(int pendingRecords, long pendingBytes) {
        return pendingRecords >= maxRecords || pendingBytes >= maxBytes;
    }
}
