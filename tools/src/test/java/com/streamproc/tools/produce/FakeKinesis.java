package com.streamproc.tools.produce;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.SequenceNumberRange;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

/**
 * A Kinesis that stores what it accepts, in order, and fails what a script says: per PutRecords call, either an
 * exception for the whole call or an error code per entry (null = stored).
 */
public final class FakeKinesis implements KinesisClient {
    /** One stored record ({@code data} as UTF-8 text, {@code bytes} exactly). */
    public record Stored(String stream, String partitionKey, String data, String sequenceNumber, byte[] bytes,
                         String explicitHashKey) {
    }

    /** Decides the fate of one call's entries; returns one error code per entry, null for success. */
    public interface Script extends Function<List<PutRecordsRequestEntry>, List<String>> {
    }

    public final List<Stored> stored = new ArrayList<>();
    public final List<PutRecordsRequest> putRecordsCalls = new ArrayList<>();
    public final List<PutRecordRequest> putRecordCalls = new ArrayList<>();
    private final Deque<Object> plan = new ArrayDeque<>();
    private long sequence = 1000;

    /** The next call fails entirely with {@code failure}. */
    public FakeKinesis thenThrow(SdkException failure) {
        plan.add(failure);
        return this;
    }

    /** The next call's entries get these error codes (null = stored). */
    public FakeKinesis thenAnswer(Script script) {
        plan.add(script);
        return this;
    }

    @Override
    public PutRecordsResponse putRecords(PutRecordsRequest request) {
        putRecordsCalls.add(request);
        Object step = plan.poll();
        if (step instanceof SdkException failure) {
            throw failure;
        }
        List<String> codes = step instanceof Script script ? script.apply(request.records()) : null;
        List<PutRecordsResultEntry> results = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < request.records().size(); i++) {
            PutRecordsRequestEntry entry = request.records().get(i);
            String code = codes == null ? null : codes.get(i);
            if (code == null) {
                String seq = Long.toString(sequence++);
                stored.add(new Stored(request.streamName(), entry.partitionKey(),
                        new String(entry.data().asByteArray(), StandardCharsets.UTF_8), seq, entry.data().asByteArray(),
                        entry.explicitHashKey()));
                results.add(PutRecordsResultEntry.builder().shardId("shardId-000000000000").sequenceNumber(seq).build());
            } else {
                failed++;
                results.add(PutRecordsResultEntry.builder().errorCode(code).errorMessage(code + " (fake)").build());
            }
        }
        return PutRecordsResponse.builder().records(results).failedRecordCount(failed).build();
    }

    @Override
    public PutRecordResponse putRecord(PutRecordRequest request) {
        putRecordCalls.add(request);
        Object step = plan.poll();
        if (step instanceof SdkException failure) {
            throw failure;
        }
        String seq = Long.toString(sequence++);
        stored.add(new Stored(request.streamName(), request.partitionKey(),
                new String(request.data().asByteArray(), StandardCharsets.UTF_8), seq, request.data().asByteArray(),
                request.explicitHashKey()));
        return PutRecordResponse.builder().shardId("shardId-000000000000").sequenceNumber(seq).build();
    }

    /** Every stream has these shards (default: one, holding every hash key), in pages of two. */
    public FakeKinesis withShards(List<Shard> shards) {
        this.shards = List.copyOf(shards);
        return this;
    }

    private List<Shard> shards = List.of(Shard.builder().shardId("shardId-000000000000")
            .hashKeyRange(HashKeyRange.builder().startingHashKey("0")
                    .endingHashKey(ShardMap.MAX_HASH_KEY.toString()).build())
            .sequenceNumberRange(SequenceNumberRange.builder().startingSequenceNumber("1").build()).build());
    public final List<ListShardsRequest> listShardsCalls = new ArrayList<>();

    @Override
    public ListShardsResponse listShards(ListShardsRequest request) {
        listShardsCalls.add(request);
        int from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
        int to = Math.min(shards.size(), from + 2);
        return ListShardsResponse.builder().shards(shards.subList(from, to))
                .nextToken(to < shards.size() ? Integer.toString(to) : null).build();
    }

    @Override
    public DescribeStreamSummaryResponse describeStreamSummary(DescribeStreamSummaryRequest request) {
        return DescribeStreamSummaryResponse.builder()
                .streamDescriptionSummary(StreamDescriptionSummary.builder().streamName(request.streamName()).build())
                .build();
    }

    @Override
    public String serviceName() {
        return "kinesis";
    }

    @Override
    public void close() {
    }
}
