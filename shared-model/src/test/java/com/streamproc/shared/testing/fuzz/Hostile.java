package com.streamproc.shared.testing.fuzz;

import com.streamproc.shared.testing.fuzz.FuzzJson.Arr;
import com.streamproc.shared.testing.fuzz.FuzzJson.Bool;
import com.streamproc.shared.testing.fuzz.FuzzJson.Member;
import com.streamproc.shared.testing.fuzz.FuzzJson.Null;
import com.streamproc.shared.testing.fuzz.FuzzJson.Num;
import com.streamproc.shared.testing.fuzz.FuzzJson.Obj;
import com.streamproc.shared.testing.fuzz.FuzzJson.Str;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Values producers should never send, drawn from a {@link Random} (so a seed replays them): strings with unpaired
 * surrogates, control characters, line and paragraph separators, byte-order marks, noncharacters and characters
 * outside the BMP; numbers no field can hold; dates at and beyond the ends of what {@code java.time} parses; JSON of
 * any shape and depth; raw bytes.
 */
public final class Hostile {
    /** The longest text a hostile string grows to unless a caller asks for more. */
    public static final int DEFAULT_MAX_STRING = 300;

    private static final String[] PIECES = {
        "a", "id", "ORDER_PLACED", "page.view", "crm", " ", "  ", "\t", "-", ":", "#", "/", ".", "0", "1.5",
        "\"", "\\", "'", "{", "}", "[", "]", "null", "true", "{\"a\":1}",
        "'; DROP TABLE orders;--", "${jndi:ldap://x/a}", "#pk = :v OR attribute_exists(orderId)", "<script>",
        "测试", "客户", "Zoë", "e\u0301", "\u202E", "\u200B", "\u00A0", "\u0130", "ß", "ǅ",
        "\uD83D\uDE00", "\uD834\uDD1E", "\uDBFF\uDFFF", "\u2028", "\u2029", "\uFEFF", "\uFFFE", "\uFFFF", "\uFFFD",
        "\u0085", "\u007F", "\u0000", "\u0007", "\u001B", "\n", "\r",
    };
    private static final String[] NUMBERS = {
        "0", "-0", "0.0", "-0.0", "1", "-1", "2", "1.5", "-1.5", "0.1", "1e2", "1E+2", "2.5E+1", "1e-7", "1e400",
        "-1e400", "1E-400", "1e+1000000000", "2147483647", "2147483648", "-2147483649", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "18446744073709551616",
        "123456789012345678901234567890.123456789",
        "3.00000000000000000000000000000000001",
        "1234567890123456789012345678901234567890123456789012345678901234",
        "12345678901234567890123456789012345678901234567890123456789012345",
        "0.000000000000000000000000000000000000000000000000000000000000001",
    };
    private static final String[] DATES = {
        "-999999999-01-01T00:00:00+01:00", "+999999999-12-31T23:59:59Z", "+999999999-12-31T23:59:59.999999999-18:00",
        "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "10000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
        "9999-12-31T23:59:59.999999999-18:00", "9999-12-31T23:59:59.999+01:00", "0000-01-01T00:00:00Z",
        "0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "1970-01-01T00:00:00+18:00",
        "1970-01-01T00:59:59+01:00", "2026-02-30T00:00:00Z", "2026-11-27T24:00:00Z", "2026-11-27T10:00:60Z",
        "2026-11-27T10:00:00", "2026-11-27T10:00:00+25:00", "2026-11-27T10:00:00+18:00", "2026-11-27T10:00:00-18:00",
        "2026-11-27T10:00:00.123456789Z", "2026-11-27T10:00:00,5Z", "2026-11-27 10:00:00Z", "2026-11-27",
        "27/11/2026", "11/27/2026", "20261127T100000Z", "2026-W48-5", "2026-331", "1764237600", "1764237600000",
        "2999-01-01T00:00:00Z", "2026-11-27T10:00:00z", "2026-11-27t10:00:00Z", " 2026-11-27T10:00:00Z ",
        "\uFEFF2026-11-27T10:00:00Z", "2026-11-27T10:00:00Z\u2028", "2026-11-27T10:00:00\uD800Z",
        "\u0662\u0660\u0662\u0666-11-27T10:00:00Z",
    };

    private Hostile() {
    }

    /** A string of hostile pieces, at most {@value #DEFAULT_MAX_STRING} UTF-16 units. */
    public static String string(Random random) {
        return string(random, DEFAULT_MAX_STRING);
    }

