package com.streamproc.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionJvmLifetimeTest {

    @TempDir
    Path directory;

    @Test
    void aFunctionJvmBusyInAnInvocationDiesWhenItsParentIsKilledWithSigkill() throws Exception {
        Process parent = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                ParentDeathProbe.class.getName(), directory.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long childPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("probe output").startsWith("CHILD ");
            childPid = Long.parseLong(line.substring("CHILD ".length()).trim());
        }
        Optional<ProcessHandle> child = ProcessHandle.of(childPid);
        assertThat(child).isPresent();
        assertThat(child.get().isAlive()).isTrue();

        parent.destroyForcibly(); // SIGKILL: no shutdown hook runs in the parent
        parent.waitFor(10, TimeUnit.SECONDS);

        boolean gone = child.get().onExit().thenApply(p -> true).completeOnTimeout(false, 20, TimeUnit.SECONDS).get();
        assertThat(gone).as("function JVM %s exited after its parent was killed", childPid).isTrue();
    }
}
