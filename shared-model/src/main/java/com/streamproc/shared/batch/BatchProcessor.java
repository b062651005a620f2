package com.streamproc.shared.batch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.shared.concurrent.ConcurrentRequests;
import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.decode.ReasonCodes;
import com.streamproc.shared.decode.RecordDecoder;
import com.streamproc.shared.dynamo.QuarantineWriter;
import com.streamproc.shared.dynamo.QuarantinedRecord;
import com.streamproc.shared.kpl.InvalidAggregateException;
import com.streamproc.shared.kpl.KplAggregate;
import com.streamproc.shared.observe.BatchObserver;
import com.streamproc.shared.observe.BatchSummary;
import com.streamproc.shared.retry.DeadlineReachedException;
import com.streamproc.shared.retry.FailureCause;
import com.streamproc.shared.retry.FailureKind;
import com.streamproc.shared.retry.TransientRetry;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;

/**
 * Turns one Kinesis batch, as Lambda delivers it, into applied records, quarantined poison records, and the
 * partial-batch response Lambda expects with {@code FunctionResponseTypes: [ReportBatchItemFailures]}.
 *
 * <p>Semantics (each one tested):
 * <ol type="a">
 *   <li><b>Order.</b> Records of one partition key are applied strictly in sequence-number order; different keys may
 *       run concurrently, bounded ({@link KeyedBatchApplier}).</li>
 *   <li><b>Poison never blocks.</b> A record that is not valid UTF-8 or JSON, breaks its schema, fails business
 *       validation, is over the size limit, or has a partition key its contract does not allow
 *       ({@link RecordDecoder#requiredPartitionKey}) goes to the function's quarantine (shard, sequence number,
 *       partition key, arrival time, reason code, size-capped payload, TTL), is counted in metrics, and is
 *       <em>not</em> reported as a failure. The poison found while decoding is written to the quarantine while the
 *       other records are applied (the two are independent); what the applier finds poison is written after it.</li>
 *   <li><b>One failure model.</b> Every failure met while applying a record is classified once
 *       ({@link com.streamproc.shared.retry.FailureCause}):
 *       <ul>
 *         <li><em>transient</em> (throttling, 5xx, timeouts, connection errors, unprocessed items or keys, the
 *             deadline) or <em>configuration</em> (missing table, denied access): retried within the invocation
 *             when transient, then the record's key stops: the record is not applied, nor are later records of
 *             its key. The response reports one {@code batchItemFailures} entry: the sequence number of the
 *             earliest record in the batch that is neither applied nor quarantined. Lambda checkpoints below it
 *             and replays from it, so every write must be replay-safe;</li>
 *         <li><em>deterministic</em> (anything else: a domain exception, a request DynamoDB refuses, an SDK
 *             marshalling error): the record it concerns is poison ({@code PROCESSING_ERROR}, the exception
 *             class, AWS error code, operation and table in the detail) and the shard moves on. When the
 *             failure escapes an applier, or a multi-item request, the records that cause it are found by
 *             applying smaller runs ({@link FailureIsolation}, {@link com.streamproc.shared.dynamo.DynamoBatchWriter});
 *             it is never blamed on the whole batch.</li>
 *       </ul></li>
 *   <li><b>Deadline.</b> Once {@code Context.getRemainingTimeInMillis()} minus a safety margin has passed, no new
 *       work starts, not even a first attempt of a call, and every SDK call's timeouts are cut to the time left;
 *       the earliest unapplied record is reported.</li>
 *   <li><b>KPL aggregates.</b> A record in the KPL aggregation format ({@link KplAggregate}) is expanded, before
 *       decoding, into its user records, each with its own {@link RecordRef} (the aggregate's shard and sequence
 *       number, its own sub-sequence number, partition key and size). Every rule here (order, poison and
 *       quarantine, partition-key checks, duplicates and high-water marks, metrics, the log line's counts) applies
 *       per user record. When a user record is not applied, the aggregate's sequence number is reported (the only
 *       one Lambda can checkpoint, or an earlier record's): the replay re-delivers the whole aggregate, and its
 *       already-applied user records are replays, without effect. An aggregate whose MD5 or protobuf is corrupt is
 *       quarantined whole ({@link ReasonCodes#INVALID_AGGREGATE}). A record without the magic bytes is a plain
 *       record.</li>
 *   <li><b>No throwing for records.</b> {@link #process} never throws because of a record; a thrown exception
 *       means the invocation itself is broken (and Lambda retries or bisects the whole batch).</li>
 *   <li><b>Every failure is visible.</b> The batch's log line ({@link BatchObserver}) names the cause of the
 *       reported record (exception class, AWS error code, operation, table; no values).</li>
 * </ol>
 *
 * <p>An empty {@code batchItemFailures} list means the whole batch succeeded.
 *
 * @param <E> the function's event type
 */
