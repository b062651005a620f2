package com.streamproc.bench.bill;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The size of a DynamoDB item as the Developer Guide's "Item sizes and formats" page defines it: per attribute the
 * UTF-8 bytes of its name plus its value, where a string is its UTF-8 bytes, a number 1 byte per two significant
 * digits (leading and trailing zeros trimmed) plus 1, a binary its raw bytes, a Boolean or null 1 byte, a set the sum
 * of its elements, and a list or map 3 bytes plus its elements, each element 1 byte more.
 */
public final class ItemSize {
    private ItemSize() {
    }

    /** Bytes of {@code item}: the sum of its attributes' name and value sizes. */
    public static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + value(attribute.getValue());
        }
        return size;
    }

    /** Bytes of one attribute value, without its name. */
    public static long value(AttributeValue value) {
        switch (value.type()) {
            case S:
                return utf8(value.s());
            case N:
                return number(value.n());
            case B:
                return bytes(value.b());
            case BOOL:
            case NUL:
                return 1;
            case SS:
                return value.ss().stream().mapToLong(ItemSize::utf8).sum();
            case NS:
                return value.ns().stream().mapToLong(ItemSize::number).sum();
            case BS:
                return value.bs().stream().mapToLong(ItemSize::bytes).sum();
            case L: {
                long size = 3;
                for (AttributeValue element : value.l()) {
                    size += 1 + value(element);
                }
                return size;
            }
            case M: {
                long size = 3;
                for (Map.Entry<String, AttributeValue> element : value.m().entrySet()) {
                    size += 1 + utf8(element.getKey()) + value(element.getValue());
                }
                return size;
            }
            default:
                throw new IllegalArgumentException("attribute value of unknown type: " + value);
        }
    }

    /** A number: 1 byte per two significant digits, rounded up, plus 1 byte. Zero counts as one digit. */
    static long number(String text) {
        BigDecimal value = new BigDecimal(text).stripTrailingZeros();
        String digits = value.unscaledValue().abs().toString();
        int significant = digits.equals("0") ? 1 : digits.length();
        return (significant + 1) / 2 + 1;
    }

    private static long bytes(SdkBytes bytes) {
        return bytes.asByteArrayUnsafe().length;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
