package com.streamproc.bench.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ConditionCheckTest {
    private static final Map<String, AttributeValue> STORED = Map.of("pk", AttributeValue.fromS("a"),
            "hwm", AttributeValue.fromS("0561"));

    @Test
    void attributeNotExistsHoldsWithoutAStoredItemOnly() {
        assertThat(ConditionCheck.holds("attribute_not_exists(#pk)", Map.of("#pk", "pk"), null, null)).isTrue();
        assertThat(ConditionCheck.holds("attribute_not_exists(#pk)", Map.of("#pk", "pk"), null, STORED)).isFalse();
        assertThat(ConditionCheck.holds("attribute_not_exists(other)", null, null, STORED)).isTrue();
    }

    @Test
    void attributeExistsIsTheOpposite() {
        assertThat(ConditionCheck.holds("attribute_exists(pk)", null, null, STORED)).isTrue();
        assertThat(ConditionCheck.holds("attribute_exists(pk)", null, null, null)).isFalse();
    }

    @Test
    void equalityComparesTheStoredAttributeWithTheValue() {
        Map<String, String> names = Map.of("#hwm", "hwm");

        assertThat(ConditionCheck.holds("#hwm = :read", names, Map.of(":read", AttributeValue.fromS("0561")), STORED))
                .isTrue();
        assertThat(ConditionCheck.holds("#hwm = :read", names, Map.of(":read", AttributeValue.fromS("0562")), STORED))
                .isFalse();
        assertThat(ConditionCheck.holds("#hwm = :read", names, Map.of(":read", AttributeValue.fromS("0561")), null))
                .isFalse();
    }

    @Test
    void aDisjunctionHoldsWhenEitherPartDoes() {
        Map<String, String> names = Map.of("#id", "pk", "#day", "day");
        String condition = "attribute_not_exists(#id) OR attribute_exists(#day)";

        assertThat(ConditionCheck.holds(condition, names, null, null)).isTrue();
        assertThat(ConditionCheck.holds(condition, names, null, STORED)).isFalse();
        assertThat(ConditionCheck.holds(condition, names, null, Map.of("pk", AttributeValue.fromS("p"),
                "day", AttributeValue.fromS("2026-01-01")))).isTrue();
    }

    @Test
    void noConditionAlwaysHolds() {
        assertThat(ConditionCheck.holds(null, null, null, STORED)).isTrue();
    }

    @Test
    void refusesExpressionsItDoesNotModel() {
        assertThatThrownBy(() -> ConditionCheck.holds("attribute_not_exists(pk) OR #e < :now", Map.of("#e", "e"),
                Map.of(":now", AttributeValue.fromN("1")), STORED))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ConditionCheck.holds("#x = :v", Map.of(), Map.of(":v", AttributeValue.fromN("1")),
                STORED)).isInstanceOf(IllegalArgumentException.class);
    }
}