public final class BatchProcessor<E> {
    private final RecordDecoder<E> decoder;
    private final BatchApplier<E> applier;
    private final QuarantineWriter quarantine;
    private final BatchProcessorConfig config;
    private final BatchObserver observer;
    private final Clock clock;
    private final LongSupplier nanoClock;
    /** Runs the quarantine write of the decoded poison alongside the applier. */
    private final ConcurrentRequests phases = ConcurrentRequests.upTo(2, "batch-quarantine");

    public BatchProcessor(RecordDecoder<E> decoder, BatchApplier<E> applier, QuarantineWriter quarantine,
                          BatchProcessorConfig config, BatchObserver observer, Clock clock, LongSupplier nanoClock) {
        this.decoder = decoder;
        this.applier = applier;
        this.quarantine = quarantine;
        this.config = config;
        this.observer = observer;
        this.clock = clock;
        this.nanoClock = nanoClock;
    }

    public BatchProcessor(RecordDecoder<E> decoder, BatchApplier<E> applier, QuarantineWriter quarantine,
                          BatchProcessorConfig config, BatchObserver observer) {
        this(decoder, applier, quarantine, config, observer, Clock.systemUTC(), System::nanoTime);
    }

    /**
     * A builder for a processor of {@code decoder}'s events through {@code applier}; the quarantine must be given,
     * the rest defaults ({@link BatchProcessorConfig#defaults} named {@code "function"}, no observer, system
     * clocks). A function's production wiring is {@link com.streamproc.shared.function.FunctionWiring#processor}.
     */
    public static <E> Builder<E> builder(RecordDecoder<E> decoder, BatchApplier<E> applier) {
        return new Builder<>(decoder, applier);
    }

    /** Collects a {@link BatchProcessor}'s parts; see {@link #builder}. */
    public static final class Builder<E> {
        private final RecordDecoder<E> decoder;
        private final BatchApplier<E> applier;
        private QuarantineWriter quarantine;
        private BatchProcessorConfig config = BatchProcessorConfig.defaults("function");
        private BatchObserver observer = summary -> { };
        private Clock clock = Clock.systemUTC();
        private LongSupplier nanoClock = System::nanoTime;

        private Builder(RecordDecoder<E> decoder, BatchApplier<E> applier) {
            this.decoder = Objects.requireNonNull(decoder, "decoder");
            this.applier = Objects.requireNonNull(applier, "applier");
        }

        /** Where poison records go. */
        public Builder<E> quarantine(QuarantineWriter quarantine) {
            this.quarantine = quarantine;
            return this;
        }

        /** The function's name and tunables. */
        public Builder<E> config(BatchProcessorConfig config) {
            this.config = config;
            return this;
        }

        /** Receives each batch's summary (the log line and metrics in production). */
        public Builder<E> observer(BatchObserver observer) {
            this.observer = observer;
            return this;
        }

        /** The wall clock (arrival ages) and the monotonic clock (durations, the deadline). */
        public Builder<E> clocks(Clock clock, LongSupplier nanoClock) {
            this.clock = clock;
            this.nanoClock = nanoClock;
            return this;
        }

        public BatchProcessor<E> build() {
            return new BatchProcessor<>(decoder, applier, Objects.requireNonNull(quarantine, "quarantine"), config,
                    observer, clock, nanoClock);
        }
    }

