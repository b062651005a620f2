package com.streamproc.bench;

import com.streamproc.bench.coldstart.ColdStartBenchmark;
import com.streamproc.bench.cpu.CpuRunner;
import com.streamproc.bench.report.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sizes and repetitions of one benchmark run. {@link #full()} is what BENCHMARKS.md reports (about 15 minutes on
 * two cores); {@link #quick()} is a smoke run of every code path in a few minutes.
 *
 * @param workloadRecords records of each function's seeded workload (cost and latency)
 * @param headroomRuns    runs of each function's workload in the headroom benchmark (the median is reported)
 */
public record Settings(String name, long seed, int workloadRecords, List<CpuRunner.Flags> cpuFlags,
                       List<Integer> latencySizes,
                       Map<Integer, Integer> latencyRuns, int coldStartRuns, int demoRecords, int rawKinesisRecords,
                       int rawDynamoItems, int headroomRuns) {
    /**
     * Lambda's flags for the functions: the template's C1-only JIT, serial GC, heap as for 1024 MB. C1 compiles
     * within the first second, so three warm-up seconds reach steady state.
     */
    public static final CpuRunner.Flags LAMBDA_FLAGS = new CpuRunner.Flags("lambda-c1",
            ColdStartBenchmark.JVM_FLAGS, new CpuRunner.Iterations(3, 8, 1000));
    /** The JDK's default tiered JIT (C2), same GC and heap, for comparison; C2 needs longer to settle. */
    public static final CpuRunner.Flags C2_FLAGS = new CpuRunner.Flags("default-c2",
            List.of("-XX:+UseSerialGC", "-Xmx870m", "-Xshare:auto"), new CpuRunner.Iterations(6, 5, 1000));
    private static final CpuRunner.Flags QUICK_FLAGS = new CpuRunner.Flags("lambda-c1",
            ColdStartBenchmark.JVM_FLAGS, new CpuRunner.Iterations(1, 1, 300));

    public static Settings full() {
        return new Settings("full", 42, 10_000, List.of(LAMBDA_FLAGS, C2_FLAGS), List.of(100, 500, 1_000, 10_000),
                Map.of(100, 21, 500, 21, 1_000, 21, 10_000, 5), 9, 3_000, 10_000, 2_000, 5);
    }

    public static Settings quick() {
        return new Settings("quick", 42, 2_000, List.of(QUICK_FLAGS), List.of(100, 500, 1_000),
                Map.of(100, 1, 500, 1, 1_000, 1), 1, 300, 1_000, 200, 1);
    }

    /** The flag set the CPU targets are judged on: what runs on Lambda. */
    public CpuRunner.Flags targetFlags() {
        return cpuFlags.get(0);
    }

    public String describeLatencyRuns() {
        List<String> parts = new ArrayList<>();
        for (int size : latencySizes) {
            parts.add(latencyRuns.getOrDefault(size, 1) + " × " + Numbers.grouped(size) + " records");
        }
        return String.join(", ", parts);
    }
}
