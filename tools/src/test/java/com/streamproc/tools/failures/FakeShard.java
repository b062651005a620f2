package com.streamproc.tools.failures;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/** One shard whose records start at {@code oldest}; pages of {@code pageSize}. */
final class FakeShard implements KinesisClient {
    final List<Record> records = new ArrayList<>();
    final int pageSize;
    final List<String> iteratorRequests = new ArrayList<>();
    boolean shardGone;

    FakeShard(BigInteger oldest, int count, int pageSize) {
        this.pageSize = pageSize;
        for (int i = 0; i < count; i++) {
            records.add(Record.builder().sequenceNumber(oldest.add(BigInteger.valueOf(i)).toString())
                    .partitionKey("k").data(SdkBytes.fromUtf8String("{}")).approximateArrivalTimestamp(Instant.EPOCH)
                    .build());
        }
    }

    @Override
    public GetShardIteratorResponse getShardIterator(Consumer<GetShardIteratorRequest.Builder> request) {
        GetShardIteratorRequest built = GetShardIteratorRequest.builder().applyMutation(request).build();
        iteratorRequests.add(built.shardIteratorTypeAsString() + " " + built.startingSequenceNumber());
        if (shardGone) {
            throw ResourceNotFoundException.builder().message("Shard " + built.shardId() + " not found").build();
        }
        BigInteger at = new BigInteger(built.startingSequenceNumber());
        int index = 0;
        while (index < records.size() && new BigInteger(records.get(index).sequenceNumber()).compareTo(at) < 0) {
            index++;
        }
        return GetShardIteratorResponse.builder().shardIterator(String.valueOf(index)).build();
    }

    @Override
    public GetRecordsResponse getRecords(Consumer<GetRecordsRequest.Builder> request) {
        int from = Integer.parseInt(GetRecordsRequest.builder().applyMutation(request).build().shardIterator());
        int to = Math.min(records.size(), from + pageSize);
        return GetRecordsResponse.builder().records(records.subList(from, to))
                .nextShardIterator(String.valueOf(to)).millisBehindLatest(to == records.size() ? 0L : 1000L).build();
    }

    @Override
    public String serviceName() {
        return "kinesis";
    }

    @Override
    public void close() {
    }
}
