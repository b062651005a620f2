package com.streamproc.activity.traffic;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.shared.function.SyntheticEvents;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Activity events of a pool of users (about one user per ten events), each in a session. */
final class ActivityFactory implements SyntheticEvents.Generator {
    private static final List<String> ACTIONS = List.of("page_view", "page_view", "page_view", "search", "click",
            "add_to_cart", "checkout", "login", "logout");
    private static final List<String> PAGES = List.of("/", "/products", "/products/42", "/cart", "/help");

    private final Random random;
    private final Clock clock;
    private final String run;
    private final int users;

    ActivityFactory(Random random, Clock clock, String run, long events) {
        this.random = random;
        this.clock = clock;
        this.run = run;
        this.users = (int) Math.max(3, Math.min(10_000, events / 10));
    }

    @Override
    public String keyField() {
        return "userId";
    }

    @Override
    public ObjectNode next() {
        int user = 1 + random.nextInt(users);
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("schemaVersion", 1);
        event.put("eventId", new UUID(random.nextLong(), random.nextLong()).toString());
        event.put("userId", "user-" + run + "-" + String.format("%05d", user));
        String action = ACTIONS.get(random.nextInt(ACTIONS.size()));
        event.put("action", action);
        event.put("occurredAt", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        event.put("sessionId", "sess-" + run + "-" + user + "-" + clock.instant().getEpochSecond() / 1800);
        ObjectNode attributes = event.putObject("attributes");
        attributes.put("page", PAGES.get(random.nextInt(PAGES.size())));
        if (action.equals("add_to_cart")) {
            attributes.put("quantity", 1 + random.nextInt(3));
        }
        return event;
    }

    @Override
    public ObjectNode invalid() {
        ObjectNode event = next();
        // Upper case and a space are outside [a-z0-9_.-]: INVALID_ACTION.
        event.put("action", "Page View");
        return event;
    }
}
