package com.streamproc.tools.quarantine;

import com.streamproc.shared.dynamo.QuarantineKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One item of a quarantine table, as the shared core's {@code DynamoDbQuarantineWriter} writes it.
 *
 * @param sequenceNumber    the record's Kinesis sequence number (for a user record of a KPL aggregate, its
 *                          aggregate's)
 * @param subSequenceNumber the user record's index in its KPL aggregate, or {@code null} for a plain record
 * @param partitionKey      the record's partition key (a user record's own)
 * @param payload           the stored payload text (UTF-8 text, or base64 when {@code payloadEncoding} is base64); a
 *                          user record's own data, not its aggregate's
 * @param payloadTruncated  true when only the first part of the record was kept: such a record cannot be redriven
 */
public record QuarantinedItem(String shardId, String sequenceKey, String sequenceNumber, Long subSequenceNumber,
                              String partitionKey, String function, String arrivedAt, String quarantinedAt,
                              String reason, String detail, List<String> fieldReasons, String source, String payload,
                              String payloadEncoding, boolean payloadTruncated, Long payloadBytes) {

    public static QuarantinedItem fromItem(Map<String, AttributeValue> item) {
        AttributeValue reasons = item.get("fieldReasons");
        AttributeValue truncated = item.get("payloadTruncated");
        AttributeValue bytes = item.get("payloadBytes");
        AttributeValue sub = item.get("subSequenceNumber");
        return new QuarantinedItem(
                s(item, "shardId"), s(item, "sequenceKey"), s(item, "sequenceNumber"),
                sub != null && sub.n() != null ? Long.valueOf(sub.n()) : null, s(item, "partitionKey"),
                s(item, "function"), s(item, "arrivedAt"), s(item, "quarantinedAt"), s(item, "reason"),
                s(item, "detail"),
                reasons != null && reasons.hasL() ? reasons.l().stream().map(AttributeValue::s).toList() : List.of(),
                s(item, "source"), s(item, "payload"), s(item, "payloadEncoding"),
                truncated != null && Boolean.TRUE.equals(truncated.bool()),
                bytes != null && bytes.n() != null ? Long.valueOf(bytes.n()) : null);
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    /** The table key of this item. */
    public Map<String, AttributeValue> key() {
        return QuarantineKeys.tableKey(shardId, sequenceKey);
    }

    /**
     * How users name a quarantined record ({@code --record}): {@code shardId/sequenceNumber}, and for a user record
     * of a KPL aggregate {@code shardId/sequenceNumber.subSequenceNumber}.
     */
    public String id() {
        return shardId + "/" + sequenceNumber + (subSequenceNumber == null ? "" : "." + subSequenceNumber);
    }

    /** The record's original bytes; only meaningful when not {@link #payloadTruncated()}. */
    public byte[] payloadBytesDecoded() {
        String text = payload == null ? "" : payload;
        return "base64".equals(payloadEncoding) ? Base64.getDecoder().decode(text)
                : text.getBytes(StandardCharsets.UTF_8);
    }
}
