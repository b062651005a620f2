package com.streamproc.shared.observe;

import com.streamproc.shared.retry.FailureCause;
import java.util.Map;

/**
 * What one invocation did with its batch. Holds no payloads and no personal data: it is logged.
 *
 * @param function               the function's name
 * @param shardId                the batch's shard (the first record's), or {@code null} for an empty batch
 * @param firstSequenceNumber    the lowest sequence number in the batch
 * @param lastSequenceNumber     the highest sequence number in the batch
 * @param records                records in the batch
 * @param applied                records durably applied (including duplicates and replays that changed nothing)
 * @param quarantined            poison records durably quarantined
 * @param failed                 records neither applied nor quarantined (left for the replay)
 * @param reportedSequenceNumber the sequence number reported in {@code batchItemFailures}, or {@code null}
 * @param durationMillis         wall time of the batch
 * @param oldestRecordAgeMillis  age of the oldest record at the start of the batch (Kinesis arrival to now)
 * @param retries                transient-failure retries made
 * @param quarantineReasons      quarantined records per reason code
 * @param failureCause           why the reported record was not applied (no values), or {@code null} when nothing
 *                               was reported
 */
public record BatchSummary(String function, String shardId, String firstSequenceNumber, String lastSequenceNumber,
                           int records, int applied, int quarantined, int failed, String reportedSequenceNumber,
                           long durationMillis, long oldestRecordAgeMillis, long retries,
                           Map<String, Integer> quarantineReasons, FailureCause failureCause) {
    public BatchSummary {
        quarantineReasons = Map.copyOf(quarantineReasons);
    }
}
