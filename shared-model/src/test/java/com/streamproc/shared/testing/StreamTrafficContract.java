package com.streamproc.shared.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.decode.ReasonCodes;
import com.streamproc.shared.decode.RecordDecoder;
import com.streamproc.shared.traffic.StreamTraffic;
import com.streamproc.shared.traffic.TrafficRecord;
import com.streamproc.shared.traffic.TrafficShape;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every function's traffic generator owes, whatever the function: each record decodes, with the function's own
 * decoder, to what the generator states of it, or is refused with the reason it is labelled with; the full edge
 * share makes every reason code a record of the stream can earn; the same shape gives the same records. A
 * generator's test extends it with its function's decoder, statement and reason codes, and keeps its own byte pins
 * and checks of the rarer forms.
 *
 * @param <E> the function's decoded event
 */
public abstract class StreamTrafficContract<E> {
    /** What {@link #refusal} gives a record that decodes under the key its contract requires. */
    protected static final String ACCEPTED = "ACCEPTED";

    /** The generator under test. */
    protected final StreamTraffic traffic;
    /** The function's decoder (no state needed). */
    protected final RecordDecoder<E> decoder;
    private final String benchmarkWorkload;
    private final Set<String> reasonCodes;
    private final UnaryOperator<TrafficShape> everyShare;
    private final UnaryOperator<TrafficShape> mostlyEdgeCases;

    /**
     * @param traffic           the generator under test
     * @param benchmarkWorkload the {@link TrafficDigest} of {@code traffic(typical(2000, 42))}, the benchmarks'
     *                          workload, as the generator made it before the edge share existed: the test pins it
     * @param decoder           the function's decoder
     * @param reasonCodes       every reason code a record of the stream can earn; the full edge share makes them all
     * @param everyShare        a typical run ({@code typical(2000, 7)}) with every share of broken records raised
     * @param mostlyEdgeCases   a tagged run of 3000 records, edge share 0.8, with every share of broken records
     */
    protected StreamTrafficContract(StreamTraffic traffic, String benchmarkWorkload, RecordDecoder<E> decoder,
                                    Set<String> reasonCodes,
                                    UnaryOperator<TrafficShape> everyShare,
                                    UnaryOperator<TrafficShape> mostlyEdgeCases) {
        this.traffic = traffic;
        this.decoder = decoder;
        this.benchmarkWorkload = benchmarkWorkload;
        this.reasonCodes = Set.copyOf(reasonCodes);
        this.everyShare = everyShare;
        this.mostlyEdgeCases = mostlyEdgeCases;
    }

    /** What the function reads of a decoded event, under the names the generator states it with. */
    protected abstract Map<String, String> read(E event);

    /**
     * Outcomes of records that decode, decided after it (by the stored state): their content is stated. By default
     * {@link TrafficRecord#APPLIED} and {@link TrafficRecord#DUPLICATE}.
     */
    protected Set<String> decodedOutcomes() {
        return Set.of(TrafficRecord.APPLIED, TrafficRecord.DUPLICATE);
    }

    @Test
    public void typicalTrafficWithoutEdgeCasesIsTheBenchmarksWorkloadByteForByte() {
        List<TrafficRecord> records = traffic.traffic(traffic.typical(2000, 42)).records();

        assertThat(TrafficDigest.of(records)).isEqualTo(benchmarkWorkload);
    }

    @Test
    public void typicalRecordsDecodeToWhatTheyStateOrAreRefusedWithTheirLabel() {
        List<TrafficRecord> records = traffic.traffic(everyShare.apply(traffic.typical(2000, 7))).records();

        records.forEach(this::assertDecodesAsStated);
    }

    @Test
    public void edgeRecordsDecodeToWhatTheyStateOrAreRefusedWithTheirLabel() {
        TrafficShape shape = mostlyEdgeCases.apply(traffic.typical(3000, 11).withRun("s11")).withEdgeShare(0.8);

        List<TrafficRecord> records = traffic.traffic(shape).records();

        assertThat(records).hasSize(shape.count());
        records.forEach(this::assertDecodesAsStated);
    }

    @Test
    public void everyReasonCodeARecordCanEarnShowsUpAtFullEdgeShare() {
        List<TrafficRecord> records = traffic.traffic(traffic.typical(1500, 3).withEdgeShare(1)).records();

        Set<String> reasons = records.stream().filter(TrafficRecord::expectedPoison).map(TrafficRecord::expected)
                .collect(Collectors.toSet());
        assertThat(reasons).containsExactlyInAnyOrderElementsOf(reasonCodes);
    }

    @Test
    public void theSameShapeGivesTheSameRecords() {
        TrafficShape shape = traffic.typical(500, 9).withEdgeShare(0.5);

        assertThat(TrafficDigest.of(traffic.traffic(shape).records()))
                .isEqualTo(TrafficDigest.of(traffic.traffic(shape).records()));
    }

    /**
     * A record of a {@link #decodedOutcomes() decoded outcome} decodes to what it states, under the key its contract
     * requires; any other is refused with its label.
     */
    protected void assertDecodesAsStated(TrafficRecord record) {
        String text = record.text();
        if (decodedOutcomes().contains(record.expected())) {
            E event = decode(record);
            assertThat(read(event)).as(text).isEqualTo(new TreeMap<>(record.stated()));
            assertThat(decoder.requiredPartitionKey(event)).as(text).isEqualTo(record.partitionKey());
            return;
        }
        assertThat(refusal(record)).as(text).isEqualTo(record.expected());
    }

    /** The reason code the record is refused with (the key rule's too), or {@link #ACCEPTED}. */
    protected final String refusal(TrafficRecord record) {
        try {
            E event = decoder.decode(ByteBuffer.wrap(record.data()));
            return decoder.requiredPartitionKey(event).equals(record.partitionKey()) ? ACCEPTED
                    : ReasonCodes.PARTITION_KEY_MISMATCH;
        } catch (PoisonRecordException e) {
            return e.reasonCode();
        }
    }

    /** The record decoded; a refusal fails the test. */
    protected final E decode(TrafficRecord record) {
        try {
            return decoder.decode(ByteBuffer.wrap(record.data()));
        } catch (PoisonRecordException e) {
            throw new AssertionError("refused with " + e.reasonCode() + ": " + record.text(), e);
        }
    }
}
