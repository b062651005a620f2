package com.streamproc.cleansing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.shared.decode.EventJson;

/** Builds customer-record JSON for tests: a complete, valid record unless a test changes a field. */
final class CustomerRecordJson {
    private final ObjectNode node = EventJson.mapper().createObjectNode();

    private CustomerRecordJson(String sourceSystem, String sourceRecordId) {
        node.put("schemaVersion", 1);
        node.put("sourceSystem", sourceSystem);
        node.put("sourceRecordId", sourceRecordId);
        node.put("updatedAt", "2026-11-20T09:00:00Z");
        node.put("email", "jane.doe@example.com");
        node.put("phone", "+49 30 901820");
        node.put("fullName", "Jane Doe");
        node.put("country", "DE");
        node.put("birthDate", "1990-05-17");
    }

    static CustomerRecordJson record(String sourceSystem, String sourceRecordId) {
        return new CustomerRecordJson(sourceSystem, sourceRecordId);
    }

    static CustomerRecordJson record() {
        return record("crm", "c-1");
    }

    CustomerRecordJson with(String field, String value) {
        node.put(field, value);
        return this;
    }

    CustomerRecordJson with(String field, long value) {
        node.put(field, value);
        return this;
    }

    CustomerRecordJson withNode(String field, JsonNode value) {
        node.set(field, value);
        return this;
    }

    CustomerRecordJson withNull(String field) {
        node.putNull(field);
        return this;
    }

    CustomerRecordJson without(String field) {
        node.remove(field);
        return this;
    }

    String partitionKey() {
        return node.path("sourceSystem").asText() + ":" + node.path("sourceRecordId").asText();
    }

    String json() {
        return node.toString();
    }

    CustomerRecord toRecord() {
        try {
            return EventJson.mapper().treeToValue(node, CustomerRecord.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
