package com.streamproc.tools.produce;

import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.shared.decode.RecordDecoder;
import com.streamproc.shared.function.FunctionDescriptor;
import java.time.Clock;
import java.util.TreeMap;
import java.util.Map;

/**
 * Every function's contract, each backed by the function's own decoder and partition-key rule from its descriptor,
 * so the producer accepts exactly what the function will: nothing is re-implemented here.
 */
public final class FunctionContracts {
    private FunctionContracts() {
    }

    public static Map<PipelineFunction, EventContract> standard() {
        return withClock(Clock.systemUTC());
    }

    /** @param clock what "now" is for the contracts' future-timestamp rules */
    public static Map<PipelineFunction, EventContract> withClock(Clock clock) {
        Map<PipelineFunction, EventContract> contracts = new TreeMap<>();
        for (PipelineFunction function : PipelineFunction.values()) {
            contracts.put(function, contract(function, function.descriptor(), clock));
        }
        return contracts;
    }

    private static <E> EventContract contract(PipelineFunction function, FunctionDescriptor<E> descriptor,
                                              Clock clock) {
        RecordDecoder<E> decoder = descriptor.decoder(clock);
        return new DecoderContract<E>(function, decoder, decoder::requiredPartitionKey,
                descriptor.partitionKeyFields());
    }
}
