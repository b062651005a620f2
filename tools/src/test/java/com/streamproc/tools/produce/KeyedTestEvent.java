package com.streamproc.tools.produce;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.streamproc.shared.decode.RequiredFields;

/** A minimal contract for producer tests: a required {@code key}, which is also the partition key. */
public record KeyedTestEvent(@JsonProperty(required = true) String key, String note) {
    public KeyedTestEvent {
        RequiredFields.require(key, "key");
    }
}
