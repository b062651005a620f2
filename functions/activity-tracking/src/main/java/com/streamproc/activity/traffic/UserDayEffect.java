package com.streamproc.activity.traffic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.shared.traffic.RecordEffect;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where an activity event shows once applied: its user-day item ({@code USER#<userId>} / {@code DAY#<day>}, the UTC
 * day of {@code occurredAt}) holds the event id's hash among its recent events ({@code ids}: the first 8 bytes of
 * its SHA-256, as {@code RecentEvents} keeps them; a duplicate shows as its original), or the item's mark for the
 * record's shard ({@code hwm}) has reached the record (it was decided).
 */
record UserDayEffect(Map<String, AttributeValue> itemKey, String eventId) implements RecordEffect {
    private static final int HASH_BYTES = 8;

    static RecordEffect of(ObjectNode event) {
        String userId = event.path("userId").asText("");
        String day = ActivityTraffic.utcDay(event.path("occurredAt").asText(""));
        if (userId.isEmpty() || day == null) {
            return RecordEffect.none();
        }
        return new UserDayEffect(Map.of("pk", AttributeValue.fromS("USER#" + userId),
                "sk", AttributeValue.fromS("DAY#" + day)), event.path("eventId").asText());
    }

    @Override
    public boolean shownBy(Map<String, AttributeValue> item, String shardId, String sequenceNumber) {
        AttributeValue marks = item.get("hwm");
        if (marks != null && marks.hasM() && marks.m().containsKey(shardId)
                && marks.m().get(shardId).s().compareTo(padded(sequenceNumber)) >= 0) {
            return true;
        }
        AttributeValue ids = item.get("ids");
        if (ids == null || ids.b() == null) {
            return false;
        }
        byte[] hash = hash(eventId);
        byte[] entries = ids.b().asByteArray();
        for (int i = 0; i + HASH_BYTES <= entries.length; i += HASH_BYTES) {
            if (Arrays.equals(entries, i, i + HASH_BYTES, hash, 0, HASH_BYTES)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] hash(String eventId) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256")
                    .digest(eventId.getBytes(StandardCharsets.UTF_8)), HASH_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sequence number as the marks store it: three digits of length, then the digits without leading zeros. */
    private static String padded(String sequenceNumber) {
        String digits = new BigInteger(sequenceNumber).toString();
        return String.format(Locale.ROOT, "%03d", digits.length()) + digits;
    }
}
