package com.streamproc.cleansing;

import com.streamproc.cleansing.store.CustomerBatchApplier;
import com.streamproc.cleansing.store.CustomerStore;
import com.streamproc.cleansing.store.DynamoDbCustomerStore;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.BatchApplier;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.batch.BatchProcessorConfig;
import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.decode.PoisonRecordException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** How the data-cleansing function is put together, shared by the handler, its tests and tools. */
public final class DataCleansingFunction {
    public static final String NAME = "data-cleansing";
    public static final int DEFAULT_MAX_CONCURRENT_KEYS = 8;

    /** A synthetic record (reserved example domain, fictional-use number range) that loads every code path. */
    static final String PRIMING_RECORD = """
            {"schemaVersion":1,"sourceSystem":"priming","sourceRecordId":"0","updatedAt":"2024-01-01T00:00:00Z",
             "email":"Priming@Example.COM","phone":"020 7946 0000","fullName":" Priming  Record ",
             "country":"United Kingdom","birthDate":"01/13/1990"}""";

    private DataCleansingFunction() {
    }

    /** The core's configuration: quarantine items carry the source system as {@code source}. */
    public static BatchProcessorConfig config() {
        return BatchProcessorConfig.defaults(NAME).withSourceOfRecord(DataCleansingFunction::sourceSystemOf);
    }

    /**
     * The source system of a record, from its partition key {@code system:recordId}: readable even when the
     * record's data is not. A key without {@code ':'} is taken whole; an empty one gives no source.
     */
    public static String sourceSystemOf(RecordRef ref) {
        String key = ref.partitionKey();
        int colon = key.indexOf(':');
        String source = colon >= 0 ? key.substring(0, colon) : key;
        return source.isBlank() ? null : source;
    }

    public static CustomerRecordDecoder decoder(Clock clock) {
        return new CustomerRecordDecoder(new CustomerRecordCleanser(clock));
    }

    /** Reads a batch's customers at once, then writes each customer once. */
    public static BatchApplier<CleansedRecord> applier(CustomerStore store, int maxConcurrentKeys) {
        return new CustomerBatchApplier(store, maxConcurrentKeys);
    }

    /**
     * The production wiring: {@code CUSTOMERS_TABLE}, {@code MAX_CONCURRENT_KEYS} (default 8) and the core's
     * variables ({@code QUARANTINE_TABLE}, …).
     *
     * @throws IllegalStateException naming the variable when the environment is incomplete or wrong
     */
    public static BatchProcessor<CleansedRecord> fromEnvironment(FunctionEnvironment env, DynamoDbClient dynamoDb) {
        CustomerStore store = new DynamoDbCustomerStore(dynamoDb, env.required("CUSTOMERS_TABLE"));
        int maxConcurrentKeys = env.positiveInt("MAX_CONCURRENT_KEYS", DEFAULT_MAX_CONCURRENT_KEYS);
        CustomerRecordDecoder decoder = decoder(Clock.systemUTC());
        prime(decoder);
        return BatchProcessor.fromEnvironment(config(), decoder, applier(store, maxConcurrentKeys), dynamoDb, env);
    }

    /**
     * Runs one synthetic record through decoding and cleansing during initialisation, so the first real batch
     * does not pay for loading Jackson's bindings, the TLD list and the phone metadata.
     */
    static void prime(CustomerRecordDecoder decoder) {
        try {
            decoder.decode(ByteBuffer.wrap(PRIMING_RECORD.getBytes(StandardCharsets.UTF_8)));
        } catch (PoisonRecordException e) {
            throw new IllegalStateException("priming record did not cleanse: " + e.reasonCode());
        }
    }
}