    /** Processes one batch; see the class documentation for the semantics. */
    public StreamsEventResponse process(KinesisEvent event, Context context) {
        long startNanos = nanoClock.getAsLong();
        Instant startedAt = clock.instant();
        Deadline deadline = Deadline.of(Duration.ofMillis(context.getRemainingTimeInMillis()),
                config.deadlineMargin(), nanoClock);
        TransientRetry retry = new TransientRetry(config.retryPolicy(), deadline);

        List<KinesisEvent.KinesisEventRecord> raw = event == null || event.getRecords() == null
                ? List.of() : event.getRecords();
        List<RecordRef> refs = new ArrayList<>(raw.size());
        Map<RecordRef, ByteBuffer> payloads = new HashMap<>();
        List<InboundRecord<E>> valid = new ArrayList<>(raw.size());
        ApplyContext applyContext = new ApplyContext(deadline, retry);

        for (KinesisEvent.KinesisEventRecord record : raw) {
            RecordRef kinesisRef = KinesisRecords.refOf(record);
            applyContext.delivered(kinesisRef);
            ByteBuffer data = record.getKinesis().getData();
            List<KplAggregate.UserRecord> userRecords = null;
            if (KplAggregate.isAggregated(data)) {
                try {
                    userRecords = KplAggregate.read(data);
                } catch (InvalidAggregateException invalid) {
                    refs.add(kinesisRef);
                    payloads.put(kinesisRef, data);
                    applyContext.poison(kinesisRef,
                            new PoisonRecordException(ReasonCodes.INVALID_AGGREGATE, invalid.getMessage()));
                    continue;
                }
            }
            if (userRecords == null) {
                admit(kinesisRef, data, refs, payloads, valid, applyContext);
            } else {
                for (int i = 0; i < userRecords.size(); i++) {
                    KplAggregate.UserRecord user = userRecords.get(i);
                    admit(kinesisRef.userRecord(i, user.partitionKey(), user.data().remaining()), user.data(), refs,
                            payloads, valid, applyContext);
                }
            }
        }
        valid.sort(Comparator.comparing(InboundRecord::ref));

        // The poison found while decoding does not depend on the applier: its quarantine write runs alongside, so
        // it adds no round trip to the batch.
        List<QuarantinedRecord> decodedPoison = poisonOf(applyContext, payloads, Set.of());
        CompletableFuture<QuarantineWriter.Result> early = decodedPoison.isEmpty() ? null
                : phases.alongside(() -> quarantine(decodedPoison, retry, deadline));

        // An exception escaping the applier goes through the failure model: the records of the batch are keyed by
        // partition key, the unit of order in the BatchApplier contract.
        FailureIsolation.run(valid, applyContext, record -> record.ref().partitionKey(), applier::apply);

        // Then the poison the applier found (the failure model's PROCESSING_ERROR records), once the first write is
        // done: a QuarantineWriter serves one write at a time.
        QuarantineWriter.Result first = early == null ? null : awaited(early);
        Set<RecordRef> already = new HashSet<>();
        decodedPoison.forEach(record -> already.add(record.ref()));
        QuarantineWriter.Result late = quarantine(poisonOf(applyContext, payloads, already), retry, deadline);
        QuarantineWriter.Result quarantined = first == null ? late : merged(first, late);
        return respond(refs, applyContext, quarantined, deadline, startedAt, startNanos, retry);
    }

    /** Decodes one record (a plain record or a user record) and checks its partition key. */
    private void admit(RecordRef ref, ByteBuffer data, List<RecordRef> refs, Map<RecordRef, ByteBuffer> payloads,
                       List<InboundRecord<E>> valid, ApplyContext applyContext) {
        refs.add(ref);
        payloads.put(ref, data);
        try {
            E decoded = decoder.decode(data);
            String requiredKey = decoder.requiredPartitionKey(decoded);
            if (requiredKey != null && !requiredKey.equals(ref.partitionKey())) {
                applyContext.poison(ref, new PoisonRecordException(ReasonCodes.PARTITION_KEY_MISMATCH,
                        "the partition key is not the one the event's contract requires"));
            } else {
                valid.add(new InboundRecord<>(ref, decoded));
            }
        } catch (PoisonRecordException poison) {
            applyContext.poison(ref, poison);
        } catch (RuntimeException unexpected) {
            // Decoding is deterministic: what fails now fails on every replay.
            applyContext.poison(ref, new PoisonRecordException(ReasonCodes.UNREADABLE_RECORD,
                    "decoder failed with " + unexpected.getClass().getSimpleName()));
        }
    }

