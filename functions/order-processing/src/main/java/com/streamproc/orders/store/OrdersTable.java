package com.streamproc.orders.store;

import com.streamproc.orders.domain.MoneyMovement;
import com.streamproc.orders.domain.Order;
import com.streamproc.orders.domain.OrderEventType;
import com.streamproc.orders.domain.OrderStatus;
import com.streamproc.shared.dynamo.WriteShards;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The layout of the orders table (declared in {@code sam-template.yaml} as {@code OrdersTable}) and the mapping
 * between an {@link Order} and its item. One item per order, key {@code orderId}; and status-change items
 * ({@link StatusChanges}), key {@code orderId} = {@code CHANGES#...}, which only the index {@code byChangeDay}
 * holds.
 *
 * <p>Instants are stored as fixed-width UTC text with milliseconds ({@code 2026-11-27T10:00:00.000Z}) so that
 * string order is time order in the index range keys.
 *
 * <p>What each index costs: {@code byCustomer} holds keys only, and its keys ({@code customerBucket},
 * {@code placedAt}) never change after the placement, so an order is written to it once; {@code byChangeDay}
 * holds keys only and indexes the status-change items alone (order items have no {@code changeDayBucket}), one
 * per batch and day. Both hash keys are write-sharded ({@link WriteShards}): a day, or a customer placing many
 * orders, would otherwise take more than one partition's 1,000 write units per second on a large stream.
 */
public final class OrdersTable {
    public static final String ORDER_ID = "orderId";
    public static final String STATUS = "status";
    public static final String CUSTOMER_ID = "customerId";
    public static final String CURRENCY = "currency";
    public static final String TOTAL_MINOR = "totalMinor";
    public static final String PLACED_AT = "placedAt";
    public static final String UPDATED_AT = "updatedAt";
    public static final String STATUS_AT = "statusAt";
    public static final String LAST_EVENT_ID = "lastEventId";
    public static final String LAST_EVENT_TYPE = "lastEventType";
    public static final String APPLIED_EVENT_IDS = "appliedEventIds";
    public static final String REJECTED_RECORDS = "rejectedRecords";
    public static final String VERSION = "version";
    public static final String CAPTURED_MINOR = "capturedMinor";
    public static final String CAPTURED_AT = "capturedAt";
    public static final String REFUNDED_MINOR = "refundedMinor";
    public static final String REFUNDED_AT = "refundedAt";

    /** The UTC day of a status-change item. */
    public static final String CHANGE_DAY = "changeDay";
    /** The hash key of {@code byChangeDay}: the day and a bucket ({@link #CHANGE_DAY_BUCKETS}) of the item's key. */
    public static final String CHANGE_DAY_BUCKET = "changeDayBucket";
    /** The hash key of {@code byCustomer}: the customer and a bucket ({@link #CUSTOMER_BUCKETS}) of the order. */
    public static final String CUSTOMER_BUCKET = "customerBucket";
    /**
     * Partitions of a day in {@code byChangeDay}: every batch of every shard writes one item per day, so one day
     * alone would take 10 items/s per shard (1,000 write units/s at 100 shards).
     */
    public static final int CHANGE_DAY_BUCKETS = 16;
    /** Partitions of a customer in {@code byCustomer}, so that one busy customer's placements spread. */
    public static final int CUSTOMER_BUCKETS = 8;
    /** A status-change item's orders, by the status they reached: a map of status name → string set. */
    public static final String CHANGES = "changes";

    /**
     * Orders of a customer, newest first: {@code customerBucket} = each of {@code c#0..7},
     * {@code ScanIndexForward=false}, merged by {@code placedAt}; keys only.
     */
    public static final String BY_CUSTOMER = "byCustomer";
    /** Status-change items of a UTC day: {@code changeDayBucket} = each of {@code 2026-11-27#0..15}; keys only. */
    public static final String BY_CHANGE_DAY = "byChangeDay";

    private static final DateTimeFormatter INSTANT_TEXT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private OrdersTable() {
    }

    /** The UTC day of {@code instant}. */
    public static LocalDate utcDay(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** Fixed-width UTC text with milliseconds; finer digits are cut (events are kept to the millisecond). */
    public static String instantText(Instant instant) {
        return INSTANT_TEXT.format(instant);
    }

    /** The item of {@code order}. */
    public static Map<String, AttributeValue> toItem(Order order) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ORDER_ID, s(order.orderId()));
        item.put(STATUS, s(order.status().name()));
        item.put(CUSTOMER_ID, s(order.customerId()));
        item.put(CUSTOMER_BUCKET, s(WriteShards.value(order.customerId(),
                WriteShards.bucket(order.orderId(), CUSTOMER_BUCKETS))));
        item.put(CURRENCY, s(order.currency().getCurrencyCode()));
        item.put(TOTAL_MINOR, n(order.totalMinor()));
        item.put(PLACED_AT, s(instantText(order.placedAt())));
        item.put(STATUS_AT, s(instantText(order.statusAt())));
        if (order.updatedAt() != null) {
            item.put(UPDATED_AT, s(instantText(order.updatedAt())));
        }
        item.put(LAST_EVENT_ID, s(order.lastEventId()));
        item.put(LAST_EVENT_TYPE, s(order.lastEventType().name()));
        item.put(APPLIED_EVENT_IDS, AttributeValue.fromSs(List.copyOf(order.appliedEventIds())));
        if (!order.rejectedRecords().isEmpty()) {
            Map<String, AttributeValue> rejected = new HashMap<>();
            order.rejectedRecords().forEach((sequence, reason) -> rejected.put(sequence, s(reason)));
            item.put(REJECTED_RECORDS, AttributeValue.fromM(rejected));
        }
        item.put(VERSION, n(order.version()));
        if (order.capture() != null) {
            item.put(CAPTURED_MINOR, n(order.capture().minor()));
            item.put(CAPTURED_AT, s(instantText(order.capture().at())));
        }
        if (order.refund() != null) {
            item.put(REFUNDED_MINOR, n(order.refund().minor()));
            item.put(REFUNDED_AT, s(instantText(order.refund().at())));
        }
        return item;
    }

    /** The item of a status-change item. */
    public static Map<String, AttributeValue> toItem(StatusChanges changes) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ORDER_ID, s(changes.key()));
        item.put(CHANGE_DAY, s(changes.day().toString()));
        item.put(CHANGE_DAY_BUCKET, s(WriteShards.value(changes.day().toString(),
                WriteShards.bucket(changes.key(), CHANGE_DAY_BUCKETS))));
        Map<String, AttributeValue> byStatus = new HashMap<>();
        changes.orderIds().forEach((status, ids) -> byStatus.put(status.name(), AttributeValue.fromSs(List.copyOf(ids))));
        item.put(CHANGES, AttributeValue.fromM(byStatus));
        return item;
    }

    /** Whether a stored item is a status-change item rather than an order. */
    public static boolean isStatusChanges(Map<String, AttributeValue> item) {
        return item.containsKey(CHANGE_DAY);
    }

    /** The status-change item stored in {@code item}. */
    public static StatusChanges statusChangesFromItem(Map<String, AttributeValue> item) {
        Map<OrderStatus, Set<String>> ids = new EnumMap<>(OrderStatus.class);
        AttributeValue changes = item.get(CHANGES);
        if (changes != null && changes.hasM()) {
            changes.m().forEach((status, set) -> ids.put(OrderStatus.valueOf(status), new TreeSet<>(set.ss())));
        }
        return new StatusChanges(text(item, ORDER_ID), LocalDate.parse(text(item, CHANGE_DAY)), ids);
    }

    /** The order stored in {@code item} (a full order item from the table). */
    public static Order fromItem(Map<String, AttributeValue> item) {
        TreeMap<String, String> rejected = new TreeMap<>();
        AttributeValue rejectedValue = item.get(REJECTED_RECORDS);
        if (rejectedValue != null && rejectedValue.hasM()) {
            rejectedValue.m().forEach((sequence, reason) -> rejected.put(sequence, reason.s()));
        }
        MoneyMovement capture = item.containsKey(CAPTURED_MINOR)
                ? new MoneyMovement(number(item, CAPTURED_MINOR), instant(item, CAPTURED_AT)) : null;
        MoneyMovement refund = item.containsKey(REFUNDED_MINOR)
                ? new MoneyMovement(number(item, REFUNDED_MINOR), instant(item, REFUNDED_AT)) : null;
        return new Order(
                text(item, ORDER_ID),
                OrderStatus.valueOf(text(item, STATUS)),
                text(item, CUSTOMER_ID),
                Currency.getInstance(text(item, CURRENCY)),
                number(item, TOTAL_MINOR),
                instant(item, PLACED_AT),
                instant(item, STATUS_AT),
                item.containsKey(UPDATED_AT) ? instant(item, UPDATED_AT) : null,
                text(item, LAST_EVENT_ID),
                OrderEventType.valueOf(text(item, LAST_EVENT_TYPE)),
                new LinkedHashSet<>(item.get(APPLIED_EVENT_IDS).ss()),
                capture,
                refund,
                rejected,
                number(item, VERSION));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new IllegalStateException("order item lacks " + name);
        }
        return value.s();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw new IllegalStateException("order item lacks " + name);
        }
        return Long.parseLong(value.n());
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        return Instant.parse(text(item, name));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
