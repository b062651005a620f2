package com.streamproc.shared.testing.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.shared.testing.fuzz.FuzzBatch.PartKind;
import com.streamproc.shared.testing.fuzz.FuzzJson.Member;
import com.streamproc.shared.testing.fuzz.FuzzJson.Obj;
import com.streamproc.shared.testing.fuzz.FuzzJson.Str;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fuzz toolkit writes what it claims to: otherwise the fuzz properties would test less than they say. */
class FuzzToolkitTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void unpairedSurrogatesAreWrittenAsEscapesThatAParserTurnsBackIntoThem() throws Exception {
        String hostile = "a\uD800b\uDC00c\uD83D\uDE00\u2028\uFEFF\u0000";
        byte[] utf8 = new Obj(List.of(new Member("v", new Str(hostile)))).utf8();

        assertThat(new String(utf8, StandardCharsets.UTF_8)).contains("\\ud800").contains("\\udc00")
                .contains("\uD83D\uDE00").contains("\u2028").contains("\\u0000");
        assertThat(JSON.readTree(utf8).get("v").textValue()).isEqualTo(hostile);
    }

    @Test
    void aMemberNameCanBeGivenTwice() throws Exception {
        Obj object = new Obj(List.of(new Member("id", new Str("first")), new Member("id", new Str("last"))));

        assertThat(object.write()).isEqualTo("{\"id\":\"first\",\"id\":\"last\"}");
        assertThat(JSON.readTree(object.write()).get("id").textValue()).isEqualTo("last");
        assertThat(object.get("id")).isEqualTo(new Str("last"));
    }

    @Test
    void mutationsUseEveryKindAndLeaveMostOutputReadableAsUtf8() {
        ObjectNode event = JSON.createObjectNode().put("id", "e-1").put("occurredAt", "2026-11-27T10:00:00Z")
                .put("amount", "12.50");
        event.putArray("items").addObject().put("sku", "s-1").put("quantity", 2);
        Random random = new Random(7);
        Set<Mutation.Kind> seen = EnumSet.noneOf(Mutation.Kind.class);
        int strictJson = 0;
        for (int i = 0; i < 3_000; i++) {
            Mutation.Mutant mutant = Mutation.of(random, event, Set.of("occurredAt"));
            mutant.changes().forEach(change -> seen.add(Mutation.Kind.valueOf(change.split(" ")[0])));
            if (parsesStrictly(mutant.data())) {
                strictJson++;
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(Mutation.Kind.values());
        // Mostly well-formed JSON with hostile content, not mostly garbage the parser stops at.
        assertThat(strictJson).isGreaterThan(1_500);
    }

    @Test
    void aBatchRendersEveryKindOfPartUnderItsNamespace() {
        FuzzBatch.Family family = new FuzzBatch.Family() {
            @Override
            public List<ObjectNode> validEvents(Random random, String entityId) {
                return List.of(JSON.createObjectNode().put("key", "k-" + entityId).put("n", 1),
                        JSON.createObjectNode().put("key", "k-" + entityId).put("n", 2));
            }

            @Override
            public String partitionKey(ObjectNode event) {
                return event.get("key").asText();
            }

            @Override
            public Set<String> dateFields() {
                return Set.of();
            }
        };
        List<FuzzBatch.Part> parts = new ArrayList<>();
        for (PartKind kind : PartKind.values()) {
            parts.add(new FuzzBatch.Part(kind, kind.ordinal()));
        }
        parts.add(new FuzzBatch.Part(PartKind.NEAR_LIMIT, 99)); // a second one: rendered as a mutant

        FuzzBatch batch = FuzzBatch.render(parts, family, "ns1");

        assertThat(batch.records()).extracting(FuzzBatch.FuzzRecord::kind)
                .containsAll(EnumSet.allOf(PartKind.class))
                .filteredOn(kind -> kind == PartKind.NEAR_LIMIT).hasSize(1);
        assertThat(batch.records()).filteredOn(FuzzBatch.FuzzRecord::mustApply)
                .extracting(FuzzBatch.FuzzRecord::partitionKey).containsOnly("k-ns1-0");
        assertThat(batch.groups()).singleElement().satisfies(group -> assertThat(group.sharedWithArbitrary()).isTrue());
        assertThat(batch.records()).filteredOn(r -> r.kind() == PartKind.WRONG_KEY_COPY)
                .allSatisfy(r -> assertThat(r.partitionKey()).isNotEqualTo("k-ns1-0"));
        assertThat(batch.records()).filteredOn(r -> r.kind() == PartKind.NEAR_LIMIT)
                .allSatisfy(r -> assertThat(r.data().length).isBetween(1024 * 1024 - 64 * 1024, 1024 * 1024 + 64));
    }

    private static boolean parsesStrictly(byte[] data) {
        try (JsonParser parser = JSON.getFactory().createParser(data)) {
            JsonNode node = JSON.readTree(parser);
            return node != null && parser.nextToken() == null;
        } catch (Exception e) {
            return false;
        }
    }
}
