package com.streamproc.cleansing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.cleansing.merge.CustomerField;
import com.streamproc.cleansing.merge.CustomerKeys;
import com.streamproc.shared.decode.EventJson;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A reproducible stream of customer records: several people, each sent by several source systems, each source
 * record in several versions, rendered messily, in shuffled order (older versions after newer ones), with
 * producer duplicates and a few poison records. For every valid record it also knows the cleansed record it must
 * become, built from canonical values without the normalisers, so tests can compare with a reference merge.
 */
final class GeneratedCustomerStream {
    /** One record to put on the stream. {@code expected} is null for poison, {@code poisonReason} null otherwise. */
    record Item(String partitionKey, String json, CleansedRecord expected, String poisonReason) {
    }

    static final List<String> SOURCES = List.of("crm", "webshop", "support", "erp");
    private static final Instant EPOCH_2025 = Instant.parse("2025-01-01T00:00:00Z");

    private final Random random;
    private final List<Item> items = new ArrayList<>();

    private GeneratedCustomerStream(long seed) {
        this.random = new Random(seed);
    }

    /**
     * @param people    how many people; every tenth has no e-mail and is keyed by phone
     * @param poison    how many poison records to add
     */
    static List<Item> generate(long seed, int people, int poison) {
        GeneratedCustomerStream stream = new GeneratedCustomerStream(seed);
        for (int person = 0; person < people; person++) {
            stream.person(person);
        }
        for (int i = 0; i < poison; i++) {
            stream.poison(i);
        }
        Collections.shuffle(stream.items, stream.random);
        return stream.items;
    }

    private void person(int person) {
        boolean phoneOnly = person % 10 == 9;
        List<String> sources = new ArrayList<>(SOURCES);
        Collections.shuffle(sources, random);
        int sourceCount = 2 + random.nextInt(3);
        for (String source : sources.subList(0, sourceCount)) {
            int versions = 1 + random.nextInt(3);
            for (int version = 0; version < versions; version++) {
                Item item = version(person, phoneOnly, source, version);
                items.add(item);
                if (random.nextInt(8) == 0) {
                    items.add(item); // a producer retry: the same record twice
                }
            }
        }
    }

    private Item version(int person, boolean phoneOnly, String source, int version) {
        String recordId = "p" + person;
        Instant updatedAt = EPOCH_2025.plusSeconds(60L * random.nextInt(500_000));
        ObjectNode json = EventJson.mapper().createObjectNode();
        json.put("schemaVersion", 1);
        json.put("sourceSystem", source);
        json.put("sourceRecordId", recordId);
        json.put("updatedAt", renderInstant(updatedAt));
        Map<CustomerField, String> values = new EnumMap<>(CustomerField.class);
        Map<CustomerField, String> dropped = new EnumMap<>(CustomerField.class);

        String email = "person" + person + "@example.com";
        if (!phoneOnly) {
            json.put("email", renderEmail(email));
            values.put(CustomerField.EMAIL, email);
        }

        boolean inGb = random.nextInt(3) > 0;
        boolean unknownCountry = !inGb && random.nextInt(4) == 0;
        if (inGb) {
            json.put("country", pick("GB", "UK", "United Kingdom", "gbr", "Great Britain"));
            values.put(CustomerField.COUNTRY, "GB");
        } else if (unknownCountry) {
            json.put("country", "Atlantis");
            dropped.put(CustomerField.COUNTRY, "UNKNOWN_COUNTRY");
        } else {
            json.put("country", pick("Germany", "DE", "deu", "Deutschland"));
            values.put(CustomerField.COUNTRY, "DE");
        }

        // Phone-only people keep one number; the others sometimes switch to a second one.
        boolean secondNumber = !phoneOnly && random.nextBoolean();
        String digits = String.format(Locale.ROOT, "%03d", person);
        String national = secondNumber ? "0113 496 0" + digits : "020 7946 0" + digits;
        String e164 = secondNumber ? "+441134960" + digits : "+442079460" + digits;
        if (phoneOnly || random.nextInt(4) > 0) {
            json.put("phone", inGb && random.nextBoolean() ? national : "+44 " + national.substring(1));
            values.put(CustomerField.PHONE, e164);
        }

        if (random.nextInt(5) > 0) {
            String name = "Person " + person + " " + source + " v" + version;
            json.put("fullName", "  " + name.replace(" ", random.nextBoolean() ? "  " : "\t") + " ");
            values.put(CustomerField.FULL_NAME, name);
        }

        int birthChoice = random.nextInt(6);
        LocalDate birthDate = LocalDate.of(1950 + person % 50, 1 + person % 12, 13 + person % 15);
        if (birthChoice == 0) {
            json.put("birthDate", "03/04/1990");
            dropped.put(CustomerField.BIRTH_DATE, "AMBIGUOUS_DATE");
        } else if (birthChoice < 4) {
            json.put("birthDate", renderDate(birthDate));
            values.put(CustomerField.BIRTH_DATE, birthDate.toString());
        }

        String customerKey = phoneOnly ? CustomerKeys.forPhone(e164) : CustomerKeys.forEmail(email);
        CleansedRecord expected = new CleansedRecord(customerKey, source + ":" + recordId, updatedAt, values, dropped);
        return new Item(source + ":" + recordId, json.toString(), expected, null);
    }

    private void poison(int i) {
        String source = SOURCES.get(i % SOURCES.size());
        String recordId = "x" + i;
        ObjectNode json = EventJson.mapper().createObjectNode();
        json.put("schemaVersion", 1);
        json.put("sourceSystem", source);
        json.put("sourceRecordId", recordId);
        String reason;
        if (i % 2 == 0) {
            json.put("updatedAt", "2025-06-01T10:00:00Z");
            json.put("email", "person" + i + "@");
            json.put("fullName", "No Contact " + i);
            reason = CleansingReasons.NO_CONTACT_POINT;
        } else {
            json.put("updatedAt", "03/04/2025");
            json.put("email", "poison" + i + "@example.com");
            reason = CleansingReasons.INVALID_UPDATED_AT;
        }
        items.add(new Item(source + ":" + recordId, json.toString(), null, reason));
    }

    private String renderEmail(String email) {
        switch (random.nextInt(5)) {
            case 0:
                return email.toUpperCase(Locale.ROOT);
            case 1:
                return "  " + Character.toUpperCase(email.charAt(0)) + email.substring(1) + " ";
            case 2:
                return "mailto:" + email;
            case 3:
                return "Someone <" + email.replace("example", "EXAMPLE") + ">";
            default:
                return email;
        }
    }

    private String renderInstant(Instant instant) {
        switch (random.nextInt(4)) {
            case 0:
                return Long.toString(instant.toEpochMilli());
            case 1:
                return instant.atOffset(ZoneOffset.ofHours(2)).toString();
            case 2:
                return DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").format(instant.atOffset(ZoneOffset.UTC));
            default:
                return instant.toString();
        }
    }

    private String renderDate(LocalDate date) {
        switch (random.nextInt(4)) {
            case 0:
                return DateTimeFormatter.ofPattern("dd.MM.uuuu").format(date);
            case 1:
                return DateTimeFormatter.ofPattern("dd/MM/uuuu").format(date); // day >= 13: unambiguous
            case 2:
                return DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH).format(date);
            default:
                return date.toString();
        }
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
