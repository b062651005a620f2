package com.streamproc.shared.function;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.streamproc.shared.aws.AwsClients;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.dynamo.DynamoDbQuarantineWriter;
import com.streamproc.shared.observe.JsonLinesBatchObserver;
import com.streamproc.shared.snapstart.PrimingEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one production wiring of every function: its descriptor's decoder and applier, the DynamoDB quarantine,
 * tunables and JSON log lines, all configured from environment variables.
 */
public final class FunctionWiring {
    /** Quarantine items are kept this long unless {@code QUARANTINE_TTL_DAYS} says otherwise. */
    public static final int DEFAULT_QUARANTINE_TTL_DAYS = 14;

    /**
     * The variables the shared core reads for every function: the quarantine, its TTL, the deadline margin and
     * retry tunables ({@link com.streamproc.shared.batch.BatchProcessorConfig#withEnvironment}) and the DynamoDB
     * endpoint override ({@link AwsClients#ENDPOINT_VARIABLE}).
     */
    public static final Map<String, VariableKind> CORE_VARIABLES = orderedMap(
            "QUARANTINE_TABLE", VariableKind.REQUIRED,
            "QUARANTINE_TTL_DAYS", VariableKind.POSITIVE_INT,
            "DEADLINE_MARGIN_MS", VariableKind.NON_NEGATIVE_INT,
            "RETRY_MAX_ATTEMPTS", VariableKind.NON_NEGATIVE_INT,
            "RETRY_BASE_DELAY_MS", VariableKind.NON_NEGATIVE_INT,
            "RETRY_MAX_DELAY_MS", VariableKind.NON_NEGATIVE_INT,
            AwsClients.ENDPOINT_VARIABLE, VariableKind.ENDPOINT_URL);

    private FunctionWiring() {
    }

    /** Every variable {@code descriptor}'s function reads: its own and the core's. */
    public static Map<String, VariableKind> variablesOf(FunctionDescriptor<?> descriptor) {
        Map<String, VariableKind> all = new LinkedHashMap<>(descriptor.variables());
        all.putAll(CORE_VARIABLES);
        return all;
    }

    /**
     * Reads every variable {@code descriptor} declares, as its kind says, so a missing or malformed one is named
     * before any client or store is built.
     *
     * @return the environment, restricted to the declared variables
     * @throws IllegalStateException naming the first variable that is missing or malformed
     */
    public static FunctionEnvironment checkedEnvironment(FunctionDescriptor<?> descriptor, FunctionEnvironment env) {
        FunctionEnvironment declared = env.restrictedTo(variablesOf(descriptor).keySet());
        variablesOf(descriptor).forEach((name, kind) -> {
            switch (kind) {
                case REQUIRED -> declared.required(name);
                case POSITIVE_INT -> declared.positiveInt(name, 1);
                case NON_NEGATIVE_INT -> nonNegative(declared, name);
                case ENDPOINT_URL -> AwsClients.endpointFrom(declared.optional(name, null));
            }
        });
        return declared;
    }

    /**
     * The production processor of {@code descriptor} on {@code dynamoDb}: every variable checked first
     * ({@link #checkedEnvironment}), the quarantine table from {@code QUARANTINE_TABLE} (TTL
     * {@code QUARANTINE_TTL_DAYS}, default 14), tunables from the environment, JSON log and EMF lines on standard
     * output.
     *
     * @throws IllegalStateException naming the variable when the environment is incomplete or wrong
     */
    public static <E> BatchProcessor<E> processor(FunctionDescriptor<E> descriptor, FunctionEnvironment env,
                                                  DynamoDbClient dynamoDb) {
        FunctionEnvironment declared = checkedEnvironment(descriptor, env);
        Clock clock = Clock.systemUTC();
        DynamoDbQuarantineWriter quarantine = new DynamoDbQuarantineWriter(dynamoDb,
                declared.required("QUARANTINE_TABLE"), descriptor.name(),
                Duration.ofDays(declared.positiveInt("QUARANTINE_TTL_DAYS", DEFAULT_QUARANTINE_TTL_DAYS)),
                DynamoDbQuarantineWriter.DEFAULT_MAX_PAYLOAD_BYTES, clock);
        return BatchProcessor.builder(descriptor.decoder(clock), descriptor.applier(declared, dynamoDb, clock))
                .quarantine(quarantine)
                .config(descriptor.config().withEnvironment(declared.asMap()))
                .observer(JsonLinesBatchObserver.toStandardOutput())
                .build();
    }

    /** The client a Lambda execution environment uses, its endpoint from {@code env}. */
    public static DynamoDbClient dynamoDbClient(FunctionEnvironment env) {
        return AwsClients.dynamoDb(AwsClients.endpointFrom(env.optional(AwsClients.ENDPOINT_VARIABLE, null)));
    }

    /** {@code descriptor}'s priming payloads as one in-memory batch. */
    public static KinesisEvent primingBatch(FunctionDescriptor<?> descriptor) {
        return PrimingEvents.batch(descriptor.primingPartitionKey(),
                descriptor.primingEvents().toArray(String[]::new));
    }

    private static void nonNegative(FunctionEnvironment env, String name) {
        String value = env.optional(name, null);
        if (value == null) {
            return;
        }
        try {
            if (Long.parseLong(value) < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalStateException("environment variable " + name + " must be a non-negative integer");
        }
    }

    private static Map<String, VariableKind> orderedMap(Object... pairs) {
        Map<String, VariableKind> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (VariableKind) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
