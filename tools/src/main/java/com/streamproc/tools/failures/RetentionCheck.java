package com.streamproc.tools.failures;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Tells, from the stream's retention period alone (one {@code DescribeStreamSummary} per stream), whether a range may
 * still be in the stream: cheap, for {@code failures list}; the replay itself finds out for sure.
 */
final class RetentionCheck {
    private final KinesisClient kinesis;
    private final Instant now;
    private final Map<String, Duration> retention = new HashMap<>();

    RetentionCheck(KinesisClient kinesis, Instant now) {
        this.kinesis = kinesis;
        this.now = now;
    }

    /** {@code yes}, {@code expired}, or {@code unknown} (no arrival time, or the stream cannot be described). */
    String inStream(OnFailureRecord record) {
        Duration period = retention.computeIfAbsent(record.streamName(), name -> {
            try {
                return Duration.ofHours(kinesis.describeStreamSummary(b -> b.streamName(name))
                        .streamDescriptionSummary().retentionPeriodHours());
            } catch (RuntimeException e) {
                return null;
            }
        });
        if (period == null || record.firstArrival() == null) {
            return "unknown";
        }
        return record.firstArrival().plus(period).isAfter(now) ? "yes" : "expired";
    }
}
