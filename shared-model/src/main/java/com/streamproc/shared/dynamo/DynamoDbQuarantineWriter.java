package com.streamproc.shared.dynamo;

import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.retry.FailureCause;
import com.streamproc.shared.retry.TransientRetry;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes poison records to a function's quarantine table with {@code BatchWriteItem}.
 *
 * <p>Item layout (the table and its indexes are declared in {@code sam-template.yaml}):
 * <ul>
 *   <li>key: {@code shardBucket} (hash: the shard and one of {@link QuarantineKeys#TABLE_BUCKETS} buckets derived from
 *       the record's identity, so that a poison flood on one shard spreads over several partitions),
 *       {@code sequenceKey} (range; {@link RecordRef#paddedSequence()}, so string order is stream order within a
 *       bucket; a user record of a KPL aggregate has its sub-sequence number in it). A replayed record overwrites
 *       its own item: one copy per record, and per user record. {@link QuarantineKeys#tableKey} computes the key of
 *       a named record.</li>
 *   <li>{@code shardId}; index keys {@code reasonBucket}, {@code dayBucket} and (when the source is known)
 *       {@code sourceBucket}: the value and one of {@link QuarantineKeys#INDEX_BUCKETS} buckets, the same bucket
 *       for the three.</li>
 *   <li>{@code sequenceNumber} (for a user record, its aggregate's), {@code subSequenceNumber} (only for a user
 *       record), {@code partitionKey} (a user record's own), {@code function}, {@code arrivedAt} (Kinesis arrival),
 *       {@code quarantinedAt}, {@code quarantineDay} (UTC {@code yyyy-MM-dd}), {@code reason}, {@code detail},
 *       {@code fieldReasons} (list, when the function gave any), {@code source} (when known)</li>
 *   <li>{@code payload}: the raw data (a user record's own data, not its aggregate's), as text when it is valid UTF-8 ({@code payloadEncoding = utf-8}), else as
 *       base64 ({@code base64}); cut to {@code maxPayloadBytes} ({@code payloadTruncated}) to stay far below
 *       DynamoDB's 400 KB item limit. {@code payloadBytes} is the original size.</li>
 *   <li>{@code expiresAt}: epoch seconds for the table's TTL. The quarantine is the only place raw values stay,
 *       and only until then.</li>
 * </ul>
 * Indexes: {@code byReason} (reasonBucket, quarantinedAt), {@code byDay} (dayBucket, quarantinedAt) and
 * {@code bySource} (sourceBucket, quarantinedAt), each projecting only {@code reason} and {@code source} besides the
 * keys: the payload is written once, to the table, and a reader gets whole items by key. The payload is cut to
 * {@code maxPayloadBytes} (64 KB by default): a stored item costs at most 65 write units.
 */
public final class DynamoDbQuarantineWriter implements QuarantineWriter {
    /** Default cap on the stored copy of a payload. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;

    private final String tableName;
    private final String functionName;
    private final Duration timeToLive;
    private final int maxPayloadBytes;
    private final Clock clock;
    private final DynamoBatchWriter batchWriter;

    public DynamoDbQuarantineWriter(DynamoDbClient dynamoDb, String tableName, String functionName,
                                    Duration timeToLive, int maxPayloadBytes, Clock clock) {
        this.tableName = tableName;
        this.functionName = functionName;
        this.timeToLive = timeToLive;
        this.maxPayloadBytes = maxPayloadBytes;
        this.clock = clock;
        this.batchWriter = new DynamoBatchWriter(dynamoDb);
    }

    @Override
    public Result write(List<QuarantinedRecord> records, TransientRetry retry) {
        if (records.isEmpty()) {
            return new Result(Set.of(), null);
        }
        Instant now = clock.instant();
        // One request per record key: a batch cannot hold two puts of the same key (a record listed twice).
        Map<RecordRef, WriteRequest> byRef = new HashMap<>();
        Map<RecordRef, QuarantinedRecord> recordOf = new HashMap<>();
        Map<WriteRequest, RecordRef> refOf = new IdentityHashMap<>();
        for (QuarantinedRecord record : records) {
            if (!byRef.containsKey(record.ref())) {
                WriteRequest request = WriteRequest.builder()
                        .putRequest(PutRequest.builder().item(item(record, now)).build()).build();
                byRef.put(record.ref(), request);
                recordOf.put(record.ref(), record);
                refOf.put(request, record.ref());
            }
        }
        DynamoBatchWriter.Outcome outcome = batchWriter.writeEach(tableName, new ArrayList<>(byRef.values()), retry);
        Set<RecordRef> written = new HashSet<>(byRef.keySet());
        outcome.unwritten().forEach(request -> written.remove(refOf.get(request)));
        Throwable failure = outcome.lastFailure();
        if (!outcome.rejected().isEmpty()) {
            // DynamoDB refuses these items (a value it cannot hold): keep the record with only what the core
            // produced itself, so that its content cannot stop the shard.
            List<WriteRequest> minimal = new ArrayList<>();
            Map<WriteRequest, RecordRef> minimalRef = new IdentityHashMap<>();
            for (DynamoBatchWriter.Rejection rejection : outcome.rejected()) {
                RecordRef ref = refOf.get(rejection.request());
                WriteRequest request = WriteRequest.builder().putRequest(PutRequest.builder()
                        .item(minimalItem(recordOf.get(ref), rejection.failure(), now)).build()).build();
                minimal.add(request);
                minimalRef.put(request, ref);
            }
            DynamoBatchWriter.Outcome fallback = batchWriter.writeEach(tableName, minimal, retry);
            fallback.unwritten().forEach(request -> written.remove(minimalRef.get(request)));
            fallback.rejected().forEach(rejection -> written.remove(minimalRef.get(rejection.request())));
            if (fallback.lastFailure() != null) {
                failure = fallback.lastFailure();
            }
        }
        return new Result(written, written.size() == byRef.size() ? null : failure);
    }

    /**
     * The item kept for a record whose full item DynamoDB refused: its key, reason code and times, none of the
     * record's own values (payload, partition key, source, detail), and why the full item was refused
     * ({@code itemRefused}).
     */
    Map<String, AttributeValue> minimalItem(QuarantinedRecord record, RuntimeException refusal, Instant now) {
        RecordRef ref = record.ref();
        Map<String, AttributeValue> item = new HashMap<>();
        putKeys(item, ref, now, record.reason().reasonCode());
        item.put("sequenceNumber", s(ref.sequenceNumber()));
        putSubSequence(item, ref);
        item.put("function", s(functionName));
        item.put("arrivedAt", s(ref.arrivedAt().toString()));
        item.put("itemRefused", s(FailureCause.of(refusal).describe()));
        item.put("detail", s("the full quarantine item was refused; read the record from the stream by its"
                + " sequence number while the stream retains it"));
        item.put("payloadBytes", AttributeValue.fromN(Integer.toString(ref.sizeBytes())));
        item.put("payloadTruncated", AttributeValue.fromBool(true));
        item.put("payloadEncoding", s("none"));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(now.plus(timeToLive).getEpochSecond())));
        return item;
    }

    /** Builds the stored item; package-private for tests. */
    Map<String, AttributeValue> item(QuarantinedRecord record, Instant now) {
        RecordRef ref = record.ref();
        Map<String, AttributeValue> item = new HashMap<>();
        putKeys(item, ref, now, record.reason().reasonCode());
        item.put("sequenceNumber", s(ref.sequenceNumber()));
        putSubSequence(item, ref);
        item.put("partitionKey", s(ref.partitionKey()));
        item.put("function", s(functionName));
        item.put("arrivedAt", s(ref.arrivedAt().toString()));
        if (!record.reason().detail().isEmpty()) {
            item.put("detail", s(record.reason().detail()));
        }
        if (!record.reason().fieldReasons().isEmpty()) {
            item.put("fieldReasons", AttributeValue.fromL(record.reason().fieldReasons().stream().map(DynamoDbQuarantineWriter::s).toList()));
        }
        if (record.source() != null && !record.source().isBlank()) {
            item.put("source", s(record.source()));
            item.put(QuarantineKeys.SOURCE_HASH, s(QuarantineKeys.indexValue(record.source(),
                    QuarantineKeys.indexBucket(ref.shardId(), ref.paddedSequence()))));
        }
        ByteBuffer payload = record.payload().duplicate();
        int size = payload.remaining();
        item.put("payloadBytes", AttributeValue.fromN(Integer.toString(size)));
        boolean truncated = size > maxPayloadBytes;
        if (truncated) {
            payload.limit(payload.position() + maxPayloadBytes);
        }
        item.put("payloadTruncated", AttributeValue.fromBool(truncated));
        String text = utf8OrNull(payload.duplicate());
        if (text != null) {
            item.put("payloadEncoding", s("utf-8"));
            if (!text.isEmpty()) {
                item.put("payload", s(text));
            }
        } else {
            item.put("payloadEncoding", s("base64"));
            item.put("payload", s(Base64.getEncoder().encodeToString(SdkBytes.fromByteBuffer(payload).asByteArray())));
        }
        item.put("expiresAt", AttributeValue.fromN(Long.toString(now.plus(timeToLive).getEpochSecond())));
        return item;
    }

    /** The table key, the record's shard, its times and reason, and the index keys of its day and reason. */
    private static void putKeys(Map<String, AttributeValue> item, RecordRef ref, Instant now, String reason) {
        String sequenceKey = ref.paddedSequence();
        int bucket = QuarantineKeys.indexBucket(ref.shardId(), sequenceKey);
        String day = now.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        item.put(QuarantineKeys.TABLE_HASH, s(QuarantineKeys.shardBucket(ref.shardId(), sequenceKey)));
        item.put(QuarantineKeys.TABLE_RANGE, s(sequenceKey));
        item.put("shardId", s(ref.shardId()));
        item.put("quarantinedAt", s(now.toString()));
        item.put("quarantineDay", s(day));
        item.put("reason", s(reason));
        item.put(QuarantineKeys.DAY_HASH, s(QuarantineKeys.indexValue(day, bucket)));
        item.put(QuarantineKeys.REASON_HASH, s(QuarantineKeys.indexValue(reason, bucket)));
    }

    private static void putSubSequence(Map<String, AttributeValue> item, RecordRef ref) {
        if (ref.subSequenceNumber() != null) {
            item.put("subSequenceNumber", AttributeValue.fromN(Long.toString(ref.subSequenceNumber())));
        }
    }

    private static String utf8OrNull(ByteBuffer bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
