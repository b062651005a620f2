package com.streamproc.bench.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;

/** The cold-start baseline: a bare handler of the same event type that does nothing with the batch. */
public final class HelloHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        StreamsEventResponse response = new StreamsEventResponse();
        response.setBatchItemFailures(new ArrayList<>());
        return response;
    }
}
