package com.streamproc.tools.produce;

import com.streamproc.shared.retry.RetryPolicy;
import com.streamproc.tools.aws.ErrorMessages;
import com.streamproc.tools.aws.SendFailures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Sends one PutRecords request and retries only what Kinesis did not store.
 *
 * <p>A PutRecords call can succeed while some of its entries fail ({@code FailedRecordCount > 0}, an
 * {@code ErrorCode} on those entries). Those entries, and only those, are sent again after an exponential backoff
 * with full jitter ({@code random(0, min(maxDelay, baseDelay * 2^(attempt-1)))}), so a stored record is never sent
 * twice. Entry errors that a retry cannot fix (KMS access denied, say) are given up at once.
 *
 * <p>A call that fails as a whole is retried when the failure is transient (throttling, 5xx, connection errors).
 * Only a timeout after the request was sent can then duplicate records: Kinesis may have stored them without the
 * answer arriving. That is inherent in any Kinesis producer; the consuming functions are replay-safe. A call that
 * fails for good (a validation error, a missing stream, an SDK marshalling error, ...) is not sent again: its
 * records are given up at once with the cause. {@link SendFailures} tells the two apart.
 *
 * <p>A KPL aggregate ({@link OutboundRecord#isAggregate()}) is one entry, sent with its explicit hash key, stored or
 * retried as a whole; the counts in {@link SendResult} count the events it holds.
 */
public final class PutRecordsSender {
    /** Ten calls, 100 ms doubling to a 5 s cap: rides out a few seconds of shard throttling. */
    public static final RetryPolicy DEFAULT_POLICY = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(5));

    private final KinesisClient kinesis;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public PutRecordsSender(KinesisClient kinesis, RetryPolicy policy, Sleeper sleeper, RandomGenerator random) {
        this.kinesis = kinesis;
        this.policy = policy;
        this.sleeper = sleeper;
        this.random = random;
    }

    public PutRecordsSender(KinesisClient kinesis, RetryPolicy policy) {
        this(kinesis, policy, Sleeper.REAL, RandomGenerator.getDefault());
    }

    /**
     * Sends {@code records} (at most one request's worth) to {@code streamName}, retrying failed entries.
     */
    public SendResult send(String streamName, List<OutboundRecord> records) {
        List<OutboundRecord> remaining = records;
        List<UnsentRecord> unsent = new ArrayList<>();
        int sent = 0;
        int retried = 0;
        for (int attempt = 1; ; attempt++) {
            boolean mayRetry = attempt < policy.maxAttempts();
            PutRecordsResponse response;
            try {
                response = kinesis.putRecords(request(streamName, remaining));
            } catch (SdkException e) {
                boolean retryable = SendFailures.isTransient(e);
                if (mayRetry && retryable) {
                    retried += events(remaining);
                    backoff(attempt);
                    continue;
                }
                String code = errorCode(e);
                String message = ErrorMessages.oneLine(e);
                int attempts = attempt;
                remaining.forEach(r -> unsent.add(new UnsentRecord(r, code, message, retryable, attempts)));
                return new SendResult(sent, retried, unsent, attempt);
            }
            List<PutRecordsResultEntry> entries = response.records();
            Integer failedCount = response.failedRecordCount();
            if ((failedCount == null || failedCount == 0) && entries.size() == remaining.size()) {
                return new SendResult(sent + events(remaining), retried, unsent, attempt);
            }
            if (entries.size() != remaining.size()) {
                throw new IllegalStateException("PutRecords answered " + entries.size() + " entries for "
                        + remaining.size() + " records");
            }
            List<OutboundRecord> again = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                PutRecordsResultEntry entry = entries.get(i);
                String code = entry.errorCode();
                if (code == null || code.isEmpty()) {
                    sent += remaining.get(i).eventCount();
                } else if (mayRetry && SendFailures.isTransientEntryError(code)) {
                    again.add(remaining.get(i));
                } else {
                    unsent.add(new UnsentRecord(remaining.get(i), code, entry.errorMessage(),
                            SendFailures.isTransientEntryError(code), attempt));
                }
            }
            if (again.isEmpty()) {
                return new SendResult(sent, retried, unsent, attempt);
            }
            retried += events(again);
            backoff(attempt);
            remaining = again;
        }
    }

    private static PutRecordsRequest request(String streamName, List<OutboundRecord> records) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(records.size());
        for (OutboundRecord record : records) {
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(record.partitionKey())
                    .explicitHashKey(record.explicitHashKey())
                    .data(SdkBytes.fromByteArrayUnsafe(record.data()))
                    .build());
        }
        return PutRecordsRequest.builder().streamName(streamName).records(entries).build();
    }

    /** Events, not Kinesis records: an aggregate counts as the user records it holds. */
    private static int events(List<OutboundRecord> records) {
        return records.stream().mapToInt(OutboundRecord::eventCount).sum();
    }

    /** Full jitter: a uniformly random wait up to the attempt's cap. */
    private void backoff(int attempt) {
        long cap = policy.capFor(attempt).toMillis();
        long millis = cap <= 0 ? 0 : random.nextLong(cap + 1);
        if (millis > 0) {
            sleeper.sleep(Duration.ofMillis(millis));
        }
    }

    private static String errorCode(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }
}
