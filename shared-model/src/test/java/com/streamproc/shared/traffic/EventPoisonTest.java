package com.streamproc.shared.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.shared.decode.JsonRecordDecoder;
import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.decode.ReasonCodes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventPoisonTest {
    record Sample(@JsonProperty(required = true) int schemaVersion, @JsonProperty(required = true) String id,
                  String name) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonRecordDecoder<Sample> decoder = new JsonRecordDecoder<>(Sample.class);

    private static ObjectNode validEvent() {
        return JSON.createObjectNode().put("schemaVersion", 1).put("id", "a-1").put("name", "Ada Lovelace");
    }

    @Test
    void theSharedKindsAreRefusedByTheSharedDecoderWithTheirReasonCodeWhereverTheyBreakTheEvent() {
        List<EventPoison> kinds = List.of(EventPoison.empty(), EventPoison.truncated(), EventPoison.notUtf8(),
                EventPoison.unpairedSurrogate("Ada", "A", "da"), EventPoison.schemaVersionAsText(),
                EventPoison.without("id"));

        for (EventPoison kind : kinds) {
            for (long seed = 0; seed < 200; seed++) {
                byte[] data = kind.bytes(validEvent(), new Random(seed));

                assertThat(refusal(data)).as(new String(data, StandardCharsets.UTF_8)).isEqualTo(kind.reasonCode());
            }
        }
        assertThat(refusal(validEvent().toString().getBytes(StandardCharsets.UTF_8))).isEqualTo("ACCEPTED");
    }

    @Test
    void aFutureSchemaVersionIsTheEventAtVersionTwo() throws Exception {
        byte[] data = EventPoison.futureSchemaVersion().bytes(validEvent(), new Random(1));

        assertThat(decoder.decode(ByteBuffer.wrap(data))).isEqualTo(new Sample(2, "a-1", "Ada Lovelace"));
        assertThat(EventPoison.futureSchemaVersion().reasonCode()).isEqualTo(ReasonCodes.UNSUPPORTED_SCHEMA_VERSION);
    }

    @Test
    void onlyTheKindUnderAnotherKeyKeepsTheValidEventAndIsMisrouted() {
        EventPoison misrouted = EventPoison.underAnotherKey();

        byte[] data = misrouted.bytes(validEvent(), new Random(1));

        assertThat(data).isEqualTo(validEvent().toString().getBytes(StandardCharsets.UTF_8));
        assertThat(misrouted.misrouted()).isTrue();
        assertThat(misrouted.reasonCode()).isEqualTo(ReasonCodes.PARTITION_KEY_MISMATCH);
        assertThat(EventPoison.truncated().misrouted()).isFalse();
    }

    @Test
    void anEditChangesTheEventBeforeItIsWritten() {
        EventPoison edited = EventPoison.edited("NAME_TOO_SHORT", event -> event.put("name", ""));

        byte[] data = edited.bytes(validEvent(), new Random(1));

        assertThat(new String(data, StandardCharsets.UTF_8))
                .isEqualTo("{\"schemaVersion\":1,\"id\":\"a-1\",\"name\":\"\"}");
        assertThat(edited.reasonCode()).isEqualTo("NAME_TOO_SHORT");
    }

    private String refusal(byte[] data) {
        try {
            decoder.decode(ByteBuffer.wrap(data));
            return "ACCEPTED";
        } catch (PoisonRecordException e) {
            return e.reasonCode();
        }
    }
}
