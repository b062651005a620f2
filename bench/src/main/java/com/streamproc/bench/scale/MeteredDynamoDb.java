package com.streamproc.bench.scale;

import com.streamproc.bench.bill.CapacityMeter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

/**
 * An in-process {@link DynamoDbClient} (the benchmark's {@code FakeDynamoDb}) whose requests and responses a
 * {@link CapacityMeter} sees as it sees an SDK client's: the same capture the cost benchmark runs on dynalite, for
 * replays too large for an emulator. Only the operations the functions send while processing are served.
 */
final class MeteredDynamoDb implements DynamoDbClient {
    private final DynamoDbClient delegate;
    private final CapacityMeter meter;

    MeteredDynamoDb(DynamoDbClient delegate, CapacityMeter meter) {
        this.delegate = delegate;
        this.meter = meter;
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        GetItemResponse response = delegate.getItem(request);
        meter.completed(request, response);
        return response;
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        try {
            PutItemResponse response = delegate.putItem(request);
            meter.completed(request, response);
            return response;
        } catch (RuntimeException e) {
            meter.failed(request, e); // billed only when its condition failed
            throw e;
        }
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        BatchGetItemResponse response = delegate.batchGetItem(request);
        meter.completed(request, response);
        return response;
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        BatchWriteItemResponse response = delegate.batchWriteItem(request);
        meter.completed(request, response);
        return response;
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
