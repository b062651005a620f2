package com.streamproc.tools.produce;

import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.decode.ReasonCodes;
import com.streamproc.tools.aws.PipelineFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.TreeMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Validates events against their contracts, paces them, batches them per stream and sends them.
 *
 * <p>Events are read on a separate thread (so a slow stdin does not hold back records already waiting) and
 * handled in input order on the calling thread: validated with the function's own decoder (invalid ones go to the
 * report, unless invalid events are allowed), paced by the rate limiter, and collected per stream. A stream's
 * pending records are sent when they fill a request, or when the oldest has waited {@code linger}, or at the end.
 * Requests go out one at a time and each is retried to completion before the next; see {@link RequestBatcher} for
 * why that keeps every key's records in order.
 *
 * <p>With {@linkplain #aggregating aggregation}, a stream's pending events are packed into KPL aggregates per shard
 * ({@link RecordAggregator}) when they are sent: when there are {@value RecordAggregator#FLUSH_EVENTS} of them or a
 * request's worth of bytes, when the oldest has waited {@code linger}, or at the end. Counts, pacing and reports
 * stay per event: an aggregate Kinesis stored counts its user records as sent, and one it did not take is reported
 * as each of its user records, with the aggregate's error.
 */
public final class Producer {
    /** Partition keys longer than Kinesis allows: the record could not be sent at all. */
    public static final String PARTITION_KEY_TOO_LONG = "PARTITION_KEY_TOO_LONG";
    /** A partition key that is not well-formed Unicode (an unpaired surrogate): the SDK cannot even write it. */
    public static final String PARTITION_KEY_MALFORMED = "PARTITION_KEY_MALFORMED";

    private static final Object END = new Object();

    private final Map<PipelineFunction, EventContract> contracts;
    private final Function<PipelineFunction, String> streamNames;
    private final PutRecordsSender sender;
    private final RequestBatcher batcher;
    private final RateLimiter rateLimiter;
    private final ProduceReport report;
    private final ProduceStats stats;
    private final boolean allowInvalid;
    private final long lingerNanos;
    private final LongSupplier nanoClock;
    private final Map<PipelineFunction, Pending> pending = new TreeMap<>();
    private RecordAggregator aggregator;

    /**
     * @param rateLimiter paces records (one permit each), or {@code null} to send as fast as Kinesis takes them
     */
    public Producer(Map<PipelineFunction, EventContract> contracts, Function<PipelineFunction, String> streamNames,
                    PutRecordsSender sender, RequestBatcher batcher, RateLimiter rateLimiter, ProduceReport report,
                    ProduceStats stats, boolean allowInvalid, Duration linger, LongSupplier nanoClock) {
        this.contracts = Map.copyOf(contracts);
        this.streamNames = Objects.requireNonNull(streamNames);
        this.sender = Objects.requireNonNull(sender);
        this.batcher = Objects.requireNonNull(batcher);
        this.rateLimiter = rateLimiter;
        this.report = Objects.requireNonNull(report);
        this.stats = Objects.requireNonNull(stats);
        this.allowInvalid = allowInvalid;
        this.lingerNanos = linger.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Packs events into KPL aggregates with {@code aggregator} before sending them; call before {@link #run}. */
    public Producer aggregating(RecordAggregator aggregator) {
        this.aggregator = Objects.requireNonNull(aggregator);
        return this;
    }

    /**
     * Sends every event of {@code events}; returns when all were sent, rejected or given up on.
     *
     * @throws RuntimeException when reading the events fails
     */
    public ProduceStats.Snapshot run(Iterator<InputEvent> events) throws InterruptedException {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(4096);
        Thread reader = new Thread(() -> read(events, queue), "producer-input");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                long wait = nanosUntilLingerExpires();
                Object item = wait < 0 ? queue.take() : queue.poll(wait, TimeUnit.NANOSECONDS);
                if (item == END) {
                    break;
                }
                if (item instanceof RuntimeException failure) {
                    // What was read before the input broke is valid and paced: send it, then say why we stopped.
                    try {
                        sendDue(true);
                    } catch (RuntimeException alsoFailed) {
                        failure.addSuppressed(alsoFailed);
                    }
                    throw failure;
                }
                if (item instanceof InputEvent event) {
                    admit(event);
                }
                sendDue(false);
            }
            sendDue(true);
            return stats.snapshot();
        } finally {
            reader.interrupt();
        }
    }

    private static void read(Iterator<InputEvent> events, BlockingQueue<Object> queue) {
        try {
            while (events.hasNext()) {
                queue.put(events.next());
            }
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            try {
                queue.put(e);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void admit(InputEvent event) throws InterruptedException {
        stats.read();
        EventContract contract = contracts.get(event.function());
        if (contract == null) {
            throw new IllegalStateException("no contract for " + event.function());
        }
        String key;
        boolean valid = true;
        try {
            key = contract.partitionKeyOf(event.data());
        } catch (PoisonRecordException invalid) {
            if (!allowInvalid) {
                reject(event, invalid);
                return;
            }
            key = contract.fallbackPartitionKey(event.data());
            valid = false;
        }
        if (event.partitionKey() != null) {
            // An envelope names its key on purpose (a sample file exercising a key mismatch, say).
            key = event.partitionKey();
        }
        // Limits Kinesis enforces on the whole request: a record breaking them cannot be sent, even on purpose.
        if (key.isEmpty() || key.codePointCount(0, key.length()) > KinesisLimits.MAX_PARTITION_KEY_CHARS) {
            reject(event, new PoisonRecordException(PARTITION_KEY_TOO_LONG,
                    "partition key must have 1.." + KinesisLimits.MAX_PARTITION_KEY_CHARS + " characters"));
            return;
        }
        int surrogate = unpairedSurrogate(key);
        if (surrogate >= 0) {
            reject(event, new PoisonRecordException(PARTITION_KEY_MALFORMED,
                    "partition key has an unpaired surrogate at index " + surrogate + ": it cannot be sent"));
            return;
        }
        OutboundRecord record = new OutboundRecord(event.function(), key, event.data(), event.origin(), valid);
        if (record.sizeBytes() > KinesisLimits.MAX_RECORD_BYTES) {
            reject(event, new PoisonRecordException(ReasonCodes.RECORD_TOO_LARGE,
                    "record is " + record.sizeBytes() + " bytes with its key, limit " + KinesisLimits.MAX_RECORD_BYTES));
            return;
        }
        pace();
        pending.computeIfAbsent(event.function(), f -> new Pending()).add(record, nanoClock.getAsLong());
    }

    /** Index of the first unpaired UTF-16 surrogate in {@code text}, or -1 when it is well-formed. */
    static int unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private void reject(InputEvent event, PoisonRecordException reason) {
        stats.rejected();
        report.rejected(event, reason);
    }

    /** Takes one permit; what already waits is sent first when the permit is further off than its linger. */
    private void pace() throws InterruptedException {
        if (rateLimiter == null) {
            return;
        }
        long waitNanos = rateLimiter.reservePermission();
        if (waitNanos < 0) {
            throw new IllegalStateException("rate limiter refused a permit");
        }
        if (waitNanos > 0) {
            long lingerLeft = nanosUntilLingerExpires();
            if (lingerLeft >= 0 && waitNanos > lingerLeft) {
                sendDue(true);
            }
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
    }

    /** Nanoseconds until some stream's oldest pending record has lingered long enough; -1 if nothing waits. */
    private long nanosUntilLingerExpires() {
        long now = nanoClock.getAsLong();
        long soonest = -1;
        for (Pending p : pending.values()) {
            if (!p.records.isEmpty()) {
                long left = Math.max(0, p.oldestAddedAt + lingerNanos - now);
                soonest = soonest < 0 ? left : Math.min(soonest, left);
            }
        }
        return soonest;
    }

    /** Sends full requests; with {@code all}, everything pending, else also streams whose linger expired. */
    private void sendDue(boolean all) {
        long now = nanoClock.getAsLong();
        for (Map.Entry<PipelineFunction, Pending> entry : pending.entrySet()) {
            Pending p = entry.getValue();
            boolean expired = !p.records.isEmpty() && now - p.oldestAddedAt >= lingerNanos;
            if (aggregator != null) {
                if (!p.records.isEmpty() && (all || expired || aggregator.isFull(p.records.size(), p.bytes))) {
                    sendAggregated(entry.getKey(), p.takeAll(nanoClock.getAsLong()));
                }
                continue;
            }
            while (!p.records.isEmpty()
                    && (all || expired || batcher.isFull(p.records.size(), p.bytes))) {
                List<OutboundRecord> request = batcher.next(p.records);
                p.removed(request, nanoClock.getAsLong());
                send(entry.getKey(), request);
                expired = false;
            }
        }
    }

    private void sendAggregated(PipelineFunction function, List<OutboundRecord> events) {
        Deque<OutboundRecord> records = new ArrayDeque<>(aggregator.pack(streamNames.apply(function), events));
        while (!records.isEmpty()) {
            send(function, batcher.next(records));
        }
    }

    private void send(PipelineFunction function, List<OutboundRecord> request) {
        SendResult result = sender.send(streamNames.apply(function), request);
        // Counted and reported per event: an aggregate given up on is each of its user records given up on.
        List<UnsentRecord> unsent = result.unsent().stream()
                .flatMap(u -> u.record().events().stream()
                        .map(event -> new UnsentRecord(event, u.errorCode(), u.message(), u.retryable(), u.attempts())))
                .toList();
        long unsentInvalid = unsent.stream().filter(u -> !u.record().valid()).count();
        long invalid = request.stream().flatMap(r -> r.events().stream()).filter(r -> !r.valid()).count()
                - unsentInvalid;
        stats.add(new SendResult(result.sent(), result.retried(), unsent, result.attempts()), invalid);
        unsent.forEach(report::unsent);
    }

    /** One stream's records waiting to be sent, in input order. */
    private static final class Pending {
        final Deque<OutboundRecord> records = new ArrayDeque<>();
        long bytes;
        long oldestAddedAt;

        void add(OutboundRecord record, long now) {
            if (records.isEmpty()) {
                oldestAddedAt = now;
            }
            records.add(record);
            bytes += record.sizeBytes();
        }

        /** Removes and returns every pending record. */
        List<OutboundRecord> takeAll(long now) {
            List<OutboundRecord> all = List.copyOf(records);
            records.clear();
            bytes = 0;
            oldestAddedAt = now;
            return all;
        }

        /** The records left behind restart the linger: they were just passed over, not forgotten. */
        void removed(List<OutboundRecord> sent, long now) {
            for (OutboundRecord record : sent) {
                bytes -= record.sizeBytes();
            }
            oldestAddedAt = now;
        }
    }
}
