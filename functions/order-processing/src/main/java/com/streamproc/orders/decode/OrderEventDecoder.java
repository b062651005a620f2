package com.streamproc.orders.decode;

import com.streamproc.orders.domain.EventHeader;
import com.streamproc.orders.domain.LineItem;
import com.streamproc.orders.domain.Money;
import com.streamproc.orders.domain.OrderEvent;
import com.streamproc.orders.domain.OrderEventType;
import com.streamproc.orders.domain.OrderReasons;
import com.streamproc.shared.decode.EventTimeRange;
import com.streamproc.shared.decode.JsonRecordDecoder;
import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.decode.ReasonCodes;
import com.streamproc.shared.decode.RecordDecoder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decodes one Kinesis record into an {@link OrderEvent}, enforcing every rule of the contract that needs no
 * stored state. Checks run in this order, so a record gets the most fundamental reason: JSON and Unicode (shared
 * decoder), {@code schemaVersion}, {@code type}, ids, {@code occurredAt}, {@code currency}, then the items and the
 * money fields.
 *
 * <p>JSON types are checked, never coerced: {@code schemaVersion} and {@code quantity} are JSON integers, the ids,
 * {@code type}, {@code occurredAt}, {@code currency} and {@code sku} are strings, and money is a decimal string or a
 * JSON number (read from its text, so exact either way). Any other JSON type is {@code SCHEMA_VIOLATION}.
 */
public final class OrderEventDecoder implements RecordDecoder<OrderEvent> {
    /** The only schema version this function understands. */
    public static final String SCHEMA_VERSION = "1";
    /** Ids are DynamoDB key values and set members: keep them far below DynamoDB's key-size limits. */
    public static final int MAX_ID_LENGTH = 256;

    // A plain decimal: no sign other than a leading minus, no exponent, at most 30 digits in all.
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?");
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    private final JsonRecordDecoder<OrderEventMessage> json =
            new JsonRecordDecoder<>(OrderEventMessage.class);

    @Override
    public OrderEvent decode(ByteBuffer data) throws PoisonRecordException {
        return toEvent(json.decode(data));
    }

    /** An order's events go under its {@code orderId}: one shard, one lane, in order. */
    @Override
    public String requiredPartitionKey(OrderEvent event) {
        return event.orderId();
    }

    static OrderEvent toEvent(OrderEventMessage message) throws PoisonRecordException {
        WireScalar version = present(message.schemaVersion(), "schemaVersion");
        if (version.kind() != WireScalar.Kind.INTEGER) {
            // "1" and 1.0 are not the integer 1: the version is never guessed from another JSON type.
            throw wrongType("schemaVersion", version, "a JSON integer");
        }
        if (!SCHEMA_VERSION.equals(version.text())) {
            throw new PoisonRecordException(ReasonCodes.UNSUPPORTED_SCHEMA_VERSION,
                    "schemaVersion is not " + SCHEMA_VERSION);
        }
        OrderEventType type = OrderEventType.named(text(message.type(), "type"))
                .orElseThrow(() -> new PoisonRecordException(ReasonCodes.UNKNOWN_EVENT_TYPE, "type is not known"));
        String eventId = id(message.eventId(), "eventId");
        String orderId = id(message.orderId(), "orderId");
        boolean placing = type == OrderEventType.ORDER_PLACED;
        String customerId = placing || message.customerId() != null ? id(message.customerId(), "customerId") : null;
        Instant occurredAt = occurredAt(text(message.occurredAt(), "occurredAt"));
        boolean carriesMoney = placing || type == OrderEventType.PAYMENT_CAPTURED
                || type == OrderEventType.ORDER_REFUNDED;
        Currency currency = carriesMoney || message.currency() != null
                ? currency(text(message.currency(), "currency")) : null;
        EventHeader header = new EventHeader(eventId, orderId, customerId, occurredAt, currency);

        return switch (type) {
            case ORDER_PLACED -> placed(header, message);
            case PAYMENT_CAPTURED -> new OrderEvent.PaymentCaptured(header,
                    money(moneyText(message.amount(), "amount"), currency, "amount"));
            case ORDER_REFUNDED -> new OrderEvent.OrderRefunded(header,
                    money(moneyText(message.amount(), "amount"), currency, "amount"));
            case ORDER_SHIPPED -> new OrderEvent.OrderShipped(header);
            case ORDER_DELIVERED -> new OrderEvent.OrderDelivered(header);
            case ORDER_CANCELLED -> new OrderEvent.OrderCancelled(header);
        };
    }

