package com.streamproc.activity.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** How often an action occurred (in a user-day), and when first and last (to the millisecond). */
public record ActionStats(long count, Instant firstSeen, Instant lastSeen) {
    public ActionStats {
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    public static ActionStats once(Instant at) {
        return new ActionStats(1, at, at);
    }

    public ActionStats plus(ActionStats other) {
        return new ActionStats(count + other.count,
                firstSeen.isBefore(other.firstSeen) ? firstSeen : other.firstSeen,
                lastSeen.isAfter(other.lastSeen) ? lastSeen : other.lastSeen);
    }

    AttributeValue toAttribute() {
        return AttributeValue.fromM(Map.of(
                "count", AttributeValue.fromN(Long.toString(count)),
                "firstSeen", AttributeValue.fromS(ActivityTimes.seenText(firstSeen)),
                "lastSeen", AttributeValue.fromS(ActivityTimes.seenText(lastSeen))));
    }

    static ActionStats fromAttribute(AttributeValue value) {
        Map<String, AttributeValue> m = value.m();
        return new ActionStats(Long.parseLong(m.get("count").n()),
                ActivityTimes.parseSeen(m.get("firstSeen").s()), ActivityTimes.parseSeen(m.get("lastSeen").s()));
    }
}
