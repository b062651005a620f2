package com.streamproc.local.esm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Takes one batch of a lane to its end the way Lambda's Kinesis event source mapping does: every record ends up
 * either checkpointed as processed or discarded to the on-failure destination, nothing is skipped silently, and the
 * lane does not move on before that.
 *
 * <p>The rules, per attempt:
 * <ol>
 *   <li><b>Maximum record age.</b> Before each (re)invocation, records older than {@code MaximumRecordAgeInSeconds}
 *       are discarded with condition {@code RecordAgeExceeded}.</li>
 *   <li><b>Success.</b> The function returned and (with {@code ReportBatchItemFailures}) reported nothing: the whole
 *       batch is checkpointed.</li>
 *   <li><b>Partial failure.</b> With {@code ReportBatchItemFailures}, valid {@code batchItemFailures}: the records
 *       before the lowest reported sequence number are checkpointed, the rest is retried (this consumes a retry;
 *       with {@code BisectBatchOnFunctionError} Lambda also retries just the remainder).</li>
 *   <li><b>Function error.</b> The handler threw, timed out or crashed, or the response named an empty, null or
 *       unknown {@code itemIdentifier}: with {@code BisectBatchOnFunctionError} a batch of two or more records is
 *       split into halves, retried first half first, and the split does not consume a retry; otherwise the batch is
 *       retried whole.</li>
 *   <li><b>Retries exhausted.</b> A batch that failed again after {@code MaximumRetryAttempts} retries is discarded
 *       with condition {@code RetryAttemptsExhausted} ({@code -1} = retry until the records are too old).</li>
 * </ol>
 * Pure logic: the function, the destination, the clock and the pause between retries are injected.
 */
public final class BatchRunner {

    /** Waits between retries. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;

        Pause NONE = duration -> { };
        Pause SLEEP = duration -> Thread.sleep(duration.toMillis());
    }

    private static final Duration FIRST_RETRY_PAUSE = Duration.ofMillis(100);
    private static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(2);

    private final EsmSettings settings;
    private final SourceIdentity source;
    private final FunctionInvoker invoker;
    private final FailureDestination destination;
    private final EsmListener listener;
    private final Clock clock;
    private final Pause pause;
    private final Supplier<String> requestIds;
    private final BooleanSupplier stopped;

    public BatchRunner(EsmSettings settings, SourceIdentity source, FunctionInvoker invoker,
                       FailureDestination destination, EsmListener listener, Clock clock, Pause pause,
                       Supplier<String> requestIds, BooleanSupplier stopped) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.source = Objects.requireNonNull(source, "source");
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.requestIds = Objects.requireNonNull(requestIds, "requestIds");
        this.stopped = Objects.requireNonNull(stopped, "stopped");
    }

    /**
     * Records of one attempt, with what earlier attempts of them left behind: {@code lastError} is the error type of
     * a failed invocation (for the failure destination), {@code lastReported} the sequence number a partial failure
     * reported, {@code lastFailure} why the invocation failed as a whole, for the retry log.
     */
    private record Attempt(List<StreamRecord> records, int retriesUsed, int invokeCount, String lastRequestId,
                           String lastError, String lastReported, String lastFailure) {
    }

    /**
     * Runs {@code records} (one lane of one shard, in shard order) until each is processed or discarded.
     *
     * @return {@code false} when it stopped early because the mapping is shutting down (the remaining records are
     *         then neither checkpointed nor discarded, as when a real poller loses its lease)
     */
    public boolean run(String shardId, List<StreamRecord> records) throws InterruptedException {
        if (records.isEmpty()) {
            return true;
        }
        String batchStart = records.get(0).sequenceNumber();
        boolean retried = false;
        try {
            Deque<Attempt> work = new ArrayDeque<>();
            work.push(new Attempt(List.copyOf(records), 0, 0, null, null, null, null));
            while (!work.isEmpty()) {
                if (stopped.getAsBoolean()) {
                    return false;
                }
                Attempt attempt = work.pop();
                List<StreamRecord> fresh = discardExpired(shardId, attempt);
                if (fresh.isEmpty()) {
                    continue;
                }
                if (attempt.invokeCount() > 0) {
                    retried = true;
                    listener.retrying(new BatchRetry(clock.instant(), shardId, batchStart,
                            fresh.get(0).sequenceNumber(), fresh.size(), attempt.invokeCount() + 1,
                            attempt.retriesUsed(), attempt.lastReported(), attempt.lastFailure(),
                            attempt.lastRequestId()));
                }
                invoke(work, shardId, attempt, fresh);
            }
            return true;
        } finally {
            if (retried) {
                listener.retriesEnded(shardId, batchStart);
            }
        }
    }

