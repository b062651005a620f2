package com.streamproc.cleansing;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.streamproc.shared.decode.RequiredFields;

/**
 * One customer record as a source system sends it (contract version 1). Partition key:
 * {@code sourceSystem + ":" + sourceRecordId}.
 *
 * <p>The first four fields are required. {@code schemaVersion} (a JSON integer) and the identifiers (JSON strings)
 * are bound strictly by the shared decoder: no coercion from another JSON type. {@code updatedAt} and the optional
 * fields are kept as raw JSON: they may be strings or numbers in any of the formats the normalisers read, and a value
 * of the wrong JSON type (an object, say) makes only that field unusable instead of rejecting the whole record.
 */
public record CustomerRecord(
        @JsonProperty(required = true) Integer schemaVersion,
        @JsonProperty(required = true) String sourceSystem,
        @JsonProperty(required = true) String sourceRecordId,
        @JsonProperty(required = true) JsonNode updatedAt,
        JsonNode email,
        JsonNode phone,
        JsonNode fullName,
        JsonNode country,
        JsonNode birthDate) {

    public static final int SCHEMA_VERSION = 1;

    public CustomerRecord {
        RequiredFields.require(schemaVersion, "schemaVersion");
        RequiredFields.require(sourceSystem, "sourceSystem");
        RequiredFields.require(sourceRecordId, "sourceRecordId");
        if (updatedAt == null || updatedAt.isNull() || updatedAt.isMissingNode()) {
            throw new IllegalArgumentException("missing required field updatedAt");
        }
    }

    /** {@code "system:recordId"}: the record's identity, its Kinesis partition key, and the merge tie-break. */
    public String sourceKey() {
        return sourceSystem + ":" + sourceRecordId;
    }
}
