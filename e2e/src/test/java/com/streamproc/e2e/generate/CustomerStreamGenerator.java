package com.streamproc.e2e.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A reproducible stream of messy customer records: people known to several source systems, each source record in
 * several versions arriving in any order, ties on {@code updatedAt}, unusable fields, producer duplicates and
 * poison. Valid records carry the canonical values the normalisers must produce (chosen from forms the contract
 * documents), never values computed by the normalisers.
 */
public final class CustomerStreamGenerator extends SeededStreamGenerator<CustomerIntent> {
    public static final List<String> SOURCES = List.of("crm", "webshop", "support", "erp");
    /** At most this many people per stream: phone numbers come from a block of 1,000 fictional UK numbers. */
    public static final int MAX_PEOPLE = 900;

    private static final Instant FIRST_UPDATE = Instant.parse("2025-01-01T00:00:00Z");


    private CustomerStreamGenerator(long seed) {
        super(seed, 3);
    }

    public static List<Produced<CustomerIntent>> generate(long seed, int people) {
        if (people > MAX_PEOPLE) {
            throw new IllegalArgumentException("at most " + MAX_PEOPLE + " people");
        }
        return new CustomerStreamGenerator(seed).stream(people);
    }

    private List<Produced<CustomerIntent>> stream(int people) {
        List<List<Produced<CustomerIntent>>> perSourceRecord = new ArrayList<>();
        for (int person = 0; person < people; person++) {
            perSourceRecord.addAll(person(person));
        }
        List<Produced<CustomerIntent>> stream = new ArrayList<>();
        for (List<Produced<CustomerIntent>> versions : perSourceRecord) {
            stream.addAll(versions);
        }
        // Versions of a record and records of a person arrive in any order: the merge must not care.
        Collections.shuffle(stream, random);
        scatter(stream, Math.max(6, stream.size() / 12), this::poison);
        scatter(stream, Math.max(4, stream.size() / 40), i -> hostile(i, people));
        return stream;
    }

