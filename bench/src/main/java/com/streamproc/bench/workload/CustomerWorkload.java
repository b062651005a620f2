package com.streamproc.bench.workload;

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
 * Customer records of one person from up to three source systems, each in its own messy shape (e-mail case,
 * spaces, {@code mailto:}, display names; national phone numbers with country names in several languages; several
 * date formats), 30 % updated a second time, 5 % producer duplicates, about 5 % rejects (no contact point, an
 * ambiguous date, broken JSON), following docs/functions/data-cleansing.md. {@link #generate}: a person's records
 * are produced together, as one sync job sending every source's copy would send them; {@link #generateSpread}: the
 * same records in the order of their update time, so that one person's records from different systems arrive
 * spread over the day (about 11 hours of updates), as each source system sends its own changes when they happen.
 */
public final class CustomerWorkload {
    public static final Instant BASE = Instant.parse("2025-06-01T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FIRST = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret",
        "Ken", "Frances", "John", "Radia", "Tim", "Hedy", "Niklaus", "Katherine", "Linus"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth",
        "Hamilton", "Thompson", "Allen", "Backus", "Perlman", "Berners-Lee", "Lamarr", "Wirth", "Johnson"};
    private static final String[] DOMAINS = {"example.com", "example.org", "example.net"};
    private static final String[] SYSTEMS = {"crm", "webshop", "support"};

    private record Country(String[] spellings, String nationalPhonePrefix, int subscriberDigits) {
    }

    private static final Country[] COUNTRIES = {
        new Country(new String[] {"DE", "Germany", "Deutschland", "DEU"}, "030 ", 7),
        new Country(new String[] {"UK", "GB", "United Kingdom", "Great Britain"}, "020 7946 ", 4),
        new Country(new String[] {"US", "USA", "U.S.A.", "United States"}, "(212) 7", 6),
        new Country(new String[] {"FR", "France", "Frankreich"}, "01 42 ", 6),
    };

    private final Random random;
    private final List<WorkloadRecord> out = new ArrayList<>();
    /** When each record of {@link #out} was updated at its source: the order {@link #generateSpread} sends them in. */
    private final List<Instant> times = new ArrayList<>();
    private int personSeq;
    private int rejectSeq;

    private final Random rejectTimes;

    private CustomerWorkload(long seed) {
        this.random = new Random(seed);
        this.rejectTimes = new Random(seed + 1);
    }

    public static Workload generate(int records, long seed) {
        CustomerWorkload generator = generated(records, seed);
        return new Workload("data-cleansing", seed, generator.out.subList(0, records),
                records + " source records of " + generator.personSeq + " people from 1-3 systems (messy formats, "
                        + "30 % updated twice, 5 % duplicates, ~5 % rejects); a person's records together");
    }

    /** The records of {@link #generate} in the order of their update time. */
    public static Workload generateSpread(int records, long seed) {
        CustomerWorkload generator = generated(records, seed);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparing(generator.times::get));
        List<WorkloadRecord> spread = order.stream().map(generator.out::get).toList();
        return new Workload("data-cleansing", seed, spread,
                records + " source records of " + generator.personSeq + " people from 1-3 systems (as above), "
                        + "sent in the order of their update time: a person's records from different systems "
                        + "arrive spread over about 11 hours of updates");
    }

    private static CustomerWorkload generated(int records, long seed) {
        CustomerWorkload generator = new CustomerWorkload(seed);
        while (generator.out.size() < records) {
            if (generator.random.nextDouble() < 0.05) {
                generator.reject();
            } else {
                generator.person();
            }
        }
        return generator;
    }

    private void person() {
        int n = personSeq++;
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        String email = (first + "." + last + "." + n + "@" + DOMAINS[random.nextInt(DOMAINS.length)])
                .toLowerCase(Locale.ROOT);
        Country country = COUNTRIES[random.nextInt(COUNTRIES.length)];
        String phone = country.nationalPhonePrefix() + digits(country.subscriberDigits());
        LocalDate birth = LocalDate.of(1950 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28));
        int sources = 1 + random.nextInt(3);
        for (int s = 0; s < sources; s++) {
            String system = SYSTEMS[s];
            String recordId = system.charAt(0) + "-" + (100_000 + n);
            int versions = random.nextDouble() < 0.3 ? 2 : 1;
            Instant updated = BASE.plus(Duration.ofMinutes(random.nextInt(600)));
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
                add(system + ":" + recordId, record, "applied", updated);
            }
        }
    }

    private void reject() {
        String system = SYSTEMS[random.nextInt(SYSTEMS.length)];
        String recordId = "r-" + (500_000 + rejectSeq++);
        String key = system + ":" + recordId;
        ObjectNode record = JSON.createObjectNode().put("schemaVersion", 1).put("sourceSystem", system)
                .put("sourceRecordId", recordId).put("updatedAt", BASE.toString())
                .put("fullName", FIRST[random.nextInt(FIRST.length)]);
        // From a random of its own, so that the records themselves are those of the seed whatever the order.
        Instant sent = BASE.plus(Duration.ofMinutes(rejectTimes.nextInt(660)));
        switch (random.nextInt(3)) {
            case 0 -> add(key, record.put("email", "n/a").put("phone", "unknown"), "NO_CONTACT_POINT", sent);
            case 1 -> add(key, record.put("updatedAt", "03/04/2020").put("email", "reject." + recordId + "@example.com"),
                    "INVALID_UPDATED_AT", sent);
            default -> {
                out.add(new WorkloadRecord(key, ("{\"schemaVersion\":1,\"sourceSystem\":\"" + system
                        + "\",\"email\":").getBytes(StandardCharsets.UTF_8), "MALFORMED_JSON"));
                times.add(sent);
            }
        }
    }

    private void add(String partitionKey, ObjectNode record, String expected, Instant sent) {
        byte[] data = record.toString().getBytes(StandardCharsets.UTF_8);
        out.add(new WorkloadRecord(partitionKey, data, expected));
        times.add(sent);
        if (expected.equals("applied") && random.nextDouble() < 0.05) {
            out.add(new WorkloadRecord(partitionKey, data, "duplicate"));
            times.add(sent.plusMillis(1));
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
