package com.streamproc.tools.failures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streamproc.tools.produce.Sleeper;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Sends a range's records to the function as Lambda's event source mapping would: in sequence order, in batches of at
 * most the mapping's batch size (and under Lambda's 6 MB payload), and after a reported failure again from the first
 * record the function reported ({@code batchItemFailures}), with backoff. An invocation error or a response naming
 * no record of the batch fails the whole batch, as it does for Lambda. After {@code maxAttempts} attempts in a row
 * that moved nothing forward it stops: the rest of the range stays unreplayed.
 */
public final class Replayer {
    /** Under Lambda's 6 MB synchronous payload limit, with room for the envelope. */
    static final long MAX_EVENT_BYTES = 5L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a replay went. */
    public record Result(int read, int invocations, int invoked, int applied, boolean complete, String lastError) {
        /** Records of the range not applied (the rest, after a stop). */
        public int failed() {
            return read - applied;
        }
    }

    private final FunctionInvoker invoker;
    private final int batchSize;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Sleeper sleeper;

    public Replayer(FunctionInvoker invoker, int batchSize, int maxAttempts, Duration firstBackoff, Sleeper sleeper) {
        if (batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("batch size and attempts must be positive");
        }
        this.invoker = invoker;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.sleeper = sleeper;
    }

    /** Replays {@code records} (one shard's, in sequence order); {@code progress} gets one line per invocation. */
    public Result replay(OnFailureRecord range, String invokeIdentityArn, List<Record> records,
                         Consumer<String> progress) {
        int position = 0;
        int invocations = 0;
        int invoked = 0;
        int attemptsWithoutProgress = 0;
        Duration backoff = firstBackoff;
        String lastError = null;
        while (position < records.size()) {
            List<Record> batch = records.subList(position, end(records, position));
            FunctionInvoker.Outcome outcome = invoker.invoke(ReplayEvent.json(range.shardId(), range.streamArn(),
                    range.region(), invokeIdentityArn, batch));
            invocations++;
            invoked += batch.size();
            int done;
            if (outcome instanceof FunctionInvoker.Outcome.Failed failed) {
                lastError = "function error " + failed.error() + ": " + errorMessage(failed.payload());
                done = 0;
            } else {
                Reported reported = reported(((FunctionInvoker.Outcome.Returned) outcome).payload(), batch);
                lastError = reported.error;
                done = reported.succeeded;
            }
            position += done;
            progress.accept("invocation " + invocations + ": " + batch.size() + " records from "
                    + batch.get(0).sequenceNumber() + ", " + done + " applied"
                    + (done < batch.size() ? " (" + lastError + ")" : "")
                    + "; " + position + "/" + records.size() + " done");
            if (done == batch.size()) {
                attemptsWithoutProgress = 0;
                backoff = firstBackoff;
                continue;
            }
            attemptsWithoutProgress = done > 0 ? 1 : attemptsWithoutProgress + 1;
            if (attemptsWithoutProgress >= maxAttempts) {
                return new Result(records.size(), invocations, invoked, position, false, lastError);
            }
            sleeper.sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                    ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
        }
        return new Result(records.size(), invocations, invoked, position, true, null);
    }

    private int end(List<Record> records, int from) {
        int end = from;
        long bytes = 0;
        while (end < records.size() && end - from < batchSize) {
            bytes += ReplayEvent.sizeEstimate(records.get(end));
            if (bytes > MAX_EVENT_BYTES && end > from) {
                break;
            }
            end++;
        }
        return end;
    }

    private record Reported(int succeeded, String error) {
    }

    /**
     * Lambda's reading of a response with {@code ReportBatchItemFailures}: no list or an empty one is success; else the
     * records before the lowest reported one succeeded; an entry naming no record of the batch fails it whole.
     */
    private static Reported reported(String payload, List<Record> batch) {
        if (payload == null || payload.isBlank()) {
            return new Reported(batch.size(), null);
        }
        JsonNode failures;
        try {
            JsonNode root = JSON.readTree(payload);
            failures = root == null || !root.isObject() ? null : root.get("batchItemFailures");
        } catch (IOException notJson) {
            return new Reported(batch.size(), null);
        }
        if (failures == null || failures.isNull() || (failures.isArray() && failures.isEmpty())) {
            return new Reported(batch.size(), null);
        }
        if (!failures.isArray()) {
            return new Reported(0, "batchItemFailures is not a list: the whole batch failed");
        }
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            indexOf.put(batch.get(i).sequenceNumber(), i);
        }
        int lowest = Integer.MAX_VALUE;
        for (JsonNode failure : failures) {
            JsonNode id = failure == null ? null : failure.get("itemIdentifier");
            Integer index = id == null || id.isNull() ? null : indexOf.get(id.asText());
            if (index == null) {
                return new Reported(0, "itemIdentifier " + (id == null ? "missing" : id.asText())
                        + " is no record of the batch: the whole batch failed");
            }
            lowest = Math.min(lowest, index);
        }
        return new Reported(lowest, "the function reported " + batch.get(lowest).sequenceNumber() + " as failed");
    }

    private static String errorMessage(String payload) {
        try {
            JsonNode root = JSON.readTree(payload);
            if (root != null && root.hasNonNull("errorMessage")) {
                return root.get("errorMessage").asText();
            }
        } catch (IOException | RuntimeException ignored) {
            // not Lambda's error document: show it as it is
        }
        return payload == null ? "" : payload.length() > 200 ? payload.substring(0, 200) + "..." : payload;
    }
}
