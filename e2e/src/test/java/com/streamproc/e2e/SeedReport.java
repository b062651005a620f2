package com.streamproc.e2e;

import com.streamproc.e2e.harness.FaultKind;
import com.streamproc.e2e.harness.PipelineFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one seed's run did and found, per function. */
public final class SeedReport {
    /** One function's figures; {@code replayed}: discarded records replayed afterwards, as an operator would. */
    public record FunctionFigures(int records, int expectedPoison, int duplicates, long invocations,
                                  long functionErrors, long partialFailures, long recordsSent,
                                  long singleRecordBatches, long discarded, long replayed, int environments,
                                  Map<FaultKind, Long> faults, List<String> unexpectedErrors,
                                  List<String> mismatches) {
    }

    private final long seed;
    private final Map<PipelineFunction, FunctionFigures> functions = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private Duration putTime = Duration.ZERO;
    private Duration processTime = Duration.ZERO;
    private Duration verifyTime = Duration.ZERO;

    SeedReport(long seed) {
        this.seed = seed;
    }

    void put(PipelineFunction function, FunctionFigures figures) {
        functions.put(function, figures);
    }

    void problem(String problem) {
        problems.add(problem);
    }

    void times(Duration put, Duration process, Duration verify) {
        this.putTime = put;
        this.processTime = process;
        this.verifyTime = verify;
    }

    public Map<PipelineFunction, FunctionFigures> functions() {
        return functions;
    }

    /** Mismatches with the reference, over all functions. */
    public int mismatches() {
        return functions.values().stream().mapToInt(f -> f.mismatches().size()).sum();
    }

    /** Everything that makes the run fail: mismatches, unexpected function errors, discarded records, stalls. */
    public List<String> failures() {
        List<String> all = new ArrayList<>(problems);
        functions.forEach((function, f) -> {
            f.mismatches().forEach(m -> all.add(function.shortName() + ": " + m));
            f.unexpectedErrors().forEach(e -> all.add(function.shortName() + ": unexpected function error: " + e));
            if (f.discarded() > f.replayed()) {
                all.add(function.shortName() + ": " + f.discarded() + " records sent to the on-failure destination, "
                        + f.replayed() + " of them replayed");
            }
        });
        return all;
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        int records = functions.values().stream().mapToInt(FunctionFigures::records).sum();
        lines.add(String.format("seed %d: %d records; put %.1f s, processed %.1f s, verified %.1f s; mismatches %d",
                seed, records, seconds(putTime), seconds(processTime), seconds(verifyTime), mismatches()));
        functions.forEach((function, f) -> {
            lines.add(String.format("  %-18s %4d records (%d poison, %d repeated events); %d invocations "
                            + "(%d function errors, %d partial, %d single-record), %d records sent, %d discarded, "
                            + "%d replayed, %d environments; mismatches %d", function.shortName(), f.records(),
                    f.expectedPoison(), f.duplicates(), f.invocations(), f.functionErrors(), f.partialFailures(),
                    f.singleRecordBatches(), f.recordsSent(), f.discarded(), f.replayed(), f.environments(),
                    f.mismatches().size()));
            StringBuilder faults = new StringBuilder("    faults:");
            f.faults().forEach((kind, n) -> faults.append(' ').append(kind).append('=').append(n));
            lines.add(faults.toString());
            f.unexpectedErrors().forEach(e -> lines.add("    UNEXPECTED: " + e));
            f.mismatches().stream().limit(15).forEach(m -> lines.add("    MISMATCH: " + m));
            if (f.mismatches().size() > 15) {
                lines.add("    ... and " + (f.mismatches().size() - 15) + " more mismatches");
            }
        });
        problems.forEach(p -> lines.add("  PROBLEM: " + p));
        return lines;
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
