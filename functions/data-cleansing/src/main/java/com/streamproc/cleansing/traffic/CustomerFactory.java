package com.streamproc.cleansing.traffic;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.shared.function.SyntheticEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Customer records of a pool of fictional people (about one per three records), as three source systems write
 * them: e-mail case and spacing vary, phones are written nationally or internationally, names and countries in
 * different forms. Only reserved example domains and fictional number ranges are used.
 */
final class CustomerFactory implements SyntheticEvents.Generator {
    private static final List<String> SOURCES = List.of("crm", "shop", "support");
    private static final List<String> FIRST = List.of("Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances",
            "Ken", "Radia", "Tim");
    private static final List<String> LAST = List.of("Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth",
            "Allen", "Thompson", "Perlman", "Berners-Lee");

    private final Random random;
    private final Clock clock;
    private final String run;
    private final int people;
    private long records;

    CustomerFactory(Random random, Clock clock, String run, long events) {
        this.random = random;
        this.clock = clock;
        this.run = run;
        this.people = (int) Math.max(2, Math.min(100_000, events / 3));
    }

    @Override
    public String keyField() {
        return "sourceRecordId";
    }

    @Override
    public ObjectNode next() {
        records++;
        int person = 1 + random.nextInt(people);
        String first = FIRST.get(person % FIRST.size());
        String last = LAST.get((person / FIRST.size()) % LAST.size());
        boolean uk = person % 2 == 0;
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("schemaVersion", 1);
        String source = SOURCES.get(random.nextInt(SOURCES.size()));
        event.put("sourceSystem", source);
        event.put("sourceRecordId", run + "-" + person + "-" + records);
        event.put("updatedAt", clock.instant().minus(Duration.ofMinutes(random.nextInt(60 * 24 * 30)))
                .truncatedTo(ChronoUnit.SECONDS).toString());
        String email = (first + "." + last.replace("-", "") + "." + run + "." + person + "@example.com");
        event.put("email", switch (random.nextInt(3)) {
            case 0 -> email.toLowerCase(Locale.ROOT);
            case 1 -> "  " + email + " ";
            default -> email.toUpperCase(Locale.ROOT);
        });
        // Ofcom's drama range (020 7946 0000-0999) and a Berlin number: valid in form, never anyone's.
        String number = String.format("%03d", person % 1000);
        if (uk) {
            event.put("phone", random.nextBoolean() ? "020 7946 0" + number : "+44 20 7946 0" + number);
            event.put("country", random.nextBoolean() ? "GB" : "United Kingdom");
        } else {
            event.put("phone", random.nextBoolean() ? "030 901820" + number.charAt(2) + number.substring(0, 2)
                    : "+49 30 901820" + number.charAt(2) + number.substring(0, 2));
            event.put("country", random.nextBoolean() ? "DE" : "Germany");
        }
        event.put("fullName", random.nextBoolean() ? first + " " + last
                : "  " + first.toLowerCase(Locale.ROOT) + "  " + last.toUpperCase(Locale.ROOT));
        if (random.nextBoolean()) {
            event.put("birthDate", LocalDate.of(1950 + person % 50, 1 + person % 12, 1 + person % 28).toString());
        }
        return event;
    }

    @Override
    public ObjectNode invalid() {
        ObjectNode event = next();
        // Neither a usable e-mail nor a usable phone: NO_CONTACT_POINT.
        event.put("email", "not-an-address");
        event.remove("phone");
        return event;
    }
}
