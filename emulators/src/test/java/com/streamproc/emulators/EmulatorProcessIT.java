package com.streamproc.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** Start-up failures name the cause and show the server's last output; nothing is left running. */
@DisabledIfSystemProperty(named = BackendSelection.BACKEND_PROPERTY, matches = "localstack",
        disabledReason = EmulatorStackIT.NODE_ONLY)
class EmulatorProcessIT {

    @TempDir
    Path tmp;

    @Test
    void serverThatExitsDuringStartupIsReportedWithItsOutput() throws IOException {
        Path script = Files.writeString(tmp.resolve("crash.js"),
                "console.log('starting on ' + process.argv[2]); console.error('boom: port in use'); process.exit(3)\n");

        assertThatThrownBy(() -> EmulatorProcess.start("crasher", script, List.of("1234"), Map.of(), tmp,
                tmp.resolve("crash.log"), Duration.ofSeconds(20), () -> {
                    throw new IOException("not listening");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("crasher exited with code 3")
                .hasMessageContaining("starting on 1234")
                .hasMessageContaining("boom: port in use");
    }

    @Test
    void serverThatNeverBecomesHealthyIsStoppedAfterTheTimeout() throws IOException {
        Path script = Files.writeString(tmp.resolve("hang.js"),
                "console.log('pid ' + process.pid); setInterval(() => {}, 1000)\n");
        long[] serverPid = {0};

        assertThatThrownBy(() -> EmulatorProcess.start("hanger", script, List.of(), Map.of(), tmp,
                tmp.resolve("hang.log"), Duration.ofSeconds(2), () -> {
                    String log = Files.readString(tmp.resolve("hang.log"));
                    if (log.startsWith("pid ")) {
                        serverPid[0] = Long.parseLong(log.substring(4).trim().split("\\s")[0]);
                    }
                    throw new IOException("never healthy");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hanger did not become healthy within 2000 ms")
                .hasMessageContaining("never healthy");

        assertThat(serverPid[0]).isPositive();
        assertThat(EmulatorStackIT.running(serverPid[0])).as("server pid %d", serverPid[0]).isFalse();
    }
}
