package com.streamproc.local.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/** Puts the demo's records on their streams with PutRecords, remembering where each one landed. */
final class Producer {
    /** A record and its place in the stream. */
    record Produced(DemoRecord record, String shardId, String sequenceNumber) {
    }

    private static final int CHUNK = 100;

    private final KinesisClient kinesis;
    private final Map<String, String> streamOfFunction;
    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final Map<String, AtomicLong> producedPerFunction = new java.util.concurrent.ConcurrentHashMap<>();

    Producer(KinesisClient kinesis, Map<String, String> streamOfFunction) {
        this.kinesis = kinesis;
        this.streamOfFunction = streamOfFunction;
    }

    long produced() {
        return produced.get();
    }

    long produced(String function) {
        AtomicLong count = producedPerFunction.get(function);
        return count == null ? 0 : count.get();
    }

    long retried() {
        return retried.get();
    }

    /** Puts every list (one per function), interleaving them chunk by chunk like concurrent producers. */
    List<Produced> putAll(List<List<DemoRecord>> perFunction) throws InterruptedException {
        List<Produced> all = new ArrayList<>();
        int[] positions = new int[perFunction.size()];
        boolean more = true;
        while (more) {
            more = false;
            for (int f = 0; f < perFunction.size(); f++) {
                List<DemoRecord> records = perFunction.get(f);
                if (positions[f] >= records.size()) {
                    continue;
                }
                int end = Math.min(records.size(), positions[f] + CHUNK);
                all.addAll(put(records.subList(positions[f], end)));
                positions[f] = end;
                more = true;
            }
        }
        return all;
    }

    private List<Produced> put(List<DemoRecord> records) throws InterruptedException {
        String stream = streamOfFunction.get(records.get(0).function());
        Produced[] placed = new Produced[records.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            pending.add(i);
        }
        int attempt = 0;
        while (!pending.isEmpty()) {
            if (attempt > 0) {
                retried.addAndGet(pending.size());
                Thread.sleep(Math.min(2_000, 100L << Math.min(attempt, 5)));
            }
            List<PutRecordsRequestEntry> entries = pending.stream().map(i -> PutRecordsRequestEntry.builder()
                    .partitionKey(records.get(i).partitionKey())
                    .data(SdkBytes.fromByteArray(records.get(i).data())).build()).toList();
            PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(stream).records(entries));
            List<Integer> failed = new ArrayList<>();
            for (int k = 0; k < pending.size(); k++) {
                PutRecordsResultEntry result = response.records().get(k);
                int index = pending.get(k);
                if (result.errorCode() == null) {
                    placed[index] = new Produced(records.get(index), result.shardId(), result.sequenceNumber());
                    produced.incrementAndGet();
                    producedPerFunction.computeIfAbsent(records.get(index).function(), f -> new AtomicLong())
                            .incrementAndGet();
                } else {
                    failed.add(index);
                }
            }
            pending = failed;
            attempt++;
            if (attempt > 20) {
                throw new IllegalStateException("Kinesis keeps refusing records of " + stream);
            }
        }
        return List.of(placed);
    }
}
