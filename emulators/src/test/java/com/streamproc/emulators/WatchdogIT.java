package com.streamproc.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/** No emulator may outlive the JVM that started it, even when that JVM is killed with SIGKILL. */
@DisabledIfSystemProperty(named = BackendSelection.BACKEND_PROPERTY, matches = "localstack",
        disabledReason = EmulatorStackIT.NODE_ONLY)
class WatchdogIT {

    private final List<Process> started = new ArrayList<>();
    private final Path logs = EmulatorProcess.defaultLogDirectory().resolve("watchdog-test");

    @AfterEach
    void killLeftovers() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void serversDieWhenTheJvmThatStartedThemIsKilled() throws Exception {
        Path root = ProjectRoot.locate();
        Files.createDirectories(logs);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process jvm = start(new ProcessBuilder(java, "-cp", classpath, WatchdogProbe.class.getName(),
                root.toString(), logs.toString())
                .redirectError(logs.resolve("probe-jvm.err").toFile()));

        List<Long> pids = readPids(jvm, Duration.ofSeconds(90));
        assertThat(pids).as("two watchdogs and two servers").hasSize(4)
                .allSatisfy(pid -> assertThat(EmulatorStackIT.running(pid)).isTrue());

        jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(awaitGone(pids, Duration.ofSeconds(10)))
                .as("emulator processes still running after the JVM was killed: %s", pids).isTrue();
    }

    @Test
    void watchdogStopsTheServerWhenItsStdinCloses() throws Exception {
        Process watchdog = startWatchdogedDynalite("stdin");
        List<Long> tree = tree(watchdog);
        assertThat(tree).hasSize(2);

        watchdog.getOutputStream().close();

        assertThat(watchdog.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(awaitGone(tree, Duration.ofSeconds(5))).as("server still running: %s", tree).isTrue();
        assertThat(Files.readString(logs.resolve("stdin.log"))).contains("stdin closed");
    }

    @Test
    void watchdogStopsTheServerWhenItsParentDiesWhileStdinStaysOpen() throws Exception {
        Path root = ProjectRoot.locate();
        Files.createDirectories(logs);
        Path log = logs.resolve("parent-death.log");
        Path fifo = logs.resolve("parent-death.fifo");
        Files.deleteIfExists(log);
        Files.deleteIfExists(fifo);
        int port = EmulatorProcess.freeLoopbackPort();
        // The watchdog's stdin is a FIFO opened read-write, so it never reaches EOF; sh prints the
        // watchdog's pid and becomes 'sleep'. Killing it leaves the watchdog without its parent.
        String script = "mkfifo \"$5\" || exit 1; "
                + "\"$0\" \"$1\" \"$2\" --host 127.0.0.1 --port \"$3\" <>\"$5\" >>\"$4\" 2>&1 & "
                + "echo $!; exec sleep 300";
        Process parent = start(new ProcessBuilder("sh", "-c", script, EmulatorProcess.nodeExecutable(),
                EmulatorProcess.watchdogScript().toString(),
                ProjectRoot.requirePackage(root, "dynalite").resolve("cli.js").toString(),
                Integer.toString(port), log.toString(), fifo.toString()));
        long watchdogPid = Long.parseLong(readLine(parent, Duration.ofSeconds(10)).trim());
        ProcessHandle watchdog = ProcessHandle.of(watchdogPid).orElseThrow();
        List<Long> tree = awaitTree(watchdog, Duration.ofSeconds(10));

        parent.destroyForcibly();
        assertThat(parent.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(awaitGone(tree, Duration.ofSeconds(5))).as("still running: %s", tree).isTrue();
        assertThat(Files.readString(log)).contains("is gone");
        Files.deleteIfExists(fifo);
    }

    // -------------------------------------------------------------------------------------- helpers

    private Process startWatchdogedDynalite(String name) throws IOException {
        Files.createDirectories(logs);
        Path root = ProjectRoot.locate();
        int port = EmulatorProcess.freeLoopbackPort();
        Process process = start(new ProcessBuilder(EmulatorProcess.nodeExecutable(),
                EmulatorProcess.watchdogScript().toString(),
                ProjectRoot.requirePackage(root, "dynalite").resolve("cli.js").toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logs.resolve(name + ".log").toFile())));
        awaitTree(process.toHandle(), Duration.ofSeconds(10));
        return process;
    }

    private Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static List<Long> tree(Process process) {
        List<Long> pids = new ArrayList<>();
        pids.add(process.pid());
        process.descendants().forEach(p -> pids.add(p.pid()));
        return pids;
    }

    /** Waits until the watchdog has started its server; returns watchdog and server pids. */
    private static List<Long> awaitTree(ProcessHandle watchdog, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> pids = new ArrayList<>();
            pids.add(watchdog.pid());
            watchdog.descendants().forEach(p -> pids.add(p.pid()));
            if (pids.size() >= 2) {
                return pids;
            }
            EmulatorProcess.sleep(Duration.ofMillis(50));
        }
        throw new AssertionError("watchdog " + watchdog.pid() + " started no server within " + timeout);
    }

    private static boolean awaitGone(List<Long> pids, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pids.stream().anyMatch(EmulatorStackIT::running)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            EmulatorProcess.sleep(Duration.ofMillis(50));
        }
        return true;
    }

    private static List<Long> readPids(Process jvm, Duration timeout) throws Exception {
        String line = readLine(jvm, timeout);
        assertThat(line).as("probe output (see probe-jvm.err)").startsWith("PIDS ");
        return Arrays.stream(line.substring(5).trim().split(" ")).map(Long::valueOf).toList();
    }

    private static String readLine(Process process, Duration timeout) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        String value = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (value == null) {
            throw new AssertionError("process " + process.pid() + " exited without output");
        }
        return value;
    }
}