    /** Invokes the function once with {@code fresh} and queues what must run again. */
    private void invoke(Deque<Attempt> work, String shardId, Attempt attempt, List<StreamRecord> fresh)
            throws InterruptedException {
        String requestId = requestIds.get();
        KinesisBatch batch = new KinesisBatch(shardId, fresh, source);
        InvocationOutcome outcome = invoker.invoke(requestId, batch);
        int invokeCount = attempt.invokeCount() + 1;
        BatchResponse response = outcome instanceof InvocationOutcome.Returned returned
                ? BatchResponse.interpret(returned.payload(), fresh, settings.reportBatchItemFailures())
                : new BatchResponse.WholeBatchFailed("function error");
        listener.invoked(batch, outcome, response);
        String error = outcome instanceof InvocationOutcome.FunctionError failed ? failed.errorType() : null;
        String failure = error != null ? error
                : response instanceof BatchResponse.WholeBatchFailed whole ? "unusable response: " + whole.reason()
                : null;

        if (response instanceof BatchResponse.AllSucceeded) {
            listener.recordsSucceeded(shardId, fresh.size());
        } else if (response instanceof BatchResponse.FailedFrom partial) {
            if (partial.index() > 0) {
                listener.recordsSucceeded(shardId, partial.index());
            }
            List<StreamRecord> remaining = fresh.subList(partial.index(), fresh.size());
            retryOrDiscard(work, shardId, remaining, attempt.retriesUsed(), invokeCount, requestId, null,
                    partial.sequenceNumber(), null);
        } else if (settings.bisectBatchOnFunctionError() && fresh.size() > 1) {
            int half = fresh.size() / 2;
            // Splitting does not consume the retry quota; the first half goes first to keep shard order.
            work.push(new Attempt(fresh.subList(half, fresh.size()), attempt.retriesUsed(), invokeCount,
                    requestId, error, null, failure));
            work.push(new Attempt(fresh.subList(0, half), attempt.retriesUsed(), invokeCount, requestId, error,
                    null, failure));
        } else {
            retryOrDiscard(work, shardId, fresh, attempt.retriesUsed(), invokeCount, requestId, error, null,
                    failure);
        }
    }

    private void retryOrDiscard(Deque<Attempt> work, String shardId, List<StreamRecord> records, int retriesUsed,
                                int invokeCount, String requestId, String error, String reported, String failure)
            throws InterruptedException {
        if (settings.retriesExhausted(retriesUsed)) {
            discard(shardId, records, FailureCondition.RetryAttemptsExhausted, invokeCount, requestId, error);
            return;
        }
        pause.pause(retryPause(retriesUsed));
        work.push(new Attempt(List.copyOf(records), retriesUsed + 1, invokeCount, requestId, error, reported,
                failure));
    }

    private List<StreamRecord> discardExpired(String shardId, Attempt attempt) {
        Duration maxAge = settings.maximumRecordAge();
        if (maxAge == null) {
            return attempt.records();
        }
        Instant oldestAllowed = clock.instant().minus(maxAge);
        List<StreamRecord> expired = new ArrayList<>();
        List<StreamRecord> fresh = new ArrayList<>();
        for (StreamRecord record : attempt.records()) {
            (record.approximateArrival().isBefore(oldestAllowed) ? expired : fresh).add(record);
        }
        if (!expired.isEmpty()) {
            discard(shardId, expired, FailureCondition.RecordAgeExceeded, attempt.invokeCount(),
                    attempt.lastRequestId(), attempt.lastError());
        }
        return fresh;
    }

    private void discard(String shardId, List<StreamRecord> records, FailureCondition condition, int invokeCount,
                         String requestId, String error) {
        DiscardedBatch discarded = new DiscardedBatch(requestId == null ? requestIds.get() : requestId,
                source.functionArn(), condition, invokeCount, error, shardId, source.streamArn(), records,
                clock.instant());
        destination.send(discarded);
        listener.recordsDiscarded(discarded);
    }

    /** Exponential pause between retries: 100 ms, 200 ms, ... up to 2 s. */
    static Duration retryPause(int retriesUsed) {
        long millis = FIRST_RETRY_PAUSE.toMillis() << Math.min(retriesUsed, 10);
        return Duration.ofMillis(Math.min(millis, MAX_RETRY_PAUSE.toMillis()));
    }
}
