package com.streamproc.activity;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.streamproc.activity.domain.ActivityBatchApplier;
import com.streamproc.activity.domain.ActivityEvent;
import com.streamproc.activity.decode.ActivityEventDecoder;
import com.streamproc.activity.store.DynamoDbActivityStore;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.BatchApplier;
import com.streamproc.shared.decode.RecordDecoder;
import com.streamproc.shared.function.FunctionDescriptor;
import com.streamproc.shared.function.TemplateIds;
import com.streamproc.shared.function.VariableKind;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The activity-tracking function as the rest of the project sees it ({@link FunctionDescriptor}). */
public final class ActivityTrackingDescriptor implements FunctionDescriptor<ActivityEvent> {
    public static final String NAME = "activity-tracking";
    public static final String TABLE_VARIABLE = "ACTIVITY_TABLE";
    static final int DEFAULT_MAX_CONCURRENT_KEYS = 8;

    /** Warms the decoder before a SnapStart snapshot: a plain event and one with every optional field. */
    static final List<String> PRIMING_EVENTS = List.of(
        "{\"schemaVersion\":1,\"eventId\":\"p1\",\"userId\":\"priming\",\"action\":\"page.view\","
            + "\"occurredAt\":\"2026-01-01T00:00:00Z\"}",
        "{\"schemaVersion\":1,\"eventId\":\"p2\",\"userId\":\"priming\",\"action\":\"cart.add\","
            + "\"occurredAt\":\"2026-01-01T00:00:00+01:00\",\"sessionId\":\"s\",\"attributes\":{\"a\":1,\"b\":true}}");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String eventType() {
        return "activity";
    }

    @Override
    public TemplateIds templateIds() {
        return new TemplateIds("ActivityTrackingFunction", "ActivityStream", "ActivityTable",
                "ActivityQuarantineTable");
    }

    @Override
    public TemplateIds resourceSuffixes() {
        return new TemplateIds("activity-tracking", "activity", "activity", "activity-quarantine");
    }

    @Override
    public Class<? extends RequestHandler<?, ?>> handlerClass() {
        return ActivityTrackingHandler.class;
    }

    @Override
    public String tableVariable() {
        return TABLE_VARIABLE;
    }

    @Override
    public Map<String, VariableKind> variables() {
        return Map.of(TABLE_VARIABLE, VariableKind.REQUIRED, "MAX_CONCURRENT_KEYS", VariableKind.POSITIVE_INT);
    }

    /** Its replay guard needs each shard processed strictly one batch at a time. */
    @Override
    public int requiredParallelizationFactor() {
        return 1;
    }

    /**
     * Its guard is a sequence high-water mark per item: once a later batch moved it, a given-up range could not be
     * replayed exactly (skipped with its own sequence numbers, partly counted twice as new records).
     */
    @Override
    public boolean neverGivesUp() {
        return true;
    }

    @Override
    public List<String> partitionKeyFields() {
        return List.of("userId");
    }

    @Override
    public RecordDecoder<ActivityEvent> decoder(Clock clock) {
        return new ActivityEventDecoder(clock);
    }

    @Override
    public BatchApplier<ActivityEvent> applier(FunctionEnvironment env, DynamoDbClient dynamoDb, Clock clock) {
        return new ActivityBatchApplier(new DynamoDbActivityStore(dynamoDb, env.required(TABLE_VARIABLE)), clock,
                env.positiveInt("MAX_CONCURRENT_KEYS", DEFAULT_MAX_CONCURRENT_KEYS));
    }

    @Override
    public List<String> primingEvents() {
        return PRIMING_EVENTS;
    }
}
