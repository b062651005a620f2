package com.streamproc.shared.testing.fuzz;

import com.streamproc.shared.testing.fuzz.FuzzBatch.FuzzRecord;
import com.streamproc.shared.testing.fuzz.FuzzBatch.PartKind;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Counts what a function made of the fuzz: records applied and quarantined by reason, the same per kind of input,
 * the details of {@code PROCESSING_ERROR}s (a record that passed decoding and then failed deterministically) and
 * {@code UNREADABLE_RECORD}s (its decoder threw), and
 * the changes that arbitrary records which were applied anyway carried (what decoding lets through).
 */
public final class FuzzReport {
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final String function;
    private int batches;
    private int records;
    private int applied;
    private final Map<String, Integer> reasons = new TreeMap<>();
    private final Map<PartKind, Map<String, Integer>> byKind = new EnumMap<>(PartKind.class);
    /** Details of records that failed after decoding, or whose decoder threw: worth a look each. */
    private final Map<String, Integer> processingErrors = new TreeMap<>();
    private final Map<String, Integer> appliedChanges = new TreeMap<>();

    public FuzzReport(String function) {
        this.function = function;
    }

    public synchronized void add(FuzzCheck.Outcome outcome) {
        batches++;
        outcome.batch().forEachIndexed((record, i) -> {
            records++;
            String result = outcome.of(i);
            byKind.computeIfAbsent(record.kind(), k -> new TreeMap<>()).merge(result, 1, Integer::sum);
            if ("applied".equals(result)) {
                applied++;
                if (!record.mustApply()) {
                    changesOf(record).forEach(change -> appliedChanges.merge(change, 1, Integer::sum));
                }
            } else {
                reasons.merge(result, 1, Integer::sum);
                FuzzCheck.Quarantined q = outcome.quarantined().get(i);
                if ("PROCESSING_ERROR".equals(result) || "UNREADABLE_RECORD".equals(result)) {
                    processingErrors.merge(result + ": " + DIGITS.matcher(q.detail()).replaceAll("N") + " <- "
                            + record.label(), 1,
                            Integer::sum);
                }
            }
        });
    }

    /** The summary lines; the first is {@code [fuzz] <function>: N batches, M records: applied A, quarantined Q ...}. */
    public synchronized List<String> lines() {
        int quarantined = records - applied;
        Map<String, Map<String, Integer>> kinds = new LinkedHashMap<>();
        byKind.forEach((kind, outcomes) -> kinds.put(kind.name(), outcomes));
        return List.of(
                String.format("[fuzz] %s: %d batches, %d records: applied %d, quarantined %d by reason %s",
                        function, batches, records, applied, quarantined, reasons),
                "[fuzz] " + function + " by input: " + kinds,
                "[fuzz] " + function + " PROCESSING_ERROR and UNREADABLE_RECORD: " + (processingErrors.isEmpty() ? "none"
                        : top(processingErrors, 15)),
                "[fuzz] " + function + " arbitrary records applied anyway, by change: "
                        + (appliedChanges.isEmpty() ? "none" : top(appliedChanges, 25)));
    }

    public void print(PrintStream out) {
        lines().forEach(out::println);
    }

    private static List<String> changesOf(FuzzRecord record) {
        String label = record.label();
        int comma = label.lastIndexOf(", ");
        String changes = comma >= 0 && label.endsWith(" key") ? label.substring(0, comma) : label;
        return List.of(changes.split(" \\+ ")).stream()
                .map(change -> record.kind() + " " + (change.startsWith("EXTREME_DATE") ? change
                        : DIGITS.matcher(change).replaceAll("N")))
                .toList();
    }

    private static String top(Map<String, Integer> counts, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(limit)
                .map(e -> e.getValue() + "x " + FuzzBatch.escape(e.getKey()))
                .collect(Collectors.joining("; ", "{", counts.size() > limit ? "; ...}" : "}"));
    }
}
