package com.streamproc.emulators;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Creates the tables and streams of a {@link TemplateResources} in the emulators. Idempotent: a table or
 * stream that exists already is accepted as it is. Returns once everything is ACTIVE.
 */
public final class ResourceFactory {

    private static final System.Logger LOG = System.getLogger(ResourceFactory.class.getName());
    private static final Duration POLL = Duration.ofMillis(25);

    private final DynamoDbClient dynamoDb;
    private final KinesisClient kinesis;
    private final Duration activeTimeout;

    /** The clients stay owned by the caller. */
    public ResourceFactory(DynamoDbClient dynamoDb, KinesisClient kinesis) {
        this(dynamoDb, kinesis, Duration.ofSeconds(30));
    }

    public ResourceFactory(DynamoDbClient dynamoDb, KinesisClient kinesis, Duration activeTimeout) {
        this.dynamoDb = dynamoDb;
        this.kinesis = kinesis;
        this.activeTimeout = activeTimeout;
    }

    /** Creates every table and stream; returns logical id to physical name. */
    public Map<String, String> createAll(TemplateResources resources) {
        resources.tables().forEach(this::createTable);
        resources.streams().forEach(this::createStream);
        return resources.physicalNames();
    }

    /** Creates the table unless it exists, then waits until it and its indexes are ACTIVE. */
    public void createTable(TemplateResources.Table table) {
        if (table.ttlAttribute() != null) {
            LOG.log(Level.INFO, "{0} ({1}): TimeToLiveSpecification on ''{2}'' not applied locally (dynalite, the "
                    + "default backend, has no UpdateTimeToLive)", table.logicalId(), table.tableName(), table.ttlAttribute());
        }
        if (!table.skippedProperties().isEmpty()) {
            LOG.log(Level.DEBUG, "{0} ({1}): not emulated locally, skipped: {2}",
                    table.logicalId(), table.tableName(), table.skippedProperties());
        }
        try {
            dynamoDb.createTable(table.createRequest());
        } catch (software.amazon.awssdk.services.dynamodb.model.ResourceInUseException exists) {
            LOG.log(Level.DEBUG, "Table {0} exists already", table.tableName());
            var existing = dynamoDb.describeTable(b -> b.tableName(table.tableName())).table().keySchema();
            if (!existing.equals(table.createRequest().keySchema())) {
                throw new IllegalStateException("Table " + table.tableName() + " (" + table.logicalId()
                        + ") exists with key schema " + existing + ", the template wants "
                        + table.createRequest().keySchema() + ": two templates or parameter sets map to one name");
            }
        }
        awaitTableActive(table.tableName());
    }

    /** Creates the stream unless it exists, then waits until it is ACTIVE. */
    public void createStream(TemplateResources.Stream stream) {
        if (!stream.skippedProperties().isEmpty()) {
            LOG.log(Level.DEBUG, "{0} ({1}): not emulated locally, skipped: {2}",
                    stream.logicalId(), stream.streamName(), stream.skippedProperties());
        }
        if (stream.onDemand()) {
            LOG.log(Level.DEBUG, "{0} ({1}): ON_DEMAND stream created locally as a provisioned stream of {2} shards",
                    stream.logicalId(), stream.streamName(), stream.shardCount());
        }
        try {
            kinesis.createStream(stream.createRequest());
        } catch (software.amazon.awssdk.services.kinesis.model.ResourceInUseException exists) {
            Integer shards = kinesis.describeStreamSummary(b -> b.streamName(stream.streamName()))
                    .streamDescriptionSummary().openShardCount();
            LOG.log(shards != null && shards == stream.shardCount() ? Level.DEBUG : Level.WARNING,
                    "Stream {0} exists already with {1} open shards (template: {2})",
                    stream.streamName(), shards, stream.shardCount());
        }
        awaitStreamActive(stream.streamName());
    }

    /** Waits until the table and all its global secondary indexes are ACTIVE. */
    public void awaitTableActive(String tableName) {
        long deadline = System.nanoTime() + activeTimeout.toNanos();
        String last = "not found";
        while (System.nanoTime() < deadline) {
            try {
                TableDescription description = dynamoDb.describeTable(b -> b.tableName(tableName)).table();
                boolean indexesActive = description.globalSecondaryIndexes().stream()
                        .map(GlobalSecondaryIndexDescription::indexStatus)
                        .allMatch(IndexStatus.ACTIVE::equals);
                if (description.tableStatus() == TableStatus.ACTIVE && indexesActive) {
                    return;
                }
                last = description.tableStatusAsString();
            } catch (ResourceNotFoundException notYet) {
                last = "not found";
            }
            EmulatorProcess.sleep(POLL);
        }
        throw new IllegalStateException("Table " + tableName + " not ACTIVE after " + activeTimeout.toMillis()
                + " ms (status: " + last + ")");
    }

    /** Waits until the stream is ACTIVE. */
    public void awaitStreamActive(String streamName) {
        long deadline = System.nanoTime() + activeTimeout.toNanos();
        String last = "not found";
        while (System.nanoTime() < deadline) {
            try {
                StreamStatus status = kinesis.describeStreamSummary(b -> b.streamName(streamName))
                        .streamDescriptionSummary().streamStatus();
                if (status == StreamStatus.ACTIVE) {
                    return;
                }
                last = String.valueOf(status);
            } catch (software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException notYet) {
                last = "not found";
            }
            EmulatorProcess.sleep(POLL);
        }
        throw new IllegalStateException("Stream " + streamName + " not ACTIVE after " + activeTimeout.toMillis()
                + " ms (status: " + last + ")");
    }
}