    /** The records marked poison so far, but not those in {@code except}, in stream order. */
    private List<QuarantinedRecord> poisonOf(ApplyContext context, Map<RecordRef, ByteBuffer> payloads,
                                             Set<RecordRef> except) {
        List<QuarantinedRecord> poison = new ArrayList<>();
        context.outcomes().forEach((ref, outcome) -> {
            if (outcome instanceof RecordOutcome.Poisoned poisoned && !except.contains(ref)) {
                poison.add(new QuarantinedRecord(ref, poisoned.reason(), config.sourceOfRecord().apply(ref),
                        payloads.get(ref)));
            }
        });
        poison.sort(Comparator.comparing(QuarantinedRecord::ref));
        return poison;
    }

    private QuarantineWriter.Result quarantine(List<QuarantinedRecord> poison, TransientRetry retry,
                                               Deadline deadline) {
        if (poison.isEmpty()) {
            return new QuarantineWriter.Result(Set.of(), null);
        }
        if (deadline.expired()) {
            return new QuarantineWriter.Result(Set.of(),
                    new DeadlineReachedException("no time left to write the quarantine"));
        }
        try {
            return quarantine.write(poison, retry);
        } catch (RuntimeException e) {
            return new QuarantineWriter.Result(Set.of(), e);
        }
    }

    /** The result of a quarantine write that ran alongside; an {@code Error} in it ends the invocation. */
    private static QuarantineWriter.Result awaited(CompletableFuture<QuarantineWriter.Result> write) {
        try {
            return write.join();
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            return new QuarantineWriter.Result(Set.of(), cause);
        }
    }

    /** Both writes' records; the later failure, else the earlier one. */
    private static QuarantineWriter.Result merged(QuarantineWriter.Result first, QuarantineWriter.Result second) {
        Set<RecordRef> quarantined = new HashSet<>(first.quarantined());
        quarantined.addAll(second.quarantined());
        return new QuarantineWriter.Result(quarantined,
                second.failure() != null ? second.failure() : first.failure());
    }

    /**
     * Warms the decode path on {@code sample} without writing anything: for SnapStart priming
     * ({@link com.streamproc.shared.snapstart.SnapStartPriming}). Poison in the sample is ignored.
     *
     * @return how many sample records decoded
     */
    public int primeDecoding(KinesisEvent sample) {
        int decoded = 0;
        for (KinesisEvent.KinesisEventRecord record : sample.getRecords()) {
            KinesisRecords.refOf(record);
            ByteBuffer data = record.getKinesis().getData();
            List<ByteBuffer> parts = List.of(data);
            try {
                if (KplAggregate.isAggregated(data)) {
                    parts = KplAggregate.read(data).stream().map(KplAggregate.UserRecord::data).toList();
                }
            } catch (InvalidAggregateException | RuntimeException ignored) {
                // Priming only needs the code paths to run.
            }
            for (ByteBuffer part : parts) {
                try {
                    decoder.decode(part);
                    decoded++;
                } catch (PoisonRecordException | RuntimeException ignored) {
                    // Priming only needs the code paths to run.
                }
            }
        }
        return decoded;
    }

