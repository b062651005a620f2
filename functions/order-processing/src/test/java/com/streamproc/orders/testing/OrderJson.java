package com.streamproc.orders.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/** Builds order events as the producers write them (the JSON of the event contract). */
public final class OrderJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String DEFAULT_TIME = "2026-11-27T10:00:00+01:00";

    private final ObjectNode node = JSON.createObjectNode();

    private OrderJson(String type, String eventId, String orderId) {
        node.put("schemaVersion", 1);
        node.put("eventId", eventId);
        node.put("type", type);
        node.put("orderId", orderId);
        node.put("occurredAt", DEFAULT_TIME);
    }

    public static OrderJson event(String type, String eventId, String orderId) {
        return new OrderJson(type, eventId, orderId);
    }

    /** ORDER_PLACED with one line of quantity 1 at {@code total}. */
    public static OrderJson placed(String eventId, String orderId, String customerId, String currency, String total) {
        return event("ORDER_PLACED", eventId, orderId).with("customerId", customerId).with("currency", currency)
                .item("sku-1", 1, total).with("total", total);
    }

    public static OrderJson captured(String eventId, String orderId, String currency, String amount) {
        return event("PAYMENT_CAPTURED", eventId, orderId).with("currency", currency).with("amount", amount);
    }

    public static OrderJson refunded(String eventId, String orderId, String currency, String amount) {
        return event("ORDER_REFUNDED", eventId, orderId).with("currency", currency).with("amount", amount);
    }

    public static OrderJson shipped(String eventId, String orderId) {
        return event("ORDER_SHIPPED", eventId, orderId);
    }

    public static OrderJson delivered(String eventId, String orderId) {
        return event("ORDER_DELIVERED", eventId, orderId);
    }

    public static OrderJson cancelled(String eventId, String orderId) {
        return event("ORDER_CANCELLED", eventId, orderId);
    }

    public OrderJson with(String field, String value) {
        node.put(field, value);
        return this;
    }

    public OrderJson withNumber(String field, String decimal) {
        node.put(field, new BigDecimal(decimal));
        return this;
    }

    public OrderJson without(String field) {
        node.remove(field);
        return this;
    }

    public OrderJson at(String occurredAt) {
        return with("occurredAt", occurredAt);
    }

    /** Adds a line; a new {@code items} array on first use. */
    public OrderJson item(String sku, int quantity, String unitPrice) {
        ArrayNode items = node.has("items") ? (ArrayNode) node.get("items") : node.putArray("items");
        ObjectNode item = items.addObject();
        item.put("sku", sku);
        item.put("quantity", quantity);
        item.put("unitPrice", unitPrice);
        return this;
    }

    /** Replaces the lines with none at all. */
    public OrderJson noItems() {
        node.putArray("items");
        return this;
    }

    public ObjectNode node() {
        return node;
    }

    public String json() {
        return node.toString();
    }

    @Override
    public String toString() {
        return json();
    }
}
