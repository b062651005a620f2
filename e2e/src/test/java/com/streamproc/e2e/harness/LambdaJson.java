package com.streamproc.e2e.harness;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.streamproc.shared.testing.KinesisEventFixture;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The Lambda Java runtime's serializers, chosen as its runtime client chooses them: the event serializer for a
 * supported event ({@code KinesisEvent}), the plain Jackson factory for anything else (the
 * {@code StreamsEventResponse} a handler returns).
 */
public final class LambdaJson {
    private static final PojoSerializer<StreamsEventResponse> RESPONSE =
            LambdaEventSerializers.isLambdaSupportedEvent(StreamsEventResponse.class.getName())
                    ? LambdaEventSerializers.serializerFor(StreamsEventResponse.class,
                            LambdaJson.class.getClassLoader())
                    : JacksonFactory.getInstance().getSerializer(StreamsEventResponse.class);

    private LambdaJson() {
    }

    /** The invocation payload as the handler receives it (data base64-decoded by the runtime). */
    public static KinesisEvent event(byte[] lambdaJson) {
        return KinesisEventFixture.fromLambdaJson(new String(lambdaJson, StandardCharsets.UTF_8));
    }

    /** The handler's response as the runtime sends it back to Lambda. */
    public static String response(StreamsEventResponse response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RESPONSE.toJson(response, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