    private StreamsEventResponse respond(List<RecordRef> refs, ApplyContext context,
                                         QuarantineWriter.Result quarantine, Deadline deadline, Instant startedAt,
                                         long startNanos, TransientRetry retry) {
        Set<RecordRef> quarantined = quarantine.quarantined();
        RecordRef earliestUnhandled = null;
        // First and last record and the oldest arrival, for the log line: in the same pass. Lambda delivers a
        // shard's records in order, so one comparison per record usually settles both ends.
        RecordRef first = null;
        RecordRef last = null;
        Instant oldestArrival = null;
        int applied = 0;
        int quarantinedCount = 0;
        int failed = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        for (RecordRef ref : refs) {
            if (last == null) {
                first = ref;
                last = ref;
            } else if (ref.compareTo(last) > 0) {
                last = ref;
            } else if (ref.compareTo(first) < 0) {
                first = ref;
            }
            if (oldestArrival == null || ref.arrivedAt().isBefore(oldestArrival)) {
                oldestArrival = ref.arrivedAt();
            }
            RecordOutcome outcome = context.outcomeOf(ref);
            boolean handled;
            if (outcome instanceof RecordOutcome.Applied) {
                handled = true;
                applied++;
            } else if (outcome instanceof RecordOutcome.Poisoned poisoned && quarantined.contains(ref)) {
                handled = true;
                quarantinedCount++;
                reasons.merge(poisoned.reason().reasonCode(), 1, Integer::sum);
            } else {
                handled = false;
                failed++;
            }
            if (!handled && (earliestUnhandled == null || ref.compareTo(earliestUnhandled) < 0)) {
                earliestUnhandled = ref;
            }
        }

        StreamsEventResponse response = new StreamsEventResponse();
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>(1);
        FailureCause cause = null;
        if (earliestUnhandled != null) {
            failures.add(new StreamsEventResponse.BatchItemFailure(earliestUnhandled.sequenceNumber()));
            cause = causeOf(earliestUnhandled, refs, context, quarantine, deadline);
        }
        response.setBatchItemFailures(failures);

        observer.batchCompleted(summarize(first, last, oldestArrival, refs.size(), applied, quarantinedCount, failed,
                earliestUnhandled, cause, startedAt, startNanos, retry, reasons));
        return response;
    }

    /**
     * Why {@code reported} is reported: its own failure; else, for poison, why the quarantine write failed; else
     * (it was held back behind another record, or never started) the earliest failure in the batch, or the
     * deadline.
     */
    private static FailureCause causeOf(RecordRef reported, List<RecordRef> refs, ApplyContext context,
                                        QuarantineWriter.Result quarantine, Deadline deadline) {
        RecordOutcome outcome = context.outcomeOf(reported);
        if (outcome instanceof RecordOutcome.Failed failedOutcome) {
            return failedOutcome.describe();
        }
        if (outcome instanceof RecordOutcome.Poisoned) {
            return quarantine.failure() != null ? FailureCause.of(quarantine.failure())
                    : new FailureCause(FailureKind.TRANSIENT, "QuarantineNotWritten", null, null, null);
        }
        RecordOutcome.Failed earliestFailure = null;
        RecordRef earliestRef = null;
        for (RecordRef ref : refs) {
            if (context.outcomeOf(ref) instanceof RecordOutcome.Failed f
                    && (earliestRef == null || ref.compareTo(earliestRef) < 0)) {
                earliestRef = ref;
                earliestFailure = f;
            }
        }
        if (earliestFailure != null) {
            return earliestFailure.describe();
        }
        if (deadline.expired()) {
            return FailureCause.DEADLINE;
        }
        return new FailureCause(FailureKind.TRANSIENT, "NotApplied", null, null, null);
    }

    private BatchSummary summarize(RecordRef first, RecordRef last, Instant oldestArrival, int records, int applied,
                                   int quarantined, int failed, RecordRef reported, FailureCause cause,
                                   Instant startedAt, long startNanos, TransientRetry retry,
                                   Map<String, Integer> reasons) {
        long oldestAge = oldestArrival == null ? 0 : Math.max(0, Duration.between(oldestArrival, startedAt).toMillis());
        long durationMillis = Duration.ofNanos(nanoClock.getAsLong() - startNanos).toMillis();
        return new BatchSummary(config.functionName(), first == null ? null : first.shardId(),
                first == null ? null : first.sequenceNumber(), last == null ? null : last.sequenceNumber(),
                records, applied, quarantined, failed, reported == null ? null : reported.sequenceNumber(),
                durationMillis, oldestAge, retry.retries(), reasons, cause);
    }
}