    private static OrderEvent.OrderPlaced placed(EventHeader header, OrderEventMessage message)
            throws PoisonRecordException {
        if (message.items() == null) {
            throw missing("items");
        }
        if (message.items().isEmpty()) {
            throw new PoisonRecordException(OrderReasons.NO_ITEMS, "items is empty");
        }
        Currency currency = header.currency();
        List<LineItem> items = new ArrayList<>(message.items().size());
        long sum = 0;
        for (int i = 0; i < message.items().size(); i++) {
            OrderEventMessage.ItemMessage item = message.items().get(i);
            String path = "items[" + i + "]";
            if (item == null) {
                throw new PoisonRecordException(ReasonCodes.SCHEMA_VIOLATION, "field " + path + ": is null");
            }
            String sku = text(item.sku(), path + ".sku");
            int quantity = quantity(item.quantity(), path + ".quantity");
            Money unitPrice = money(moneyText(item.unitPrice(), path + ".unitPrice"), currency, path + ".unitPrice");
            LineItem line = new LineItem(sku, quantity, unitPrice);
            try {
                sum = Math.addExact(sum, line.lineTotalMinor());
            } catch (ArithmeticException overflow) {
                throw new PoisonRecordException(OrderReasons.AMOUNT_OUT_OF_RANGE, "sum of items is too large");
            }
            items.add(line);
        }
        Money total = money(moneyText(message.total(), "total"), currency, "total");
        if (total.minor() != sum) {
            throw new PoisonRecordException(OrderReasons.TOTAL_MISMATCH,
                    "total differs from the sum of quantity × unitPrice over items");
        }
        return new OrderEvent.OrderPlaced(header, items, total);
    }

    /**
     * Parses a money field. The value must be exact in minor units: {@code "12.50"} and {@code "12.500"} are
     * 1250 EUR cents, {@code "12.505"} is rejected; JPY allows no fraction at all.
     */
    static Money money(String text, Currency currency, String field) throws PoisonRecordException {
        String trimmed = text.trim();
        if (!DECIMAL.matcher(trimmed).matches()) {
            throw new PoisonRecordException(OrderReasons.INVALID_AMOUNT, field + " is not a plain decimal number");
        }
        BigDecimal value = new BigDecimal(trimmed);
        if (trimmed.startsWith("-") && value.signum() != 0) {
            throw new PoisonRecordException(OrderReasons.NEGATIVE_AMOUNT, field + " is negative");
        }
        int digits = currency.getDefaultFractionDigits();
        if (value.stripTrailingZeros().scale() > digits) {
            throw new PoisonRecordException(OrderReasons.TOO_MANY_DECIMALS,
                    field + " has more than " + digits + " decimals for " + currency.getCurrencyCode());
        }
        try {
            return new Money(currency, value.abs().movePointRight(digits).longValueExact());
        } catch (ArithmeticException overflow) {
            throw new PoisonRecordException(OrderReasons.AMOUNT_OUT_OF_RANGE, field + " is too large");
        }
    }

