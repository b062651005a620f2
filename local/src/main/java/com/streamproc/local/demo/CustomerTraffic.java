package com.streamproc.local.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Customer records of one person from several source systems (crm, webshop, support), each in its own messy
 * shape: e-mail in odd case with spaces or a display name, phone numbers in national and international formats,
 * country names in several languages, dates in several formats; records updated several times; producer
 * duplicates; and rejects (no contact point, an ambiguous date, broken JSON, an unsupported schema version, a bad
 * source system). Follows docs/functions/data-cleansing.md.
 */
final class CustomerTraffic implements DemoTraffic {
    private final String function;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FIRST = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret",
            "Ken", "Frances", "John", "Radia", "Tim", "Hedy", "Niklaus", "Katherine", "Linus"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth",
            "Hamilton", "Thompson", "Allen", "Backus", "Perlman", "Berners-Lee", "Lamarr", "Wirth", "Johnson"};
    private static final String[] DOMAINS = {"example.com", "example.org", "example.net"};
    private static final String[] SYSTEMS = {"crm", "webshop", "support"};

    /** Country spellings and a phone number of that country (national format, valid). */
    private record Country(String[] spellings, String nationalPhonePrefix, int subscriberDigits) {
    }

    private static final Country[] COUNTRIES = {
        new Country(new String[] {"DE", "Germany", "Deutschland", "DEU"}, "030 ", 7),
        new Country(new String[] {"UK", "GB", "United Kingdom", "Great Britain"}, "020 7946 ", 4),
        new Country(new String[] {"US", "USA", "U.S.A.", "United States"}, "(212) 7", 6),
        new Country(new String[] {"FR", "France", "Frankreich"}, "01 42 ", 6),
    };

    private final Random random;
    private final Instant base;
    private final List<DemoRecord> out = new ArrayList<>();
    private final List<String> sampleEmails = new ArrayList<>();
    private int personSeq;
    private int recordSeq;

    /** @param base no record is updated later than about ten hours after it (keep it in the past) */
    CustomerTraffic(String function, Random random, Instant base) {
        this.function = function;
        this.random = random;
        this.base = base;
    }

    /** A few canonical e-mail addresses of generated people (for the analyst questions). */
    /** E-mail addresses of customers in the traffic. */
    @Override
    public List<String> examples() {
        return List.copyOf(sampleEmails);
    }

    @Override
    public List<DemoRecord> generate(int count) {
        while (out.size() < count) {
            if (random.nextDouble() < 0.07) {
                reject();
            } else {
                person();
            }
        }
        // Shuffle people together, keeping each source record's versions in order (same partition key).
        return List.copyOf(out.subList(0, count));
    }

    private void person() {
        int n = personSeq++;
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        String email = (first + "." + last + "." + n + "@" + DOMAINS[random.nextInt(DOMAINS.length)])
                .toLowerCase(Locale.ROOT);
        if (sampleEmails.size() < 3) {
            sampleEmails.add(email);
        }
        Country country = COUNTRIES[random.nextInt(COUNTRIES.length)];
        String phone = country.nationalPhonePrefix() + digits(country.subscriberDigits());
        LocalDate birth = LocalDate.of(1950 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28));
        int sources = 1 + random.nextInt(3);
        for (int s = 0; s < sources; s++) {
            String system = SYSTEMS[s];
            String recordId = system.charAt(0) + "-" + (1000 + n);
            int versions = 1 + (random.nextDouble() < 0.3 ? 1 : 0);
            Instant updated = base.plus(Duration.ofMinutes(random.nextInt(600)));
            for (int v = 0; v < versions; v++) {
                updated = updated.plus(Duration.ofMinutes(1 + random.nextInt(60)));
                ObjectNode record = JSON.createObjectNode().put("schemaVersion", 1).put("sourceSystem", system)
                        .put("sourceRecordId", recordId).put("updatedAt", messyInstant(updated))
                        .put("email", messyEmail(first, last, email));
                if (random.nextDouble() < 0.8) {
                    record.put("phone", phone);
                    record.put("country", country.spellings()[random.nextInt(country.spellings().length)]);
                }
                record.put("fullName", random.nextBoolean() ? "  " + first + "   " + last + " " : first + "\t" + last);
                if (random.nextBoolean()) {
                    record.put("birthDate", messyDate(birth));
                }
                add(system + ":" + recordId, record, new DemoRecord.Trace.CustomerSource("EMAIL#" + email,
                        system + ":" + recordId), "applied");
            }
        }
    }

    private void reject() {
        String system = SYSTEMS[random.nextInt(SYSTEMS.length)];
        String recordId = "r-" + (5000 + recordSeq++);
        String key = system + ":" + recordId;
        ObjectNode record = JSON.createObjectNode().put("schemaVersion", 1).put("sourceSystem", system)
                .put("sourceRecordId", recordId).put("updatedAt", base.toString())
                .put("fullName", FIRST[random.nextInt(FIRST.length)]);
        DemoRecord.Trace none = new DemoRecord.Trace.None();
        switch (random.nextInt(5)) {
            case 0 -> add(key, record.put("email", "n/a").put("phone", "unknown"), none, "NO_CONTACT_POINT");
            case 1 -> add(key, record.put("updatedAt", "03/04/2020").put("email", "reject." + recordId + "@example.com"),
                    none, "INVALID_UPDATED_AT");
            case 2 -> out.add(new DemoRecord(function, key, ("{\"schemaVersion\":1,\"sourceSystem\":\"" + system
                    + "\",\"email\":").getBytes(StandardCharsets.UTF_8), none, "MALFORMED_JSON"));
            case 3 -> add(key, record.put("schemaVersion", 3).put("email", "v3." + recordId + "@example.com"), none,
                    "UNSUPPORTED_SCHEMA_VERSION");
            default -> add("bad:system:" + recordId, record.put("sourceSystem", "bad:system")
                    .put("email", "colon." + recordId + "@example.com"), none, "SCHEMA_VIOLATION");
        }
    }

    private void add(String partitionKey, ObjectNode record, DemoRecord.Trace trace, String expected) {
        byte[] data = record.toString().getBytes(StandardCharsets.UTF_8);
        out.add(new DemoRecord(function, partitionKey, data, trace, expected));
        if (expected.equals("applied") && random.nextDouble() < 0.05) {
            out.add(new DemoRecord(function, partitionKey, data, trace, "duplicate"));
        }
    }

    private String digits(int n) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < n; i++) {
            digits.append(i == 0 ? 2 + random.nextInt(7) : random.nextInt(10));
        }
        return digits.toString();
    }

    private String messyEmail(String first, String last, String email) {
        return switch (random.nextInt(4)) {
            case 0 -> "  " + email.toUpperCase(Locale.ROOT) + " ";
            case 1 -> "mailto:" + email;
            case 2 -> first + " " + last + " <" + email + ">";
            default -> email;
        };
    }

    private String messyInstant(Instant instant) {
        return switch (random.nextInt(3)) {
            case 0 -> instant.toString();
            case 1 -> DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx").withZone(ZoneOffset.ofHours(1))
                    .format(instant);
            default -> Long.toString(instant.getEpochSecond());
        };
    }

    private String messyDate(LocalDate date) {
        return switch (random.nextInt(3)) {
            case 0 -> date.toString();
            case 1 -> DateTimeFormatter.ofPattern("dd.MM.yyyy").format(date);
            default -> DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).format(date);
        };
    }
}
