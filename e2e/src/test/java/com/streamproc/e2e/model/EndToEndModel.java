package com.streamproc.e2e.model;

import com.streamproc.e2e.generate.Delivered;
import com.streamproc.e2e.generate.Produced;
import com.streamproc.e2e.generate.StreamPosition;
import com.streamproc.e2e.verify.Mismatches;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the end-to-end suite knows of one function's domain, written without the function's code: a generator of
 * intended input (valid events with their decoded content, poison with its reason), a reference model computed from
 * that input alone, and a check of the function's table against it. Everything else (names, resources, the wiring,
 * the quarantine check) comes from the function's descriptor and the template.
 *
 * <p>A function plugs in by one class implementing this interface with a public no-argument constructor, listed in
 * {@code src/test/resources/META-INF/services/com.streamproc.e2e.model.EndToEndModel}. A function of the template
 * without one makes the suite fail, naming it ({@link EndToEndModels}).
 *
 * @param <I> what a generated record is meant to be (the function's intent type)
 */
public interface EndToEndModel<I> {

    /** The descriptor's name of the function this models ({@code order-processing}, ...). */
    String functionName();

    /**
     * A seed's input, reproducible from the seed: valid events, producer duplicates, reordering, poison.
     *
     * @param scale volume: 1 is a couple of hundred records
     */
    List<Produced<I>> generate(long seed, int scale);

    /** Whether the generator meant this record as poison (the aggregating producer mixes some into aggregates). */
    boolean isPoison(I intent);

    /**
     * Computes the reference from {@code delivered} (with the places Kinesis gave the records) and compares the
     * function's table with it.
     *
     * @param table the physical name of the function's table
     */
    Verdict verify(List<Delivered<I>> delivered, DynamoDbClient dynamoDb, String table);

    /**
     * Every reason code the function can quarantine a record with: its own and the shared decoder's
     * ({@link ReasonCodeConstants}). The bad-input catalogue may expect no other.
     */
    Set<String> reasonCodes();

    /**
     * The reasons a record gets only because an earlier record of its key was given up by the event source (for
     * orders: its order was not placed yet, or not in the state the event moves it from). After the replay of a
     * given-up range the runbook redrives the records quarantined so (docs/deployment.md, "After Lambda gives up on
     * a batch"). None for a function whose records never depend on earlier ones of their key.
     */
    default Set<String> reasonsAfterAGiveUp() {
        return Set.of();
    }

    /**
     * The input of a seed in the give-up series: {@link #generate} without the records whose outcome a give-up
     * decides by the order in which they are then processed, which the reference, computed in stream order, cannot
     * know (for orders: records the stored order refuses in stream order, which a redrive may apply, and events an
     * order would also take in an earlier status, which win over a given-up one; docs/deployment.md, "After Lambda
     * gives up on a batch", says so). All of it by default.
     */
    default List<Produced<I>> generateForGiveUp(long seed, int scale) {
        return generate(seed, scale);
    }

    /**
     * For the bad-input catalogue: what is wrong with the effect of a record the function must accept, if anything.
     *
     * @param id     the entry's id with the run token: the catalogue's templates build the record's ids from it
     * @param checks the entity to look up and stored values to compare, as the catalogue states them (may be empty:
     *               the entity the catalogue's base event names)
     */
    Optional<String> acceptedRecordProblem(DynamoDbClient dynamoDb, String table, String id,
                                           Map<String, String> checks);

    /**
     * What the reference says and what the table holds that it should not.
     *
     * @param poison     the records that must be quarantined, with their reason codes
     * @param duplicates repeated events in the input (each counts once)
     */
    record Verdict(Map<StreamPosition, String> poison, int duplicates, Mismatches mismatches) {
    }
}
