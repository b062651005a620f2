package com.streamproc.shared.batch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.decode.ReasonCodes;
import com.streamproc.shared.decode.RecordDecoder;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.dynamo.DynamoDbQuarantineWriter;
import com.streamproc.shared.dynamo.QuarantineWriter;
import com.streamproc.shared.observe.JsonLinesBatchObserver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import com.streamproc.shared.dynamo.QuarantinedRecord;
import com.streamproc.shared.observe.BatchObserver;
import com.streamproc.shared.observe.BatchSummary;
import com.streamproc.shared.retry.TransientRetry;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 *       validation or is over the size limit goes to the function's quarantine (shard, sequence number, partition
 *       key, arrival time, reason code, size-capped payload, TTL), is counted in metrics, and is <em>not</em>
 *       reported as a failure.</li>
 *   <li><b>Transient failures stop their key and are reported.</b> A record whose write still fails after
 *       retries (throttling, 5xx, timeouts) is not applied, nor are later records of its key. The response
 *       reports one {@code batchItemFailures} entry: the sequence number of the earliest record in the batch
 *       that is neither applied nor quarantined. Lambda checkpoints below it and replays from it, so every write
 *       must be replay-safe. (Unlike handlers that keep going after a failure, nothing later of that key is
 *       written, so per-key order survives the replay.)</li>
 *   <li><b>Deadline.</b> Once {@code Context.getRemainingTimeInMillis()} minus a safety margin has passed, no new
 *       work starts; the earliest unapplied record is reported.</li>
 *   <li><b>No throwing for records.</b> {@link #process} never throws because of a record; a thrown exception
 *       means the invocation itself is broken (and Lambda retries or bisects the whole batch).</li>
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

    /** Quarantine items are kept this long unless {@code QUARANTINE_TTL_DAYS} says otherwise. */
    public static final int DEFAULT_QUARANTINE_TTL_DAYS = 14;

    /**
     * The production wiring shared by every function: the quarantine table from {@code QUARANTINE_TABLE} (TTL
     * {@code QUARANTINE_TTL_DAYS}, default 14), tunables from the environment (see
     * {@link BatchProcessorConfig#withEnvironment}), JSON log and EMF lines on standard output.
     *
     * @throws IllegalStateException naming the variable when the environment is incomplete or wrong
     */
    public static <E> BatchProcessor<E> fromEnvironment(BatchProcessorConfig config, RecordDecoder<E> decoder,
                                                        BatchApplier<E> applier, DynamoDbClient dynamoDb,
                                                        FunctionEnvironment env) {
        QuarantineWriter quarantine = new DynamoDbQuarantineWriter(dynamoDb, env.required("QUARANTINE_TABLE"),
                config.functionName(),
                Duration.ofDays(env.positiveInt("QUARANTINE_TTL_DAYS", DEFAULT_QUARANTINE_TTL_DAYS)),
                DynamoDbQuarantineWriter.DEFAULT_MAX_PAYLOAD_BYTES, Clock.systemUTC());
        return new BatchProcessor<>(decoder, applier, quarantine, config.withEnvironment(env.asMap()),
                JsonLinesBatchObserver.toStandardOutput());
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
            RecordRef ref = KinesisRecords.refOf(record);
            refs.add(ref);
            ByteBuffer data = record.getKinesis().getData();
            payloads.put(ref, data);
            try {
                valid.add(new InboundRecord<>(ref, decoder.decode(data)));
            } catch (PoisonRecordException poison) {
                applyContext.poison(ref, poison);
            } catch (RuntimeException unexpected) {
                // Decoding is deterministic: what fails now fails on every replay.
                applyContext.poison(ref, new PoisonRecordException(ReasonCodes.UNREADABLE_RECORD,
                        "decoder failed with " + unexpected.getClass().getSimpleName()));
            }
        }
        valid.sort(Comparator.comparing(InboundRecord::ref));

        if (!valid.isEmpty() && !deadline.expired()) {
            try {
                applier.apply(valid, applyContext);
            } catch (RuntimeException brokenApplier) {
                for (InboundRecord<E> record : valid) {
                    if (applyContext.outcomeOf(record.ref()) == null) {
                        applyContext.failed(record.ref(), brokenApplier);
                    }
                }
            }
        }

        Set<RecordRef> quarantined = quarantinePoison(applyContext, payloads, retry, deadline);
        return respond(refs, applyContext, quarantined, startedAt, startNanos, retry);
    }

    private Set<RecordRef> quarantinePoison(ApplyContext context, Map<RecordRef, ByteBuffer> payloads,
                                            TransientRetry retry, Deadline deadline) {
        List<QuarantinedRecord> poison = new ArrayList<>();
        context.outcomes().forEach((ref, outcome) -> {
            if (outcome instanceof RecordOutcome.Poisoned poisoned) {
                poison.add(new QuarantinedRecord(ref, poisoned.reason(), config.sourceOfRecord().apply(ref),
                        payloads.get(ref)));
            }
        });
        if (poison.isEmpty() || deadline.expired()) {
            return Set.of();
        }
        poison.sort(Comparator.comparing(QuarantinedRecord::ref));
        try {
            return quarantine.write(poison, retry);
        } catch (RuntimeException e) {
            return Set.of();
        }
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
            try {
                decoder.decode(record.getKinesis().getData());
                decoded++;
            } catch (PoisonRecordException | RuntimeException ignored) {
                // Priming only needs the code paths to run.
            }
        }
        return decoded;
    }

    private StreamsEventResponse respond(List<RecordRef> refs, ApplyContext context, Set<RecordRef> quarantined,
                                         Instant startedAt, long startNanos, TransientRetry retry) {
        RecordRef earliestUnhandled = null;
        int applied = 0;
        int failed = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        for (RecordRef ref : refs) {
            RecordOutcome outcome = context.outcomeOf(ref);
            boolean handled;
            if (outcome instanceof RecordOutcome.Applied) {
                handled = true;
                applied++;
            } else if (outcome instanceof RecordOutcome.Poisoned poisoned && quarantined.contains(ref)) {
                handled = true;
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
        if (earliestUnhandled != null) {
            failures.add(new StreamsEventResponse.BatchItemFailure(earliestUnhandled.sequenceNumber()));
        }
        response.setBatchItemFailures(failures);

        observer.batchCompleted(summarize(refs, applied, quarantined.size(), failed, earliestUnhandled,
                startedAt, startNanos, retry, reasons));
        return response;
    }

    private BatchSummary summarize(List<RecordRef> refs, int applied, int quarantined, int failed,
                                   RecordRef reported, Instant startedAt, long startNanos, TransientRetry retry,
                                   Map<String, Integer> reasons) {
        RecordRef first = refs.stream().min(Comparator.naturalOrder()).orElse(null);
        RecordRef last = refs.stream().max(Comparator.naturalOrder()).orElse(null);
        long oldestAge = refs.stream().map(RecordRef::arrivedAt).min(Comparator.naturalOrder())
                .map(oldest -> Math.max(0, Duration.between(oldest, startedAt).toMillis())).orElse(0L);
        long durationMillis = Duration.ofNanos(nanoClock.getAsLong() - startNanos).toMillis();
        return new BatchSummary(config.functionName(), first == null ? null : first.shardId(),
                first == null ? null : first.sequenceNumber(), last == null ? null : last.sequenceNumber(),
                refs.size(), applied, quarantined, failed, reported == null ? null : reported.sequenceNumber(),
                durationMillis, oldestAge, retry.retries(), reasons);
    }
}
