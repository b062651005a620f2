package com.streamproc.shared.batch;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.streamproc.shared.decode.JsonRecordDecoder;
import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.decode.RecordDecoder;
import com.streamproc.shared.decode.RequiredFields;

/** A minimal event for testing the batch semantics: {"key":"k1","n":3}. */
record TestEvent(@JsonProperty(required = true) String key, @JsonProperty(required = true) int n) {
    TestEvent {
        RequiredFields.require(key, "key");
    }

    static String json(String key, int n) {
        return "{\"key\":\"" + key + "\",\"n\":" + n + "}";
    }

    /** Negative {@code n} breaks a business rule. */
    static RecordDecoder<TestEvent> decoder() {
        JsonRecordDecoder<TestEvent> json = new JsonRecordDecoder<>(TestEvent.class);
        return data -> {
            TestEvent event = json.decode(data);
            if (event.n() < 0) {
                throw new PoisonRecordException("NEGATIVE_N", "n must not be negative");
            }
            return event;
        };
    }
}
