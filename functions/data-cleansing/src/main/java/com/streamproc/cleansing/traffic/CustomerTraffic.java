package com.streamproc.cleansing.traffic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.cleansing.DataCleansingDescriptor;
import com.streamproc.shared.traffic.BenchmarkProfile;
import com.streamproc.shared.traffic.PartitionTraits;
import com.streamproc.shared.traffic.RecordEffect;
import com.streamproc.shared.traffic.StreamTraffic;
import com.streamproc.shared.traffic.Traffic;
import com.streamproc.shared.traffic.TrafficRecord;
import com.streamproc.shared.traffic.TrafficShape;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Customer records of one person from up to three source systems (crm, webshop, support), each in its own messy
 * shape (e-mail case, spaces, {@code mailto:}, display names; national phone numbers with country names in several
 * languages; several date formats), 30 % of source records updated a second time, following
 * docs/functions/data-cleansing.md. Sent {@link TrafficShape.SendOrder#AS_PRODUCED as produced}, a person's records
 * go together, as one sync job sending every source's copy would send them; {@link
 * TrafficShape.SendOrder#BY_EVENT_TIME by event time}, in the order of their update time, so that one person's
 * records from different systems arrive spread over the span, as each source system sends its own changes when they
 * happen. People are not skewed (each is new); the key skew does not apply. The shares: duplicates are producer
 * retries; out of order, a source record's second version sent before its first; poison, no contact point, an
 * ambiguous date, broken JSON, a schema version from the future, a source system with a colon; invalid, a record
 * under another record's partition key. An applied record shows in its customer's {@code sources}.
 */
public final class CustomerTraffic extends StreamTraffic {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FIRST = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret",
        "Ken", "Frances", "John", "Radia", "Tim", "Hedy", "Niklaus", "Katherine", "Linus"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth",
        "Hamilton", "Thompson", "Allen", "Backus", "Perlman", "Berners-Lee", "Lamarr", "Wirth", "Johnson"};
    private static final String[] DOMAINS = {"example.com", "example.org", "example.net"};
    private static final String[] SYSTEMS = {"crm", "webshop", "support"};
    /** The longest a source record's updates take: a first update and a second up to an hour later each. */
    private static final Duration UPDATES = Duration.ofHours(2);
    /** Records of a person, about: 1-3 systems, 30 % of them updated twice, and the duplicates. */
    private static final double RECORDS_PER_PERSON = 2 * 1.3 * 1.05;
    /** Source records with a second version. */
    private static final double UPDATED_TWICE = 0.3;

    private record Country(String[] spellings, String nationalPhonePrefix, int subscriberDigits) {
    }

    private static final Country[] COUNTRIES = {
        new Country(new String[] {"DE", "Germany", "Deutschland", "DEU"}, "030 ", 7),
        new Country(new String[] {"UK", "GB", "United Kingdom", "Great Britain"}, "020 7946 ", 4),
        new Country(new String[] {"US", "USA", "U.S.A.", "United States"}, "(212) 7", 6),
        new Country(new String[] {"FR", "France", "Frankreich"}, "01 42 ", 6),
    };

    public CustomerTraffic() {
        super(DataCleansingDescriptor.NAME, "sourceRecordId", 0.2);
    }

    /** Twelve hours of updates; 5 % duplicates, 1 % second versions before first ones, 5 % rejects. */
    @Override
    public TrafficShape typical(int count, long seed) {
        return TrafficShape.of(count, seed).withTimes(TrafficShape.DEFAULT_START, Duration.ofHours(12))
                .withKeySkew(0).withShares(0.05, 0.01, 0.05, 0);
    }

    @Override
    public BenchmarkProfile benchmark() {
        // Update times are messy and key no item; a phone number is one person's.
        return new BenchmarkProfile("cleansing", Set.of("version"), null, 1.0, OptionalDouble.empty(), true)
                .withPartitionTraits(PartitionTraits.none().withPerEntityIndexes("byPhone"));
    }

    @Override
    public Traffic traffic(TrafficShape shape) {
        Run run = new Run(shape);
        while (run.out.size() < shape.count()) {
            switch (run.draws.kind(RECORDS_PER_PERSON)) {
                case POISON -> run.reject();
                case INVALID -> run.misrouted();
                case VALID -> run.person();
            }
        }
        int count = shape.count();
        List<TrafficRecord> records = sendOrder(shape, run.out.subList(0, count), run.times.subList(0, count));
        return new Traffic(records, run.emails, shape.count() + " source records of " + run.personSeq
                + " people from 1-3 systems, messy formats, 30 % updated twice, a person's records "
                + (shape.order() == TrafficShape.SendOrder.BY_EVENT_TIME ? "spread over the span" : "together")
                + " (" + shape.describe() + ")");
    }

    private static final class Run {
        private final TrafficShape shape;
        private final Random random;
        private final Draws draws;
        /** Send times of rejects, from a random of their own, so that the records are the seed's whatever the order. */
        private final Random rejectTimes;
        private final String tag;
        private final List<TrafficRecord> out = new ArrayList<>();
        /** When each record of {@link #out} was updated at its source: the order of a run by event time. */
        private final List<Instant> times = new ArrayList<>();
        private final List<String> emails = new ArrayList<>();
        private int personSeq;
        private int rejectSeq;

        Run(TrafficShape shape) {
            this.shape = shape;
            this.random = new Random(shape.seed());
            this.draws = new Draws(random, shape);
            this.rejectTimes = new Random(shape.seed() + 1);
            this.tag = shape.run().isEmpty() ? "" : shape.run() + "-";
        }

        void person() {
            int n = personSeq++;
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            String email = (first + "." + last + "." + tag + n + "@" + DOMAINS[random.nextInt(DOMAINS.length)])
                    .toLowerCase(Locale.ROOT);
            if (emails.size() < 3) {
                emails.add(email);
            }
            Country country = COUNTRIES[random.nextInt(COUNTRIES.length)];
            String phone = country.nationalPhonePrefix() + digits(country.subscriberDigits());
            LocalDate birth = LocalDate.of(1950 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28));
            long firstUpdates = Math.max(1, shape.span().minus(UPDATES).toMinutes());
            int sources = 1 + random.nextInt(3);
            for (int s = 0; s < sources; s++) {
                String system = SYSTEMS[s];
                String recordId = system.charAt(0) + "-" + tag + (100_000 + n);
                int versions = random.nextDouble() < UPDATED_TWICE ? 2 : 1;
                Instant updated = shape.start().plus(Duration.ofMinutes((long) (random.nextDouble() * firstUpdates)));
                List<ObjectNode> copies = new ArrayList<>();
                List<Instant> at = new ArrayList<>();
                for (int v = 0; v < versions; v++) {
                    updated = updated.plus(Duration.ofMinutes(1 + random.nextInt(60)));
                    ObjectNode record = JSON.createObjectNode().put("schemaVersion", 1).put("sourceSystem", system)
                            .put("sourceRecordId", recordId).put("updatedAt", messyInstant(updated))
                            .put("email", messyEmail(first, last, email));
                    if (random.nextDouble() < 0.8) {
                        record.put("phone", phone);
                        record.put("country", country.spellings()[random.nextInt(country.spellings().length)]);
                    }
                    record.put("fullName", random.nextBoolean() ? "  " + first + "   " + last + " "
                            : first + "\t" + last);
                    if (random.nextBoolean()) {
                        record.put("birthDate", messyDate(birth));
                    }
                    copies.add(record);
                    at.add(updated);
                }
                if (versions == 2 && draws.chance(shape.outOfOrderShare() * (1 + UPDATED_TWICE) / UPDATED_TWICE)) {
                    // The second version overtook the first: the older one must not win.
                    java.util.Collections.reverse(copies);
                    java.util.Collections.reverse(at);
                }
                for (int v = 0; v < copies.size(); v++) {
                    add(system + ":" + recordId, copies.get(v), TrafficRecord.APPLIED, at.get(v),
                            RecordEffect.inStringSet(Map.of("customerKey", AttributeValue.fromS("EMAIL#" + email)),
                                    "sources", system + ":" + recordId));
                }
            }
        }

        void reject() {
            String system = SYSTEMS[random.nextInt(SYSTEMS.length)];
            String recordId = "r-" + tag + (500_000 + rejectSeq++);
            String key = system + ":" + recordId;
            ObjectNode record = JSON.createObjectNode().put("schemaVersion", 1).put("sourceSystem", system)
                    .put("sourceRecordId", recordId).put("updatedAt", shape.start().toString())
                    .put("fullName", FIRST[random.nextInt(FIRST.length)]);
            Instant sent = shape.start().plus(Duration.ofMinutes(rejectTimes.nextInt(
                    (int) Math.max(1, shape.span().toMinutes()))));
            RecordEffect none = RecordEffect.none();
            switch (random.nextInt(5)) {
                case 0 -> add(key, record.put("email", "n/a").put("phone", "unknown"), "NO_CONTACT_POINT", sent,
                        none);
                case 1 -> add(key, record.put("updatedAt", "03/04/2020").put("email", "reject." + recordId
                        + "@example.com"), "INVALID_UPDATED_AT", sent, none);
                case 2 -> {
                    out.add(new TrafficRecord(key, ("{\"schemaVersion\":1,\"sourceSystem\":\"" + system
                            + "\",\"email\":").getBytes(StandardCharsets.UTF_8), "MALFORMED_JSON", none));
                    times.add(sent);
                }
                case 3 -> add(key, record.put("schemaVersion", 3).put("email", "v3." + recordId + "@example.com"),
                        "UNSUPPORTED_SCHEMA_VERSION", sent, none);
                default -> add("bad:system:" + recordId, record.put("sourceSystem", "bad:system")
                        .put("email", "colon." + recordId + "@example.com"), "SCHEMA_VIOLATION", sent, none);
            }
        }

        /** A valid record under the key of another source record: the key rule quarantines it. */
        void misrouted() {
            String system = SYSTEMS[random.nextInt(SYSTEMS.length)];
            String recordId = "m-" + tag + (500_000 + rejectSeq++);
            ObjectNode record = JSON.createObjectNode().put("schemaVersion", 1).put("sourceSystem", system)
                    .put("sourceRecordId", recordId).put("updatedAt", shape.start().toString())
                    .put("email", "moved." + recordId + "@example.com");
            Instant sent = shape.start().plus(Duration.ofMinutes(rejectTimes.nextInt(
                    (int) Math.max(1, shape.span().toMinutes()))));
            add(system + ":x-" + recordId, record, "PARTITION_KEY_MISMATCH", sent, RecordEffect.none());
        }

        private void add(String partitionKey, ObjectNode record, String expected, Instant sent, RecordEffect effect) {
            TrafficRecord generated = new TrafficRecord(partitionKey,
                    record.toString().getBytes(StandardCharsets.UTF_8), expected, effect);
            out.add(generated);
            times.add(sent);
            if (expected.equals(TrafficRecord.APPLIED) && draws.duplicate()) {
                out.add(generated.duplicate());
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
}
