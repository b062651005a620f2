package com.streamproc.e2e.model;

import com.streamproc.cleansing.CleansingReasons;
import com.streamproc.cleansing.DataCleansingDescriptor;
import com.streamproc.cleansing.merge.Customer;
import com.streamproc.cleansing.merge.CustomerField;
import com.streamproc.cleansing.query.CustomerQueries;
import com.streamproc.e2e.generate.CustomerIntent;
import com.streamproc.e2e.generate.CustomerStreamGenerator;
import com.streamproc.e2e.generate.Delivered;
import com.streamproc.e2e.generate.Produced;
import com.streamproc.e2e.reference.CustomerReference;
import com.streamproc.e2e.verify.CustomerStateCheck;
import com.streamproc.e2e.verify.Mismatches;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Data cleansing: customers merged from their source records, newest statement per field. */
public final class CustomerModel implements EndToEndModel<CustomerIntent> {

    @Override
    public String functionName() {
        return DataCleansingDescriptor.NAME;
    }

    @Override
    public List<Produced<CustomerIntent>> generate(long seed, int scale) {
        return CustomerStreamGenerator.generate(seed, Math.min(CustomerStreamGenerator.MAX_PEOPLE, 28 * scale));
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
