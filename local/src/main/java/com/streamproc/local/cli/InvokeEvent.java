package com.streamproc.local.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;

/**
 * What {@code invoke} refuses before it runs the function, as Lambda would refuse it, or as no Kinesis event source
 * mapping would ever send it:
 *
 * <ul>
 *   <li>an event over Lambda's synchronous request limit, 6 MB (6,291,456 bytes), with Lambda's own error
 *       ({@code RequestEntityTooLargeException}, HTTP 413);</li>
 *   <li>text that is not JSON;</li>
 *   <li>a batch ({@code Records}) with a record that is not a Kinesis record as Lambda delivers it: {@code kinesis}
 *       missing or null, or without {@code sequenceNumber}, {@code partitionKey} or base64 {@code data}. The function
 *       would fail on such a record with a NullPointerException; the mapping never sends one.</li>
 * </ul>
 */
final class InvokeEvent {
    /** Lambda's limit on a synchronous invocation's request (its payload). */
    static final int MAX_REQUEST_BYTES = 6 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private InvokeEvent() {
    }

    /** @throws LocalCli.UsageException saying what is wrong, naming the first bad record */
    static void check(byte[] event) {
        if (event.length > MAX_REQUEST_BYTES) {
            throw new LocalCli.UsageException(String.format("RequestEntityTooLargeException: Request must be smaller "
                    + "than %d bytes for the InvokeFunction operation (the event has %,d bytes; Lambda refuses it "
                    + "with HTTP 413 and never runs the function)", MAX_REQUEST_BYTES, event.length));
        }
        JsonNode root;
        try {
            root = JSON.readTree(event);
        } catch (JacksonException e) {
            throw new LocalCli.UsageException("the event is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // not thrown for an in-memory byte array
        }
        if (root == null || !root.isObject() || !root.has("Records")) {
            return;
        }
        JsonNode records = root.get("Records");
        if (!records.isArray()) {
            throw notKinesis("Records is " + kind(records) + ", not a list of records");
        }
        for (int i = 0; i < records.size(); i++) {
            String where = "Records[" + i + "]";
            JsonNode record = records.get(i);
            if (!record.isObject()) {
                throw notKinesis(where + " is " + kind(record) + ", not a record");
            }
            JsonNode kinesis = record.get("kinesis");
            if (kinesis == null || !kinesis.isObject()) {
                throw notKinesis(where + ".kinesis is " + kind(kinesis));
            }
            for (String field : new String[] {"sequenceNumber", "partitionKey", "data"}) {
                JsonNode value = kinesis.get(field);
                if (value == null || !value.isTextual() || (!field.equals("data") && value.asText().isEmpty())) {
                    throw notKinesis(where + ".kinesis." + field + " is " + kind(value)
                            + (field.equals("data") ? ", not base64 text" : ", not a non-empty string"));
                }
            }
            try {
                Base64.getDecoder().decode(kinesis.get("data").asText());
            } catch (IllegalArgumentException e) {
                throw notKinesis(where + ".kinesis.data is not base64: " + e.getMessage());
            }
        }
    }

    private static LocalCli.UsageException notKinesis(String problem) {
        return new LocalCli.UsageException("not a Kinesis event as Lambda delivers it: " + problem
                + " (the event source mapping never sends such a record; see events/ for examples)");
    }

    private static String kind(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "missing";
        }
        if (value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return value.asText().isEmpty() ? "empty" : "a string";
        }
        return value.isNumber() ? "a number" : value.isBoolean() ? "a boolean" : value.isArray() ? "a list"
                : value.isObject() ? "an object" : value.getNodeType().toString().toLowerCase();
    }
}