    /**
     * A quantity is a JSON integer from 1 to {@value OrderReasons#MAX_QUANTITY}. A string ({@code "2"}) or boolean is
     * the wrong JSON type ({@code SCHEMA_VIOLATION}); a number written with a fraction or an exponent ({@code 2.0},
     * {@code 2.5}, {@code 2E0}) is not an integer on the wire, whatever its value, and is {@code INVALID_QUANTITY}
     * like any other number outside the range.
     */
    private static int quantity(WireScalar value, String field) throws PoisonRecordException {
        WireScalar scalar = present(value, field);
        if (!scalar.isNumber()) {
            throw wrongType(field, scalar, "a JSON integer");
        }
        if (scalar.kind() == WireScalar.Kind.INTEGER) {
            BigInteger number = new BigInteger(scalar.text());
            if (number.signum() > 0 && number.compareTo(BigInteger.valueOf(OrderReasons.MAX_QUANTITY)) <= 0) {
                return number.intValueExact();
            }
        }
        throw new PoisonRecordException(OrderReasons.INVALID_QUANTITY,
                field + " is not a JSON integer from 1 to " + OrderReasons.MAX_QUANTITY);
    }

    private static Currency currency(String code) throws PoisonRecordException {
        if (CURRENCY_CODE.matcher(code).matches()) {
            try {
                Currency currency = Currency.getInstance(code);
                if (currency.getDefaultFractionDigits() >= 0) {
                    return currency;
                }
            } catch (IllegalArgumentException unknown) {
                // Falls through to the poison below.
            }
        }
        throw new PoisonRecordException(OrderReasons.INVALID_CURRENCY,
                "currency is not an ISO 4217 code of a currency with minor units");
    }

    private static Instant occurredAt(String text) throws PoisonRecordException {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            // Any date-time with an offset has an instant, even at year 999999999; only the text can be wrong.
            throw new PoisonRecordException(OrderReasons.INVALID_OCCURRED_AT,
                    "occurredAt is not an ISO-8601 date-time with offset");
        }
        // Stored instants are fixed-width UTC text, which needs a four-digit year; no order is older than 1970.
        if (!EventTimeRange.contains(instant)) {
            throw new PoisonRecordException(OrderReasons.INVALID_OCCURRED_AT,
                    "occurredAt is outside the UTC years " + EventTimeRange.describe());
        }
        // Kept to the millisecond, as stored: the order read back equals the order written.
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static String id(WireScalar value, String field) throws PoisonRecordException {
        String id = text(value, field);
        if (id.length() > MAX_ID_LENGTH) {
            throw new PoisonRecordException(ReasonCodes.SCHEMA_VIOLATION,
                    "field " + field + ": longer than " + MAX_ID_LENGTH + " characters");
        }
        return id;
    }

    /** A field that must be a non-blank JSON string. */
    private static String text(WireScalar value, String field) throws PoisonRecordException {
        WireScalar scalar = present(value, field);
        if (!scalar.isString()) {
            throw wrongType(field, scalar, "a string");
        }
        if (scalar.text().isBlank()) {
            throw missing(field);
        }
        return scalar.text();
    }

    /** A money field: a decimal string or a JSON number, as written; {@link #money} checks the text. */
    private static String moneyText(WireScalar value, String field) throws PoisonRecordException {
        WireScalar scalar = present(value, field);
        if (!scalar.isString() && !scalar.isNumber()) {
            throw wrongType(field, scalar, "a decimal string or a JSON number");
        }
        if (scalar.text().isBlank()) {
            throw missing(field);
        }
        return scalar.text();
    }

    private static WireScalar present(WireScalar value, String field) throws PoisonRecordException {
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    private static PoisonRecordException wrongType(String field, WireScalar found, String expected) {
        return new PoisonRecordException(ReasonCodes.SCHEMA_VIOLATION,
                "field " + field + ": wrong type, expected " + expected + ", found " + found.typeName());
    }

    private static PoisonRecordException missing(String field) {
        return new PoisonRecordException(ReasonCodes.SCHEMA_VIOLATION, "missing required field " + field);
    }
}
