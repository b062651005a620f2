package com.streamproc.tools.produce;

import java.util.concurrent.atomic.AtomicLong;

/** The producer's running counts; read by the progress line from another thread. */
public final class ProduceStats {
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sentInvalid = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    void read() {
        read.incrementAndGet();
    }

    void rejected() {
        rejected.incrementAndGet();
    }

    void add(SendResult result, long invalidSent) {
        sent.addAndGet(result.sent());
        sentInvalid.addAndGet(invalidSent);
        retried.addAndGet(result.retried());
        failed.addAndGet(result.unsent().size());
        requests.addAndGet(result.attempts());
    }

    public Snapshot snapshot() {
        return new Snapshot(read.get(), sent.get(), sentInvalid.get(), retried.get(), rejected.get(), failed.get(),
                requests.get());
    }

    /**
     * @param read        events read or generated
     * @param sent        records Kinesis stored
     * @param sentInvalid of those, invalid events sent on purpose ({@code --allow-invalid})
     * @param retried     entries sent again after a failure
     * @param rejected    invalid events not sent
     * @param failed      records given up on
     * @param requests    PutRecords calls
     */
    public record Snapshot(long read, long sent, long sentInvalid, long retried, long rejected, long failed,
                           long requests) {
        /** {@code sent=.. retried=.. rejected=.. failed=..}, the line users and scripts read. */
        public String counts() {
            return "sent=" + sent + (sentInvalid > 0 ? " (invalid=" + sentInvalid + ")" : "")
                    + " retried=" + retried + " rejected=" + rejected + " failed=" + failed;
        }
    }
}
