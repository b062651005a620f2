package com.streamproc.tools.produce;

import com.streamproc.activity.event.ActivityEvent;
import com.streamproc.activity.event.ActivityEventDecoder;
import com.streamproc.cleansing.CleansedRecord;
import com.streamproc.cleansing.DataCleansingDescriptor;
import com.streamproc.orders.decode.OrderEventDecoder;
import com.streamproc.orders.domain.OrderEvent;
import com.streamproc.tools.aws.PipelineFunction;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The three contracts, each backed by its function's own decoder, so the producer accepts exactly what the function
 * will: nothing is re-implemented here. Partition keys are the contracts': orders {@code orderId}, activity
 * {@code userId}, customer records {@code sourceSystem + ":" + sourceRecordId}.
 */
public final class FunctionContracts {
    private FunctionContracts() {
    }

    public static Map<PipelineFunction, EventContract> standard() {
        return withClock(Clock.systemUTC());
    }

    /** @param clock what "now" is for the contracts' future-timestamp rules */
    public static Map<PipelineFunction, EventContract> withClock(Clock clock) {
        Map<PipelineFunction, EventContract> contracts = new EnumMap<>(PipelineFunction.class);
        contracts.put(PipelineFunction.ORDER_PROCESSING, new DecoderContract<OrderEvent>(
                PipelineFunction.ORDER_PROCESSING, new OrderEventDecoder(), OrderEvent::orderId, List.of("orderId")));
        contracts.put(PipelineFunction.ACTIVITY_TRACKING, new DecoderContract<ActivityEvent>(
                PipelineFunction.ACTIVITY_TRACKING, new ActivityEventDecoder(clock), ActivityEvent::userId,
                List.of("userId")));
        // CleansedRecord.source() is the record's sourceSystem + ":" + sourceRecordId.
        contracts.put(PipelineFunction.DATA_CLEANSING, new DecoderContract<CleansedRecord>(
                PipelineFunction.DATA_CLEANSING, DataCleansingDescriptor.newDecoder(clock), CleansedRecord::source,
                List.of("sourceSystem", "sourceRecordId")));
        return contracts;
    }
}
