package com.streamproc.shared.function;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.BatchApplier;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.batch.BatchProcessorConfig;
import com.streamproc.shared.decode.RecordDecoder;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Everything the rest of the project needs to know about one function, declared once in the function's own module
 * and found with {@link java.util.ServiceLoader} ({@code META-INF/services/com.streamproc.shared.function
 * .FunctionDescriptor}): see {@link FunctionDescriptors}. The handler ({@link StreamHandler}), the local stack,
 * the tools, the benchmarks, the end-to-end harness and the template checks all read it instead of keeping lists.
 * The analysts' questions its table answers are a separate service, {@link AnalystQuestions}.
 *
 * <p>An implementation must have a public no-argument constructor and must not call AWS from it.
 *
 * @param <E> the function's event type
 */
public interface FunctionDescriptor<E> {

    /** The function's name in logs, metrics, quarantine items and {@code events/}; also its module directory. */
    String name();

    /** The short name of the events it consumes, as command lines and reports show it ({@code orders}). */
    String eventType();

    /** Other names a command line accepts for this function (besides {@link #name} and {@link #eventType}). */
    default List<String> aliases() {
        return List.of();
    }

    /** The logical ids of its resources in {@code sam-template.yaml}. */
    TemplateIds templateIds();

    /** The class the template's {@code Handler} names; its no-argument constructor is Lambda's entry point. */
    Class<? extends RequestHandler<?, ?>> handlerClass();

    /**
     * What the template appends to {@code EnvironmentName-} to name its stream, table and quarantine table, so a
     * tool that knows only the environment can find them.
     */
    TemplateIds resourceSuffixes();

    /** The template's {@code Handler} value. */
    default String handler() {
        return handlerClass().getName() + "::handleRequest";
    }

    /** The variable that names its data table. */
    String tableVariable();

    /**
     * The variables the function itself reads (the core's are {@link FunctionWiring#CORE_VARIABLES}); reading any
     * other variable through the environment the wiring gets fails.
     */
    Map<String, VariableKind> variables();

    /** The parallelization factor its exactly-once design needs, or 0 when any valid factor will do. */
    default int requiredParallelizationFactor() {
        return 0;
    }

    /**
     * Whether its event source mapping must never give up on a batch ({@code MaximumRetryAttempts} and
     * {@code MaximumRecordAgeInSeconds} -1, no on-failure destination), retrying it until it succeeds or expires
     * from the stream. True when its replay guard cannot apply a given-up range exactly once after later batches
     * of the same keys went through (a sequence high-water mark per item); false when a replay of a given-up range
     * is exact (idempotent per event), so finite retries and an on-failure destination are safe.
     */
    default boolean neverGivesUp() {
        return false;
    }

    /**
     * The top-level JSON fields its partition key is made of, joined by {@code ":"}; the decoder's
     * {@link RecordDecoder#requiredPartitionKey} enforces it.
     */
    List<String> partitionKeyFields();

    /** Its decoder: bytes to events, poison for anything its contract refuses. */
    RecordDecoder<E> decoder(Clock clock);

    /**
     * Its applier on {@code dynamoDb}, with its table and tunables from {@code env}.
     *
     * @throws IllegalStateException naming the variable when the environment is incomplete or wrong
     */
    BatchApplier<E> applier(FunctionEnvironment env, DynamoDbClient dynamoDb, Clock clock);

    /** The core's configuration for this function (before environment overrides). */
    default BatchProcessorConfig config() {
        return BatchProcessorConfig.defaults(name());
    }

    /** Payloads that exercise every decoding path, for SnapStart priming; all must decode. */
    List<String> primingEvents();

    /** The partition key the priming payloads are sent with. */
    default String primingPartitionKey() {
        return "priming";
    }

    /**
     * The production processor on {@code dynamoDb}, configured from {@code env} as on Lambda (the same path the
     * handler's no-argument constructor takes).
     *
     * @throws IllegalStateException naming the variable when the environment is incomplete or wrong
     */
    default BatchProcessor<E> processor(FunctionEnvironment env, DynamoDbClient dynamoDb) {
        return FunctionWiring.processor(this, env, dynamoDb);
    }
}