    /** A string of hostile pieces (unpaired surrogates included), at most {@code maxLength} UTF-16 units. */
    public static String string(Random random, int maxLength) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(random.nextBoolean() ? 4 : 24);
        for (int i = 0; i < pieces && text.length() < maxLength; i++) {
            text.append(piece(random));
        }
        return text.length() > maxLength ? text.substring(0, maxLength) : text.toString();
    }

    /**
     * A string that UTF-8 can carry (no unpaired surrogate), 1 to 256 UTF-16 units: what Kinesis accepts as a
     * partition key, with control characters, separators, BOMs and characters outside the BMP.
     */
    public static String partitionKey(Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = 1 + random.nextInt(random.nextInt(10) == 0 ? 80 : 6);
        while (text.length() < 256 && pieces-- > 0) {
            String piece = piece(random);
            if (!hasUnpairedSurrogate(piece) && text.length() + piece.length() <= 256) {
                text.append(piece);
            }
        }
        return text.isEmpty() ? "\uFEFF" : text.toString();
    }

    private static String piece(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> String.valueOf((char) (0xD800 + random.nextInt(0x400))); // unpaired high surrogate
            case 1 -> String.valueOf((char) (0xDC00 + random.nextInt(0x400))); // unpaired low surrogate
            case 2 -> "\uDC00\uD800"; // a pair in the wrong order
            case 3 -> String.valueOf((char) random.nextInt(0x20)); // a C0 control
            case 4 -> new String(Character.toChars(0x10000 + random.nextInt(0x100000 - 0x10000)));
            case 5 -> String.valueOf((char) (0x80 + random.nextInt(0xD800 - 0x80)));
            default -> PIECES[random.nextInt(PIECES.length)];
        };
    }

    /** A string of {@code length} UTF-16 units of repeated hostile pieces (a long field, a padding). */
    public static String longString(Random random, int length) {
        StringBuilder text = new StringBuilder(length + 16);
        String unit = string(random, 64);
        if (unit.isEmpty() || random.nextBoolean()) {
            unit = "x";
        }
        while (text.length() < length) {
            text.append(unit);
        }
        text.setLength(length);
        if (Character.isHighSurrogate(text.charAt(length - 1))) {
            text.setCharAt(length - 1, 'y'); // no unpaired surrogate unless the unit had one
        }
        return text.toString();
    }

    /** A number literal no field should accept (or only just). */
    public static String number(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Long.toString(random.nextLong());
            case 1 -> Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
            default -> NUMBERS[random.nextInt(NUMBERS.length)];
        };
    }

    /** A date-time text at or beyond the edges: years ±999,999,999 and 10000, impossible days, bad offsets. */
    public static String date(Random random) {
        if (random.nextInt(4) == 0) {
            int year = random.nextBoolean() ? 1 + random.nextInt(9999) : 10_000 + random.nextInt(Integer.MAX_VALUE - 10_000);
            String offset = random.nextBoolean() ? "Z" : String.format("%+03d:%02d", random.nextInt(37) - 18, random.nextInt(60));
            String yearText = year > 9999 ? "+" + year : String.format("%04d", year);
            return yearText + String.format("-%02d-%02dT%02d:%02d:%02d", 1 + random.nextInt(12), 1 + random.nextInt(31),
                    random.nextInt(25), random.nextInt(60), random.nextInt(61)) + offset;
        }
        return DATES[random.nextInt(DATES.length)];
    }

    /** Any JSON value of random shape, at most {@code depth} levels deep. */
    public static FuzzJson json(Random random, int depth) {
        int kind = depth <= 0 ? 2 + random.nextInt(6) : random.nextInt(8);
        return switch (kind) {
            case 0 -> {
                List<Member> members = new ArrayList<>();
                int size = random.nextInt(6);
                for (int i = 0; i < size; i++) {
                    String name = random.nextInt(3) == 0 ? string(random, 40) : "f" + random.nextInt(4);
                    members.add(new Member(name, json(random, depth - 1)));
                }
                yield new Obj(members);
            }
            case 1 -> {
                List<FuzzJson> elements = new ArrayList<>();
                int size = random.nextInt(6);
                for (int i = 0; i < size; i++) {
                    elements.add(json(random, depth - 1));
                }
                yield new Arr(elements);
            }
            case 2, 3 -> new Str(string(random));
            case 4 -> new Num(number(random));
            case 5 -> new Bool(random.nextBoolean());
            case 6 -> new Str(date(random));
            default -> new Null();
        };
    }

    /** A value of another JSON type than {@code current} (a string for a number, an object for a string, ...). */
    public static FuzzJson otherType(Random random, FuzzJson current) {
        for (int attempt = 0; attempt < 20; attempt++) {
            FuzzJson candidate = json(random, 2);
            if (candidate.getClass() != current.getClass()) {
                return candidate;
            }
        }
        return new Arr(List.of());
    }

    /** {@code levels} nested arrays or objects around a scalar. */
    public static FuzzJson deep(Random random, int levels) {
        FuzzJson value = new Num("1");
        for (int i = 0; i < levels; i++) {
            value = random.nextBoolean() ? new Arr(List.of(value)) : new Obj(List.of(new Member("a", value)));
        }
        return value;
    }

    /** Random bytes: empty, mostly ASCII, invalid UTF-8, or anything. */
    public static byte[] bytes(Random random, int maxLength) {
        int length = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(Math.max(1, maxLength));
        byte[] bytes = new byte[length];
        switch (random.nextInt(3)) {
            case 0 -> {
                for (int i = 0; i < length; i++) {
                    bytes[i] = (byte) (0x20 + random.nextInt(0x5F));
                }
            }
            case 1 -> {
                String text = string(random, length);
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                System.arraycopy(utf8, 0, bytes, 0, Math.min(length, utf8.length));
                bytes = java.util.Arrays.copyOf(bytes, Math.min(length, utf8.length));
            }
            default -> random.nextBytes(bytes);
        }
        return bytes;
    }

    /** Which kinds of hostile characters {@code text} holds: for reports of what got through. */
    public static Set<String> features(String text) {
        Set<String> features = new TreeSet<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                features.add("supplementary");
                i++;
            } else if (Character.isSurrogate(c)) {
                features.add("unpaired-surrogate");
            } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                features.add("control");
            } else if (c == '\u2028' || c == '\u2029') {
                features.add("line-separator");
            } else if (c == '\uFEFF') {
                features.add("bom");
            } else if (c == '\uFFFE' || c == '\uFFFF') {
                features.add("noncharacter");
            }
        }
        if (text.isBlank()) {
            features.add(text.isEmpty() ? "empty" : "blank");
        }
        if (text.length() > 256) {
            features.add("long");
        }
        return features;
    }

    static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