    private List<List<Produced<CustomerIntent>>> person(int person) {
        boolean phoneOnly = person % 10 == 9;
        String email = "p" + person + ".s" + Math.abs(seed % 100_000) + "@example.com";
        List<String> sources = new ArrayList<>(SOURCES);
        Collections.shuffle(sources, random);
        int sourceCount = 1 + random.nextInt(3);
        List<List<Produced<CustomerIntent>>> records = new ArrayList<>();
        Instant sharedTime = FIRST_UPDATE.plusSeconds(60L * random.nextInt(400_000));
        for (String system : sources.subList(0, sourceCount)) {
            List<Produced<CustomerIntent>> versions = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int v = 0; v < count; v++) {
                // Sometimes two sources state something at the same instant: the source id breaks the tie.
                Instant updatedAt = random.nextInt(6) == 0 ? sharedTime
                        : FIRST_UPDATE.plusSeconds(60L * random.nextInt(400_000));
                versions.add(version(person, phoneOnly, email, system, updatedAt, v));
                if (random.nextInt(7) == 0) {
                    versions.add(versions.get(versions.size() - 1)); // a producer retry: same bytes again
                }
            }
            records.add(versions);
        }
        return records;
    }

    private Produced<CustomerIntent> version(int person, boolean phoneOnly, String email, String system,
                                             Instant updatedAt, int version) {
        String recordId = "r" + person;
        String source = system + ":" + recordId;
        ObjectNode json = object();
        json.put("schemaVersion", 1);
        json.put("sourceSystem", system);
        json.put("sourceRecordId", recordId);
        renderInstant(json, "updatedAt", updatedAt);
        Map<String, String> values = new HashMap<>();
        Map<String, String> drops = new HashMap<>();

        if (!phoneOnly) {
            json.put("email", renderEmail(email));
            values.put("email", email);
        } else if (random.nextInt(3) == 0) {
            json.put("email", "p" + person + "@");
            drops.put("email", "INVALID_EMAIL");
        }

        int countryChoice = random.nextInt(9);
        boolean inGb = countryChoice < 5;
        if (inGb) {
            json.put("country", pick("GB", "UK", "United Kingdom", "gbr", "Great Britain", " u.k. "));
            values.put("country", "GB");
        } else if (countryChoice < 8) {
            json.put("country", pick("Germany", "DE", "deu", "Deutschland"));
            values.put("country", "DE");
        } else {
            json.put("country", "Atlantis");
            drops.put("country", "UNKNOWN_COUNTRY");
        }

        String digits = String.format(Locale.ROOT, "%03d", person);
        boolean secondNumber = !phoneOnly && random.nextBoolean();
        String national = secondNumber ? "0113 496 0" + digits : "020 7946 0" + digits;
        String e164 = secondNumber ? "+441134960" + digits : "+442079460" + digits;
        if (phoneOnly || random.nextInt(4) > 0) {
            // A national number only where the record's own country says whose it is.
            // "00" dials abroad only from a known country; without one, only the "+" form says whose number it is.
            String international = countryChoice < 8 ? pick("+44", "0044", "+44-") : pick("+44", "+44-");
            json.put("phone", inGb && random.nextBoolean() ? national : international + " " + national.substring(1));
            values.put("phone", e164);
        }

        int nameChoice = random.nextInt(6);
        if (nameChoice < 4) {
            String name = pick("Ada", "Zoë", "José", "Li", "Grace") + " " + pick("Lovelace", "Brontë", "O'Neil",
                    "van der Berg", "Nguyen") + " " + system + version;
            json.put("fullName", " " + name.replace(" ", random.nextBoolean() ? "   " : "\t") + "  ");
            values.put("fullName", name);
        } else if (nameChoice == 4) {
            json.put("fullName", " --- ");
            drops.put("fullName", "INVALID_NAME");
        }

        int birthChoice = random.nextInt(7);
        LocalDate birth = LocalDate.of(1950 + person % 50, 1 + person % 12, 13 + person % 15);
        if (birthChoice == 0) {
            json.put("birthDate", "03/04/1990");
            drops.put("birthDate", "AMBIGUOUS_DATE");
        } else if (birthChoice == 1) {
            json.put("birthDate", "1850-01-01");
            drops.put("birthDate", "IMPLAUSIBLE_BIRTH_DATE");
        } else if (birthChoice < 5) {
            json.put("birthDate", renderDate(birth));
            values.put("birthDate", birth.toString());
        } else if (birthChoice == 5) {
            json.put("birthDate", "n/a"); // a placeholder: absent, not broken
        }
        if (random.nextInt(8) == 0) {
            json.putObject("loyalty").put("tier", "gold"); // unknown fields are ignored
        }

        String key = values.containsKey("email") ? "EMAIL#" + email : "PHONE#" + e164;
        return new Produced<>(source, Poison.utf8(json.toString()),
                new CustomerIntent.Valid(key, source, updatedAt, values, drops));
    }

    /** What a customer record can be broken by for certain: its ids, its schema version, its time. */
    static final HostileRecords.Targets HOSTILE_TARGETS = new HostileRecords.Targets(
            List.of("sourceSystem", "sourceRecordId"), "schemaVersion", "v", "updatedAt");

    /**
     * A hostile record ({@link HostileRecords}), mostly under the key of a source record of the stream, with an
     * e-mail of its own: had it been accepted, its customer would exist.
     */
    private Produced<CustomerIntent> hostile(int i, int people) {
        String system = SOURCES.get(random.nextInt(SOURCES.size()));
        String recordId = "r" + random.nextInt(Math.max(1, people));
        String email = "hostile" + i + ".s" + Math.abs(seed % 100_000) + "@example.com";
        ObjectNode json = object();
        json.put("schemaVersion", 1);
        json.put("sourceSystem", system);
        json.put("sourceRecordId", recordId);
        json.put("updatedAt", "2025-06-01T10:00:00Z");
        json.put("email", email);
        json.put("fullName", "Hostile " + i);
        HostileRecords.Made made = HostileRecords.of(random, json, system + ":" + recordId, HOSTILE_TARGETS);
        return new Produced<>(made.partitionKey(), made.data(),
                new CustomerIntent.Poison(Poison.ANY_REASON, "EMAIL#" + email));
    }

    private Produced<CustomerIntent> poison(int i) {
        String system = SOURCES.get(i % SOURCES.size());
        String recordId = "x" + i;
        ObjectNode json = object();
        json.put("schemaVersion", 1);
        json.put("sourceSystem", system);
        json.put("sourceRecordId", recordId);
        json.put("updatedAt", "2025-06-01T10:00:00Z");
        String email = "bad" + i + ".s" + Math.abs(seed % 100_000) + "@example.com";
        json.put("email", email);
        String partitionKey = system + ":" + recordId;
        String reason;
        byte[] data = null;
        switch (i % 9) {
            case 0 -> {
                json.remove("email");
                json.put("phone", "n/a");
                json.put("fullName", "No Contact " + i);
                reason = "NO_CONTACT_POINT";
            }
            case 1 -> {
                json.put("email", "not-an-address");
                json.put("phone", "12");
                reason = "NO_CONTACT_POINT";
            }
            case 2 -> {
                json.put("updatedAt", "03/04/2025");
                reason = "INVALID_UPDATED_AT";
            }
            case 3 -> {
                json.put("updatedAt", "2999-01-01T00:00:00Z");
                reason = "UPDATED_AT_IN_FUTURE";
            }
            case 4 -> {
                json.put("sourceSystem", "crm:eu");
                reason = "SCHEMA_VIOLATION";
            }
            case 5 -> {
                json.put("schemaVersion", 2);
                reason = "UNSUPPORTED_SCHEMA_VERSION";
            }
            case 6 -> {
                reason = "MALFORMED_JSON";
                data = Poison.truncated(json.toString(), random);
            }
            case 7 -> {
                reason = "INVALID_UTF8";
                data = Poison.invalidUtf8(json.toString(), random);
            }
            default -> {
                json.remove("sourceRecordId");
                reason = "SCHEMA_VIOLATION";
            }
        }
        return new Produced<>(partitionKey, data != null ? data : Poison.utf8(json.toString()),
                new CustomerIntent.Poison(reason, "EMAIL#" + email));
    }

    private String renderEmail(String email) {
        return switch (random.nextInt(5)) {
            case 0 -> email.toUpperCase(Locale.ROOT);
            case 1 -> "  " + Character.toUpperCase(email.charAt(0)) + email.substring(1) + " ";
            case 2 -> "mailto:" + email;
            case 3 -> "Someone <" + email.replace("example", "EXAMPLE") + ">";
            default -> email;
        };
    }

    private void renderInstant(ObjectNode json, String field, Instant instant) {
        switch (random.nextInt(4)) {
            case 0 -> json.put(field, instant.toEpochMilli());
            case 1 -> json.put(field, instant.atOffset(ZoneOffset.ofHours(2)).toString());
            case 2 -> json.put(field, DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
                    .format(instant.atOffset(ZoneOffset.UTC)));
            default -> json.put(field, instant.toString());
        }
    }

    private String renderDate(LocalDate date) {
        return switch (random.nextInt(4)) {
            case 0 -> DateTimeFormatter.ofPattern("dd.MM.uuuu").format(date);
            case 1 -> DateTimeFormatter.ofPattern("dd/MM/uuuu").format(date); // day >= 13: unambiguous
            case 2 -> DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH).format(date);
            default -> date.toString();
        };
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
