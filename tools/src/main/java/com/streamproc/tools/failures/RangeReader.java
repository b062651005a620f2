package com.streamproc.tools.failures;

import com.streamproc.shared.retry.FailureCause;
import com.streamproc.tools.aws.ErrorMessages;
import com.streamproc.tools.produce.Sleeper;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads a given-up range back from its shard: {@code GetShardIterator AT_SEQUENCE_NUMBER} at the start, then
 * {@code GetRecords} until the end sequence number. Stays inside Kinesis' read limits (5 GetRecords per second
 * per shard, shared with the event source mapping): at most {@link #MAX_RECORDS_PER_CALL} records per call and a
 * pause between calls; throttling and 5xx are retried with backoff.
 *
 * <p>When Kinesis no longer holds the range the result is {@link StreamRange.Expired}: the shard is gone
 * ({@code ResourceNotFoundException}), the sequence number is refused, or the first record returned comes after the
 * start (the records before it were trimmed).
 */
public final class RangeReader {
    static final int MAX_RECORDS_PER_CALL = 1000;
    private static final Duration BETWEEN_CALLS = Duration.ofMillis(250);
    private static final int MAX_TRANSIENT_RETRIES = 8;

    private final KinesisClient kinesis;
    private final Sleeper sleeper;

    public RangeReader(KinesisClient kinesis, Sleeper sleeper) {
        this.kinesis = kinesis;
        this.sleeper = sleeper;
    }

    public StreamRange read(OnFailureRecord failure) {
        BigInteger start = failure.start();
        BigInteger end = failure.end();
        String iterator;
        try {
            iterator = withRetries(() -> kinesis.getShardIterator(b -> b.streamName(failure.streamName())
                    .shardId(failure.shardId()).shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                    .startingSequenceNumber(failure.startSequence())).shardIterator());
        } catch (ResourceNotFoundException e) {
            return new StreamRange.Expired("shard " + failure.shardId() + " of stream " + failure.streamName()
                    + " no longer exists (" + ErrorMessages.oneLine(e) + ")");
        } catch (InvalidArgumentException e) {
            return new StreamRange.Expired("Kinesis refuses sequence number " + failure.startSequence() + " of "
                    + failure.shardId() + " (" + ErrorMessages.oneLine(e) + ")");
        }
        List<Record> found = new ArrayList<>();
        boolean first = true;
        while (true) {
            if (iterator == null) {
                return new StreamRange.Expired("shard " + failure.shardId() + " ended before sequence number "
                        + failure.endSequence() + " (read " + found.size() + " of " + failure.batchSize() + ")");
            }
            String current = iterator;
            GetRecordsResponse response;
            try {
                response = withRetries(() -> kinesis.getRecords(b -> b.shardIterator(current)
                        .limit(MAX_RECORDS_PER_CALL)));
            } catch (ExpiredIteratorException e) {
                // Our own iterator timed out (5 minutes): start again after the last record read.
                String after = found.isEmpty() ? failure.startSequence() : found.get(found.size() - 1).sequenceNumber();
                ShardIteratorType type = found.isEmpty() ? ShardIteratorType.AT_SEQUENCE_NUMBER
                        : ShardIteratorType.AFTER_SEQUENCE_NUMBER;
                iterator = withRetries(() -> kinesis.getShardIterator(b -> b.streamName(failure.streamName())
                        .shardId(failure.shardId()).shardIteratorType(type).startingSequenceNumber(after))
                        .shardIterator());
                continue;
            } catch (ResourceNotFoundException e) {
                return new StreamRange.Expired("shard " + failure.shardId() + " of stream " + failure.streamName()
                        + " no longer exists");
            }
            for (Record record : response.records()) {
                BigInteger sequence = new BigInteger(record.sequenceNumber());
                if (first) {
                    first = false;
                    if (sequence.compareTo(start) > 0) {
                        return new StreamRange.Expired("the stream no longer holds " + failure.startSequence()
                                + ": the oldest record of " + failure.shardId() + " it returned is "
                                + record.sequenceNumber() + " (trimmed by the stream's retention)");
                    }
                }
                if (sequence.compareTo(end) > 0) {
                    return new StreamRange.Found(found);
                }
                found.add(record);
                if (sequence.equals(end)) {
                    return new StreamRange.Found(found);
                }
            }
            iterator = response.nextShardIterator();
            Long behind = response.millisBehindLatest();
            if (response.records().isEmpty() && behind != null && behind == 0L) {
                // At the tip of the shard and the end was not reached: the range cannot be complete.
                return new StreamRange.Expired("the stream holds no record up to " + failure.endSequence() + " of "
                        + failure.shardId() + " (read " + found.size() + " of " + failure.batchSize() + ")");
            }
            sleeper.sleep(BETWEEN_CALLS);
        }
    }

    private <T> T withRetries(java.util.function.Supplier<T> call) {
        Duration backoff = Duration.ofMillis(200);
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (attempt > MAX_TRANSIENT_RETRIES || !FailureCause.isTransient(e)) {
                    throw e;
                }
                sleeper.sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
                        ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
            }
        }
    }
}
