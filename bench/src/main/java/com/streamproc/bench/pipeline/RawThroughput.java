package com.streamproc.bench.pipeline;

import com.streamproc.bench.workload.WorkloadRecord;
import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.ResourceFactory;
import com.streamproc.emulators.TemplateResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * The emulators' own write throughput, the ceiling of the local pipeline: PutRecords (500 records per request) into
 * kinesis-local and a plain PutItem loop into dynalite, one thread each, with the benchmark's payloads.
 */
public final class RawThroughput {
    static final int RECORDS_PER_PUT = 500;
    static final int STREAM_SHARDS = TemplateResources.ON_DEMAND_LOCAL_SHARDS;

    /** @param failedEntries PutRecords entries kinesis-local rejected (counted, not retried) */
    public record Result(int kinesisRecords, double kinesisSeconds, int failedEntries, int dynamoItems,
                         double dynamoSeconds) {
        public double kinesisRecordsPerSecond() {
            return kinesisRecords / kinesisSeconds;
        }

        public double dynamoItemsPerSecond() {
            return dynamoItems / dynamoSeconds;
        }
    }

    private RawThroughput() {
    }

    public static Result measure(EmulatorStack stack, List<WorkloadRecord> kinesisRecords,
                                 List<WorkloadRecord> dynamoRecords) {
        String stream = "bench-raw-throughput";
        String table = "bench-raw-throughput";
        try (KinesisClient kinesis = stack.kinesisClient(); DynamoDbClient dynamoDb = stack.dynamoDbClient()) {
            kinesis.createStream(b -> b.streamName(stream).shardCount(STREAM_SHARDS));
            new ResourceFactory(dynamoDb, kinesis).awaitStreamActive(stream);
            dynamoDb.createTable(b -> b.tableName(table)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                            .attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            new ResourceFactory(dynamoDb, kinesis).awaitTableActive(table);

            int failed = 0;
            long start = System.nanoTime();
            for (int from = 0; from < kinesisRecords.size(); from += RECORDS_PER_PUT) {
                List<PutRecordsRequestEntry> entries = new ArrayList<>(RECORDS_PER_PUT);
                for (WorkloadRecord record : kinesisRecords.subList(from,
                        Math.min(kinesisRecords.size(), from + RECORDS_PER_PUT))) {
                    entries.add(PutRecordsRequestEntry.builder().partitionKey(record.partitionKey())
                            .data(SdkBytes.fromByteArray(record.data())).build());
                }
                PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(stream).records(entries));
                failed += response.failedRecordCount() == null ? 0 : response.failedRecordCount();
            }
            double kinesisSeconds = (System.nanoTime() - start) / 1e9;

            start = System.nanoTime();
            int i = 0;
            for (WorkloadRecord record : dynamoRecords) {
                String pk = "item-" + i++;
                dynamoDb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk),
                        "data", AttributeValue.fromS(record.text()))));
            }
            double dynamoSeconds = (System.nanoTime() - start) / 1e9;
            return new Result(kinesisRecords.size(), kinesisSeconds, failed, dynamoRecords.size(), dynamoSeconds);
        }
    }
}
