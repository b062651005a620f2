package com.streamproc.activity.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** An activity event as a test produces it; {@link #json()} is its wire form. */
public record TestActivity(String eventId, String userId, String action, Instant occurredAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String json() {
        ObjectNode node = JSON.createObjectNode();
        node.put("schemaVersion", 1);
        node.put("eventId", eventId);
        node.put("userId", userId);
        node.put("action", action);
        node.put("occurredAt", occurredAt.toString());
        node.put("sessionId", "s-" + userId);
        node.putObject("attributes").put("page", "/home").put("durationMs", 1200).put("mobile", true);
        return node.toString();
    }
}
