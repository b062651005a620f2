package com.streamproc.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the numbers were measured on: CPU model, cores, memory (from /proc), JDK, and the load average. */
public record MachineInfo(String cpuModel, int cores, long memoryKiB, String jdk, String os) {

    public static MachineInfo current() {
        return new MachineInfo(
                procLine(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch")),
                processors().orElse(Runtime.getRuntime().availableProcessors()),
                procLine(Path.of("/proc/meminfo"), "MemTotal").map(MachineInfo::kibibytes).orElse(-1L),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.vm.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    /** Logical processors listed in /proc/cpuinfo. */
    static Optional<Integer> processors() {
        try {
            long count = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("processor")).count();
            return count > 0 ? Optional.of((int) count) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The 1, 5 and 15 minute load averages from /proc/loadavg, or empty where there is none. */
    public static Optional<double[]> loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return Optional.of(new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                Double.parseDouble(parts[2])});
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public static String describeLoad(Optional<double[]> load) {
        return load.map(l -> String.format(Locale.ROOT, "%.2f / %.2f / %.2f (1 / 5 / 15 min)", l[0], l[1], l[2]))
                .orElse("unknown");
    }

    public String memory() {
        return memoryKiB < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", memoryKiB / 1024.0 / 1024.0);
    }

    /** The value of the first line of a /proc file whose key (before ':') is {@code key}. */
    static Optional<String> procLine(Path file, String key) {
        try {
            return valueOf(Files.readAllLines(file), key);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<String> valueOf(List<String> lines, String key) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                return Optional.of(line.substring(colon + 1).trim());
            }
        }
        return Optional.empty();
    }

    static long kibibytes(String memTotal) {
        return Long.parseLong(memTotal.replaceAll("[^0-9]", ""));
    }
}
