package com.streamproc.cleansing;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.streamproc.cleansing.decode.CustomerRecordDecoder;
import com.streamproc.cleansing.store.CustomerBatchApplier;
import com.streamproc.cleansing.store.CustomerStore;
import com.streamproc.cleansing.store.DynamoDbCustomerStore;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.BatchApplier;
import com.streamproc.shared.batch.BatchProcessorConfig;
import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.concurrent.ConcurrentRequests;
import com.streamproc.shared.decode.RecordDecoder;
import com.streamproc.shared.function.FunctionDescriptor;
import com.streamproc.shared.function.TemplateIds;
import com.streamproc.shared.function.VariableKind;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The data-cleansing function as the rest of the project sees it ({@link FunctionDescriptor}). */
public final class DataCleansingDescriptor implements FunctionDescriptor<CleansedRecord> {
    public static final String NAME = "data-cleansing";
    public static final String TABLE_VARIABLE = "CUSTOMERS_TABLE";
    public static final int DEFAULT_MAX_CONCURRENT_KEYS = 8;

    /** A synthetic record (reserved example domain, fictional-use number range) that loads every code path. */
    static final String PRIMING_RECORD = """
            {"schemaVersion":1,"sourceSystem":"priming","sourceRecordId":"0","updatedAt":"2024-01-01T00:00:00Z",
             "email":"Priming@Example.COM","phone":"020 7946 0000","fullName":" Priming  Record ",
             "country":"United Kingdom","birthDate":"01/13/1990"}""";

    /** The core's configuration: quarantine items carry the source system as {@code source}. */
    public static BatchProcessorConfig defaultConfig() {
        return BatchProcessorConfig.defaults(NAME).withSourceOfRecord(DataCleansingDescriptor::sourceSystemOf);
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

    public static CustomerRecordDecoder newDecoder(Clock clock) {
        return new CustomerRecordDecoder(new CustomerRecordCleanser(clock));
    }

    /** Reads a batch's customers at once, then writes each customer once. */
    public static BatchApplier<CleansedRecord> newApplier(CustomerStore store, int maxConcurrentKeys) {
        return new CustomerBatchApplier(store, maxConcurrentKeys);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String eventType() {
        return "customers";
    }

    @Override
    public List<String> aliases() {
        return List.of("customer-records", "cleansing");
    }

    @Override
    public TemplateIds templateIds() {
        return new TemplateIds("DataCleansingFunction", "CustomerRecordsStream", "CustomersTable",
                "CleansingQuarantineTable");
    }

    @Override
    public TemplateIds resourceSuffixes() {
        return new TemplateIds("data-cleansing", "customer-records", "customers", "cleansing-quarantine");
    }

    @Override
    public Class<? extends RequestHandler<?, ?>> handlerClass() {
        return DataCleansingHandler.class;
    }

    @Override
    public String tableVariable() {
        return TABLE_VARIABLE;
    }

    @Override
    public Map<String, VariableKind> variables() {
        return Map.of(TABLE_VARIABLE, VariableKind.REQUIRED, "MAX_CONCURRENT_KEYS", VariableKind.POSITIVE_INT);
    }

    @Override
    public List<String> partitionKeyFields() {
        return List.of("sourceSystem", "sourceRecordId");
    }

    @Override
    public BatchProcessorConfig config() {
        return defaultConfig();
    }

    @Override
    public RecordDecoder<CleansedRecord> decoder(Clock clock) {
        return newDecoder(clock);
    }

    @Override
    public BatchApplier<CleansedRecord> applier(FunctionEnvironment env, DynamoDbClient dynamoDb, Clock clock) {
        int maxConcurrentKeys = env.positiveInt("MAX_CONCURRENT_KEYS", DEFAULT_MAX_CONCURRENT_KEYS);
        return newApplier(new DynamoDbCustomerStore(dynamoDb, env.required(TABLE_VARIABLE),
                ConcurrentRequests.upTo(maxConcurrentKeys, "customer-reads")), maxConcurrentKeys);
    }

    @Override
    public List<String> primingEvents() {
        return List.of(PRIMING_RECORD);
    }

    @Override
    public String primingPartitionKey() {
        return "priming:0";
    }
}
