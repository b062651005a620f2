package com.streamproc.e2e.model;

import com.streamproc.cleansing.CleansingReasons;
import com.streamproc.cleansing.DataCleansingDescriptor;
import com.streamproc.cleansing.merge.Customer;
import com.streamproc.cleansing.merge.CustomerField;
import com.streamproc.cleansing.query.CustomerQueries;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.cleansing.traffic.CustomerTraffic;
import com.streamproc.e2e.generate.CustomerIntent;
import com.streamproc.e2e.generate.Delivered;
import com.streamproc.e2e.generate.HostileRecords;
import com.streamproc.e2e.generate.Poison;
import com.streamproc.e2e.generate.Produced;
import com.streamproc.e2e.reference.CustomerReference;
import com.streamproc.e2e.verify.CustomerStateCheck;
import com.streamproc.e2e.verify.Mismatches;
import com.streamproc.shared.traffic.TrafficRecord;
import com.streamproc.shared.traffic.TrafficShape;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Data cleansing: customers merged from their source records, newest statement per field. */
public final class CustomerModel implements EndToEndModel<CustomerIntent> {

    @Override
    public String functionName() {
        return DataCleansingDescriptor.NAME;
    }

    /** What a customer record can be broken by for certain: its ids, its schema version, its time. */
    public static final HostileRecords.Targets HOSTILE_TARGETS = new HostileRecords.Targets(
            List.of("sourceSystem", "sourceRecordId"), "schemaVersion", "v", "updatedAt");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DROPPED = "dropped.";

    /**
     * The stream of the function's own generator at the suite's shape: mostly edge cases (versions over 280 days in
     * any order, ties, every rendering and unusable field, every reason code), 12 % producer retries, the rest its
     * everyday records; then the suite's hostile records scattered over it.
     */
    @Override
    public List<Produced<CustomerIntent>> generate(long seed, int scale) {
        Random random = new Random(seed * 31 + 3);
        return HostileRecords.streamOf(new CustomerTraffic().traffic(shape(seed, scale)).records(),
                CustomerModel::intent, (record, intent) -> !record.expectedPoison(), random,
                (i, sourceKey) -> hostile(random, seed, i, sourceKey));
    }

    /** About 140 records per unit of scale. */
    public static TrafficShape shape(long seed, int scale) {
        CustomerTraffic traffic = new CustomerTraffic();
        return traffic.typical(140 * scale, seed).withRun("s" + Math.abs(seed % 100_000))
                .withTimes(Instant.parse("2025-01-01T00:00:00Z"), Duration.ofDays(280))
                .withShares(0.12, 0.3, 0.15, 0.05).withEdgeShare(0.8);
    }

    /** The intent from what the generator states: the reference models start from it, never from the bytes. */
    private static CustomerIntent intent(TrafficRecord record) {
        Map<String, String> stated = record.stated();
        if (record.expectedPoison()) {
            return new CustomerIntent.Poison(record.expected(), stated.get("customerKey"));
        }
        Map<String, String> values = new HashMap<>();
        Map<String, String> drops = new HashMap<>();
        stated.forEach((name, value) -> {
            if (name.startsWith(DROPPED)) {
                drops.put(name.substring(DROPPED.length()), value);
            } else if (!Set.of("customerKey", "source", "updatedAt").contains(name)) {
                values.put(name, value);
            }
        });
        return new CustomerIntent.Valid(stated.get("customerKey"), stated.get("source"),
                Instant.parse(stated.get("updatedAt")), values, drops);
    }

    /**
     * A hostile record ({@link HostileRecords}), mostly under the key of a source record of the stream, with an
     * e-mail of its own: had it been accepted, its customer would exist.
     */
    private static Produced<CustomerIntent> hostile(Random random, long seed, int i, String sourceKey) {
        int colon = sourceKey.indexOf(':');
        String email = "hostile" + i + ".s" + Math.abs(seed % 100_000) + "@example.com";
        ObjectNode json = JSON.createObjectNode().put("schemaVersion", 1)
                .put("sourceSystem", sourceKey.substring(0, colon)).put("sourceRecordId", sourceKey.substring(colon + 1))
                .put("updatedAt", "2025-06-01T10:00:00Z").put("email", email).put("fullName", "Hostile " + i);
        HostileRecords.Made made = HostileRecords.of(random, json, sourceKey, HOSTILE_TARGETS);
        return new Produced<>(made.partitionKey(), made.data(),
                new CustomerIntent.Poison(Poison.ANY_REASON, "EMAIL#" + email));
    }

    @Override
    public boolean isPoison(CustomerIntent intent) {
        return intent instanceof CustomerIntent.Poison;
    }

    @Override
    public Verdict verify(List<Delivered<CustomerIntent>> delivered, DynamoDbClient dynamoDb, String table) {
        CustomerReference reference = CustomerReference.of(delivered);
        Set<String> absentKeys = new TreeSet<>();
        delivered.forEach(d -> {
            if (d.intent() instanceof CustomerIntent.Poison poison && poison.keyIfAccepted() != null) {
                absentKeys.add(poison.keyIfAccepted());
            }
        });
        Mismatches mismatches = CustomerStateCheck.compare(reference, new CustomerQueries(dynamoDb, table),
                absentKeys);
        // A source record's versions are no duplicates: only the producer's byte-for-byte resends are.
        return new Verdict(reference.poison(), Delivered.resent(delivered), mismatches);
    }

    @Override
    public Set<String> reasonCodes() {
        return ReasonCodeConstants.withShared(CleansingReasons.class);
    }

    @Override
    public Optional<String> acceptedRecordProblem(DynamoDbClient dynamoDb, String table, String id,
                                                  Map<String, String> checks) {
        String key = checks.getOrDefault("customerKey", "EMAIL#c-" + id + "@example.com");
        Optional<Customer> customer = new CustomerQueries(dynamoDb, table).byKey(key);
        if (customer.isEmpty()) {
            return Optional.of("customer " + key + " was not stored");
        }
        for (CustomerField field : CustomerField.values()) {
            String expected = checks.get(field.attribute());
            if (expected != null && !expected.equals(customer.get().value(field))) {
                return Optional.of(field.attribute() + " stored as " + customer.get().value(field)
                        + ", expected " + expected);
            }
        }
        return Optional.empty();
    }
}
