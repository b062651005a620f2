package com.streamproc.cleansing.traffic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.cleansing.CleansingReasons;
import com.streamproc.cleansing.DataCleansingDescriptor;
import com.streamproc.shared.decode.ReasonCodes;
import com.streamproc.shared.traffic.BenchmarkProfile;
import com.streamproc.shared.traffic.EventPoison;
import com.streamproc.shared.traffic.PartitionTraits;
import com.streamproc.shared.traffic.RecordEffect;
import com.streamproc.shared.traffic.StreamTraffic;
import com.streamproc.shared.traffic.Traffic;
import com.streamproc.shared.traffic.TrafficRecord;
import com.streamproc.shared.traffic.TrafficShape;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
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
 *
 * <p>The edge share: people known to up to four systems (erp too), each source record in one to three versions at
 * times spread over the whole span and sent in any order, some versions of a person sharing one instant; source
 * record ids with non-ASCII letters; e-mails in upper case, padded, as {@code mailto:} or behind a display name;
 * international phone numbers as {@code +44}, {@code 0044} or {@code +44-}, national ones only beside their own
 * country; country codes, alpha-3 codes, names and aliases in several languages; names with accents, also in
 * decomposed Unicode; times as epoch milliseconds (a JSON number), at offsets, or without one; optional fields
 * absent, {@code null}, a placeholder ({@code n/a}), of the wrong JSON type or unusable (an invalid e-mail, an unknown
 * country, a name without letters, an ambiguous or implausible birth date); people known by their phone only;
 * unknown fields. A quarter of the edge stories are single poison records, of each kind in turn: no contact point
 * (two ways), an unreadable or pre-1970 {@code updatedAt}, one in the future, a source system with a colon, no
 * record id, a schema version as a string or from the future, truncated JSON, a byte that is never UTF-8, an
 * unpaired surrogate escape, and a valid record under another record's key. Edge records are drawn from a random of
 * their own, only when the edge share is above 0: at 0 the records are those made before the knob existed.
 *
 * <p>{@link TrafficRecord#stated() Stated} for every record expected applied (and its duplicates):
 * {@code customerKey} ({@code EMAIL#<address>} or {@code PHONE#<E.164>}), {@code source}
 * ({@code system:recordId}), {@code updatedAt} (the instant in UTC, ISO-8601), the usable fields by their stored
 * names with their canonical values ({@code email}, {@code phone} in E.164, {@code fullName}, {@code country} as
 * ISO alpha-2, {@code birthDate} as ISO date), and {@code dropped.<field>} with the field reason of each present but
 * unusable field. A rejected record that names an e-mail states only {@code customerKey}: the customer it would
 * have made, had it been accepted.
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

    /**
     * A country as sources spell it, with a national phone number prefix of its own.
     *
     * @param code       its ISO 3166-1 alpha-2 code, as the function stores it
     * @param e164Prefix the prefix in E.164 form: the calling code and the prefix without its trunk 0
     */
    private record Country(String code, String[] spellings, String nationalPhonePrefix, String e164Prefix,
                           int subscriberDigits) {
    }

    private static final Country[] COUNTRIES = {
        new Country("DE", new String[] {"DE", "Germany", "Deutschland", "DEU"}, "030 ", "+4930", 7),
        new Country("GB", new String[] {"UK", "GB", "United Kingdom", "Great Britain"}, "020 7946 ", "+44207946", 4),
        new Country("US", new String[] {"US", "USA", "U.S.A.", "United States"}, "(212) 7", "+12127", 6),
        new Country("FR", new String[] {"FR", "France", "Frankreich"}, "01 42 ", "+33142", 6),
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
            if (run.edges != null && run.edges.drawStory()) {
                continue;
            }
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
        /** The edge cases, from a random of their own: none at edge share 0, and the other draws untouched. */
        private final Edges edges;
        private int personSeq;
        private int rejectSeq;

        Run(TrafficShape shape) {
            this.shape = shape;
            this.random = new Random(shape.seed());
            this.draws = new Draws(random, shape);
            this.rejectTimes = new Random(shape.seed() + 1);
            this.tag = shape.run().isEmpty() ? "" : shape.run() + "-";
            this.edges = shape.edgeShare() > 0 ? new Edges(this) : null;
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
                List<Map<String, String>> stated = new ArrayList<>();
                for (int v = 0; v < versions; v++) {
                    updated = updated.plus(Duration.ofMinutes(1 + random.nextInt(60)));
                    ObjectNode record = JSON.createObjectNode().put("schemaVersion", 1).put("sourceSystem", system)
                            .put("sourceRecordId", recordId).put("updatedAt", messyInstant(updated))
                            .put("email", messyEmail(first, last, email));
                    Statement statement = new Statement("EMAIL#" + email, system + ":" + recordId, updated)
                            .value("email", email);
                    if (random.nextDouble() < 0.8) {
                        record.put("phone", phone);
                        record.put("country", country.spellings()[random.nextInt(country.spellings().length)]);
                        statement.value("phone", country.e164Prefix() + phone.substring(
                                country.nationalPhonePrefix().length())).value("country", country.code());
                    }
                    record.put("fullName", random.nextBoolean() ? "  " + first + "   " + last + " "
                            : first + "\t" + last);
                    statement.value("fullName", first + " " + last);
                    if (random.nextBoolean()) {
                        record.put("birthDate", messyDate(birth));
                        statement.value("birthDate", birth.toString());
                    }
                    copies.add(record);
                    at.add(updated);
                    stated.add(statement.fields());
                }
                if (versions == 2 && draws.chance(shape.outOfOrderShare() * (1 + UPDATED_TWICE) / UPDATED_TWICE)) {
                    // The second version overtook the first: the older one must not win.
                    java.util.Collections.reverse(copies);
                    java.util.Collections.reverse(at);
                    java.util.Collections.reverse(stated);
                }
                for (int v = 0; v < copies.size(); v++) {
                    add(system + ":" + recordId, copies.get(v), TrafficRecord.APPLIED, at.get(v),
                            RecordEffect.inStringSet(Map.of("customerKey", AttributeValue.fromS("EMAIL#" + email)),
                                    "sources", system + ":" + recordId), stated.get(v));
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
                        none, Map.of());
                case 1 -> add(key, record.put("updatedAt", "03/04/2020").put("email", "reject." + recordId
                        + "@example.com"), "INVALID_UPDATED_AT", sent, none, wouldBe("reject." + recordId));
                case 2 -> {
                    out.add(new TrafficRecord(key, ("{\"schemaVersion\":1,\"sourceSystem\":\"" + system
                            + "\",\"email\":").getBytes(StandardCharsets.UTF_8), "MALFORMED_JSON", none));
                    times.add(sent);
                }
                case 3 -> add(key, record.put("schemaVersion", 3).put("email", "v3." + recordId + "@example.com"),
                        "UNSUPPORTED_SCHEMA_VERSION", sent, none, wouldBe("v3." + recordId));
                default -> add("bad:system:" + recordId, record.put("sourceSystem", "bad:system")
                        .put("email", "colon." + recordId + "@example.com"), "SCHEMA_VIOLATION", sent, none,
                        wouldBe("colon." + recordId));
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
            add(system + ":x-" + recordId, record, "PARTITION_KEY_MISMATCH", sent, RecordEffect.none(),
                    wouldBe("moved." + recordId));
        }

        private void add(String partitionKey, ObjectNode record, String expected, Instant sent, RecordEffect effect,
                         Map<String, String> stated) {
            TrafficRecord generated = new TrafficRecord(partitionKey,
                    record.toString().getBytes(StandardCharsets.UTF_8), expected, effect, stated);
            out.add(generated);
            times.add(sent);
            if (expected.equals(TrafficRecord.APPLIED) && draws.duplicate()) {
                out.add(generated.duplicate());
                times.add(sent.plusMillis(1));
            }
        }

        /** What a rejected record would have stated had it been accepted: the customer it would have made. */
        private static Map<String, String> wouldBe(String emailLocalPart) {
            return Map.of("customerKey", "EMAIL#" + (emailLocalPart + "@example.com").toLowerCase(Locale.ROOT));
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

    /** What a valid record states, under the field names of the class Javadoc. */
    private static final class Statement {
        private final Map<String, String> fields = new HashMap<>();

        Statement(String customerKey, String source, Instant updatedAt) {
            fields.put("customerKey", customerKey);
            fields.put("source", source);
            fields.put("updatedAt", updatedAt.toString());
        }

        Statement value(String field, String value) {
            fields.put(field, value);
            return this;
        }

        Statement drop(String field, String reason) {
            fields.put("dropped." + field, reason);
            return this;
        }

        Map<String, String> fields() {
            return fields;
        }
    }

    /**
     * The records of the edge share: people known to up to four systems, in up to three versions of each source record
     * in any order, at times spread over the whole span, some sharing one instant; ids with non-ASCII letters; every
     * accepted rendering of e-mails, phones, countries, names (also decomposed Unicode), dates and times (epoch
     * milliseconds as a JSON number, offsets, no offset at all); optional fields absent, null, placeholders, of the
     * wrong JSON type or unusable; people known by phone only; unknown fields; and poison of every reason code a
     * Kinesis record can earn here, in turn.
     */
    private static final class Edges extends EdgeStories {
        private static final List<String> SYSTEMS = List.of("crm", "webshop", "support", "erp");
        private static final String[] GIVEN = {"Ada", "Zo\u00eb", "Jos\u00e9", "Li", "Grace", "S\u00f8ren",
            "\u0141ukasz"};
        private static final String[] FAMILY = {"Lovelace", "Bront\u00eb", "O'Neil", "van der Berg", "Nguyen",
            "M\u00fcller"};
        /** Records of an edge story, about: a quarter single poison records, else a person's 1-3 × 1-3 versions. */
        private static final double RECORDS_PER_STORY = 0.25 + 0.75 * 2 * 2 * 1.15;

        private final Run run;
        private int personSeq;
        private int poisonSeq;

        Edges(Run run) {
            super(new Random(run.shape.seed() ^ 0x5EED_ED6EL), run.shape, RECORDS_PER_PERSON, RECORDS_PER_STORY);
            this.run = run;
        }

        /** A person's source records, each in one to three versions, in any order. */
        @Override
        protected void story() {
            int n = personSeq++;
            boolean phoneOnly = random.nextInt(10) == 0;
            String recordId = (random.nextInt(4) == 0 ? "kund\u00e9-" : "e-") + run.tag + n;
            String email = ("edge." + run.tag + n + "@example.com").toLowerCase(Locale.ROOT);
            String digits = String.format(Locale.ROOT, "%03d", n % 1000);
            boolean secondNumber = !phoneOnly && random.nextBoolean();
            String national = secondNumber ? "0113 496 0" + digits : "020 7946 0" + digits;
            String e164 = secondNumber ? "+441134960" + digits : "+442079460" + digits;
            String customerKey = phoneOnly ? "PHONE#" + e164 : "EMAIL#" + email;
            LocalDate birth = LocalDate.of(1950 + n % 50, 1 + n % 12, 13 + n % 15);
            List<String> systems = new ArrayList<>(SYSTEMS);
            Collections.shuffle(systems, random);
            Instant sharedTime = anytime();
            List<TrafficRecord> records = new ArrayList<>();
            List<Instant> times = new ArrayList<>();
            for (String system : systems.subList(0, 1 + random.nextInt(3))) {
                int versions = 1 + random.nextInt(3);
                for (int v = 0; v < versions; v++) {
                    // Sometimes two statements share an instant: the source, then the value, breaks the tie.
                    Instant updatedAt = random.nextInt(6) == 0 ? sharedTime : anytime();
                    Statement statement = new Statement(customerKey, system + ":" + recordId, updatedAt);
                    ObjectNode json = JSON.createObjectNode().put("schemaVersion", 1).put("sourceSystem", system)
                            .put("sourceRecordId", recordId);
                    instant(json, updatedAt);
                    contactPoints(json, statement, phoneOnly, n, email, national, e164);
                    name(json, statement, system + v);
                    birthDate(json, statement, birth);
                    if (random.nextInt(8) == 0) {
                        json.putObject("loyalty").put("tier", "gold"); // unknown fields are ignored
                    }
                    TrafficRecord record = new TrafficRecord(system + ":" + recordId,
                            json.toString().getBytes(StandardCharsets.UTF_8), TrafficRecord.APPLIED,
                            RecordEffect.inStringSet(Map.of("customerKey", AttributeValue.fromS(customerKey)),
                                    "sources", system + ":" + recordId), statement.fields());
                    records.add(record);
                    times.add(updatedAt);
                    if (draws.duplicate()) {
                        records.add(record.duplicate());
                        times.add(updatedAt.plusMillis(1));
                    }
                }
            }
            // A source record's versions arrive in any order: the merge must not care.
            long order = random.nextLong();
            Collections.shuffle(records, new Random(order));
            Collections.shuffle(times, new Random(order));
            run.out.addAll(records);
            run.times.addAll(times);
        }

        private void contactPoints(ObjectNode json, Statement statement, boolean phoneOnly, int n, String email,
                                   String national, String e164) {
            if (!phoneOnly) {
                json.put("email", email(email));
                statement.value("email", email);
            } else {
                switch (random.nextInt(3)) {
                    case 0 -> {
                        json.put("email", "edge" + n + "@");
                        statement.drop("email", "INVALID_EMAIL");
                    }
                    case 1 -> json.putNull("email");
                    default -> {
                    }
                }
            }
            int countryChoice = random.nextInt(10);
            boolean inGb = countryChoice < 5;
            if (inGb) {
                json.put("country", pick("GB", "UK", "United Kingdom", "gbr", "Great Britain", " u.k. "));
                statement.value("country", "GB");
            } else if (countryChoice < 8) {
                json.put("country", pick("Germany", "DE", "deu", "Deutschland"));
                statement.value("country", "DE");
            } else if (countryChoice == 8) {
                json.put("country", "Atlantis");
                statement.drop("country", "UNKNOWN_COUNTRY");
            } else if (random.nextBoolean()) {
                json.putNull("country");
            }
            if (phoneOnly || random.nextInt(4) > 0) {
                // A national number only where the record's own country says whose it is; "00" dials abroad only
                // from a known country: without one, only the "+" form says whose number it is.
                String international = countryChoice < 8 ? pick("+44", "0044", "+44-") : pick("+44", "+44-");
                json.put("phone", inGb && random.nextBoolean() ? national
                        : international + " " + national.substring(1));
                statement.value("phone", e164);
            }
        }

        private void name(ObjectNode json, Statement statement, String suffix) {
            switch (random.nextInt(7)) {
                case 0, 1, 2, 3 -> {
                    String name = pick(GIVEN) + " " + pick(FAMILY) + " " + suffix;
                    String spaced = " " + name.replace(" ", random.nextBoolean() ? "   " : "\t") + "  ";
                    json.put("fullName", random.nextInt(4) == 0
                            ? Normalizer.normalize(spaced, Normalizer.Form.NFD) : spaced);
                    statement.value("fullName", name);
                }
                case 4 -> {
                    json.put("fullName", " --- ");
                    statement.drop("fullName", "INVALID_NAME");
                }
                case 5 -> {
                    json.putObject("fullName").put("given", pick(GIVEN));
                    statement.drop("fullName", "WRONG_TYPE");
                }
                default -> {
                }
            }
        }

        private void birthDate(ObjectNode json, Statement statement, LocalDate birth) {
            switch (random.nextInt(8)) {
                case 0 -> {
                    json.put("birthDate", "03/04/1990");
                    statement.drop("birthDate", "AMBIGUOUS_DATE");
                }
                case 1 -> {
                    json.put("birthDate", "1850-01-01");
                    statement.drop("birthDate", "IMPLAUSIBLE_BIRTH_DATE");
                }
                case 2, 3, 4 -> {
                    json.put("birthDate", date(birth));
                    statement.value("birthDate", birth.toString());
                }
                case 5 -> json.put("birthDate", "n/a"); // a placeholder: absent, not broken
                case 6 -> json.putNull("birthDate");
                default -> {
                }
            }
        }

        @Override
        protected void poison() {
            int n = poisonSeq++;
            String system = pick(SYSTEMS.toArray(String[]::new));
            String recordId = "x-" + run.tag + n;
            String email = ("bad." + run.tag + n + "@example.com").toLowerCase(Locale.ROOT);
            ObjectNode json = JSON.createObjectNode().put("schemaVersion", 1).put("sourceSystem", system)
                    .put("sourceRecordId", recordId).put("updatedAt", anytime().toString()).put("email", email)
                    .put("fullName", "Edge Case " + n);
            // Every kind in turn: the contract's, then the shared decoder's, then the key rule's.
            List<EventPoison> kinds = List.of(
                    EventPoison.edited(CleansingReasons.NO_CONTACT_POINT, record -> {
                        record.remove("email");
                        record.put("phone", "n/a");
                    }),
                    EventPoison.edited(CleansingReasons.NO_CONTACT_POINT,
                            record -> record.put("email", "not-an-address").put("phone", "12")),
                    EventPoison.edited(CleansingReasons.INVALID_UPDATED_AT, record -> record.put("updatedAt",
                            "03/04/2025")),
                    EventPoison.edited(CleansingReasons.INVALID_UPDATED_AT,
                            record -> record.put("updatedAt", "1969-07-20T20:17:00Z")),
                    EventPoison.edited(CleansingReasons.UPDATED_AT_IN_FUTURE,
                            record -> record.put("updatedAt", "2999-01-01T00:00:00Z")),
                    EventPoison.edited(ReasonCodes.SCHEMA_VIOLATION,
                            record -> record.put("sourceSystem", system + ":eu")),
                    EventPoison.without("sourceRecordId"),
                    EventPoison.schemaVersionAsText(),
                    EventPoison.futureSchemaVersion(),
                    EventPoison.truncated(),
                    EventPoison.notUtf8(),
                    EventPoison.unpairedSurrogate("Edge Case", "Edge ", "Case"),
                    EventPoison.underAnotherKey());
            EventPoison kind = kinds.get(n % kinds.size());
            byte[] data = kind.bytes(json, random);
            // A valid record under another record's key; without a contact point, no customer it would have made.
            String key = kind.misrouted() ? system + ":y-" + recordId : system + ":" + recordId;
            Map<String, String> wouldBe = kind.reasonCode().equals(CleansingReasons.NO_CONTACT_POINT) ? Map.of()
                    : Map.of("customerKey", "EMAIL#" + email);
            run.out.add(new TrafficRecord(key, data, kind.reasonCode(), RecordEffect.none(), wouldBe));
            run.times.add(anytime());
        }

        /** A minute within the span, uniformly. */
        private Instant anytime() {
            return run.shape.start().plus(Duration.ofMinutes(random.nextInt(
                    (int) Math.max(1, Math.min(Integer.MAX_VALUE, run.shape.span().toMinutes())))));
        }

        private void instant(ObjectNode json, Instant instant) {
            switch (random.nextInt(5)) {
                case 0 -> json.put("updatedAt", instant.toEpochMilli());
                case 1 -> json.put("updatedAt", instant.atOffset(ZoneOffset.ofHours(2)).toString());
                case 2 -> json.put("updatedAt", DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
                        .format(instant.atOffset(ZoneOffset.UTC)));
                case 3 -> json.put("updatedAt", DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx")
                        .format(instant.atOffset(ZoneOffset.ofHoursMinutes(-9, -30))));
                default -> json.put("updatedAt", instant.toString());
            }
        }

        private String email(String email) {
            return switch (random.nextInt(5)) {
                case 0 -> email.toUpperCase(Locale.ROOT);
                case 1 -> "  " + Character.toUpperCase(email.charAt(0)) + email.substring(1) + " ";
                case 2 -> "mailto:" + email;
                case 3 -> "Someone <" + email.replace("example", "EXAMPLE") + ">";
                default -> email;
            };
        }

        private String date(LocalDate date) {
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
}
