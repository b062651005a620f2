package com.streamproc.activity.store;

import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The primary key of an item in the activity table. */
public record ItemKey(String pk, String sk) implements Comparable<ItemKey> {
    public ItemKey {
        Objects.requireNonNull(pk, "pk");
        Objects.requireNonNull(sk, "sk");
    }

    /** The key of a stored item (or of a DynamoDB key map). */
    public static ItemKey of(Map<String, AttributeValue> item) {
        return new ItemKey(item.get(ActivityTableLayout.PK).s(), item.get(ActivityTableLayout.SK).s());
    }

    public Map<String, AttributeValue> toKeyMap() {
        return Map.of(ActivityTableLayout.PK, AttributeValue.fromS(pk), ActivityTableLayout.SK, AttributeValue.fromS(sk));
    }

    @Override
    public int compareTo(ItemKey other) {
        int byPk = pk.compareTo(other.pk);
        return byPk != 0 ? byPk : sk.compareTo(other.sk);
    }
}
