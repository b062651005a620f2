package com.streamproc.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Streams and tables exactly as the team brief specifies them: the functions' code and the emulator-backed
 * integration tests (which create the tables from this template) depend on these names and keys.
 */
class TableAndStreamLayoutTest {
    private static final SamTemplate TEMPLATE = ProjectFiles.template();
    private static final String QUARANTINE_LAYOUT =
            "shardBucket/sequenceKey; byReason=reasonBucket/quarantinedAt:INCLUDE[reason,source];"
                    + " byDay=dayBucket/quarantinedAt:INCLUDE[reason,source];"
                    + " bySource=sourceBucket/quarantinedAt:INCLUDE[reason,source]; ttl=expiresAt";

    static Stream<Arguments> tables() {
        return Stream.of(
                Arguments.of("OrdersTable", "orders", "orderId; byCustomer=customerBucket/placedAt:KEYS_ONLY;"
                        + " byChangeDay=changeDayBucket:KEYS_ONLY"),
                Arguments.of("ActivityTable", "activity", "pk/sk; byActiveDay=activeDay/pk:KEYS_ONLY; ttl=expiresAt"),
                Arguments.of("CustomersTable", "customers", "customerKey; byPhone=phone/customerKey:KEYS_ONLY"),
                Arguments.of("OrdersQuarantineTable", "orders-quarantine", QUARANTINE_LAYOUT),
                Arguments.of("ActivityQuarantineTable", "activity-quarantine", QUARANTINE_LAYOUT),
                Arguments.of("CleansingQuarantineTable", "cleansing-quarantine", QUARANTINE_LAYOUT));
    }

    @ParameterizedTest
    @MethodSource("tables")
    void tableHasTheBriefsNameKeysIndexesAndTtl(String logicalId, String name, String layout) {
        Map<String, Object> table = TEMPLATE.properties(logicalId);

        assertThat(TEMPLATE.typeOf(logicalId)).isEqualTo("AWS::DynamoDB::Table");
        assertThat(table.get("TableName")).isEqualTo(Map.of("Fn::Sub", "${EnvironmentName}-" + name));
        assertThat(layoutOf(table)).isEqualTo(layout);
    }

    @ParameterizedTest
    @MethodSource("tables")
    void tableIsOnDemandRecoverableAndEncrypted(String logicalId, String name, String layout) {
        Map<String, Object> table = TEMPLATE.properties(logicalId);

        assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        assertThat(table.get("PointInTimeRecoverySpecification")).isEqualTo(Map.of("PointInTimeRecoveryEnabled", true));
        assertThat(table.get("SSESpecification")).isEqualTo(Map.of("SSEEnabled", true));
    }

    @ParameterizedTest
    @MethodSource("tables")
    void everyAttributeDefinitionIsAKeyAndEveryKeyIsDefinedAsString(String logicalId, String name, String layout) {
        // CloudFormation rejects attribute definitions that no key schema uses.
        Map<String, Object> table = TEMPLATE.properties(logicalId);
        Set<String> keyAttributes = new TreeSet<>();
        keyAttributes.addAll(keyNames(table.get("KeySchema")));
        for (Object index : list(table.get("GlobalSecondaryIndexes"))) {
            keyAttributes.addAll(keyNames(SamTemplate.asMap(index).get("KeySchema")));
        }
        Map<String, Object> definitions = new LinkedHashMap<>();
        for (Object definition : list(table.get("AttributeDefinitions"))) {
            Map<String, Object> d = SamTemplate.asMap(definition);
            definitions.put((String) d.get("AttributeName"), d.get("AttributeType"));
        }

        assertThat(definitions.keySet()).containsExactlyInAnyOrderElementsOf(keyAttributes);
        assertThat(definitions.values()).containsOnly("S");
    }

    @Test
    void streamsHaveTheBriefsNamesAndAreEncrypted() {
        Map<String, String> streams = Map.of("OrdersStream", "orders", "ActivityStream", "activity",
                "CustomerRecordsStream", "customer-records");

        assertThat(TEMPLATE.logicalIdsOfType("AWS::Kinesis::Stream")).containsExactlyInAnyOrderElementsOf(streams.keySet());
        streams.forEach((id, name) -> {
            Map<String, Object> stream = TEMPLATE.properties(id);
            assertThat(stream.get("Name")).isEqualTo(Map.of("Fn::Sub", "${EnvironmentName}-" + name));
            assertThat(stream.get("StreamEncryption"))
                    .isEqualTo(Map.of("EncryptionType", "KMS", "KeyId", "alias/aws/kinesis"));
            assertThat(stream.get("StreamModeDetails")).isEqualTo(Map.of("StreamMode", Map.of("Ref", "StreamMode")));
            // On-demand streams must not set a shard count.
            assertThat(stream.get("ShardCount")).isEqualTo(Map.of("Fn::If",
                    List.of("IsProvisioned", Map.of("Ref", "ShardCount"), Map.of("Ref", "AWS::NoValue"))));
        });
    }

    @Test
    void environmentNameDefaultsToLocalAndIsConstrained() {
        Map<String, Object> parameter = SamTemplate.asMap(
                SamTemplate.asMap(TEMPLATE.root().get("Parameters")).get("EnvironmentName"));

        assertThat(parameter.get("Default")).isEqualTo("local");
        assertThat(parameter.get("AllowedPattern")).isNotNull();
        assertThat("local").matches((String) parameter.get("AllowedPattern"));
        assertThat("Prod_1").doesNotMatch((String) parameter.get("AllowedPattern"));
    }

    /** A one-line summary: hash[/range]; index=hash/range:projection[include]...; ttl=attribute. */
    private static String layoutOf(Map<String, Object> table) {
        List<String> parts = new ArrayList<>();
        parts.add(String.join("/", keyNames(table.get("KeySchema"))));
        for (Object item : list(table.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> index = SamTemplate.asMap(item);
            Map<String, Object> projection = SamTemplate.asMap(index.get("Projection"));
            String included = projection.containsKey("NonKeyAttributes")
                    ? list(projection.get("NonKeyAttributes")).toString().replace(" ", "") : "";
            parts.add(index.get("IndexName") + "=" + String.join("/", keyNames(index.get("KeySchema"))) + ":"
                    + projection.get("ProjectionType") + included);
        }
        Object ttl = table.get("TimeToLiveSpecification");
        if (ttl != null) {
            Map<String, Object> spec = SamTemplate.asMap(ttl);
            assertThat(spec.get("Enabled")).isEqualTo(true);
            parts.add("ttl=" + spec.get("AttributeName"));
        }
        return String.join("; ", parts);
    }

    /** Key attribute names, HASH first. */
    private static List<String> keyNames(Object keySchema) {
        List<String> names = new ArrayList<>();
        for (Object key : list(keySchema)) {
            Map<String, Object> k = SamTemplate.asMap(key);
            names.add("HASH".equals(k.get("KeyType")) ? 0 : names.size(), (String) k.get("AttributeName"));
        }
        return names;
    }

    private static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }
}
