package com.streamproc.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.streamproc.emulators.ProjectRoot;
import com.streamproc.local.stack.StackPaths;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --template}: the stack runs another template than the project's, named before or after the command, while
 * its files and the emulators stay with the project root.
 */
class TemplateOptionTest {
    @TempDir
    Path dir;

    private String rootProperty;

    @BeforeEach
    void keepRootProperty() {
        rootProperty = System.getProperty(ProjectRoot.PROPERTY);
    }

    @AfterEach
    void restoreRootProperty() {
        if (rootProperty == null) {
            System.clearProperty(ProjectRoot.PROPERTY);
        } else {
            System.setProperty(ProjectRoot.PROPERTY, rootProperty);
        }
    }

    @Test
    void withoutItTheStackRunsTheProjectsTemplate() {
        StackPaths paths = paths("--project-root", dir.toString(), "up");

        assertThat(paths.template()).isEqualTo(dir.resolve(StackPaths.TEMPLATE));
        assertThat(paths.templateName()).isEqualTo(StackPaths.TEMPLATE);
    }

    @Test
    void itNamesTheTemplateBeforeOrAfterTheCommandAndLeavesTheStacksFilesInTheProjectRoot() throws Exception {
        Path other = Files.writeString(dir.resolve("other-template.yaml"), "Resources: {}\n");
        Path root = Files.createDirectories(dir.resolve("root"));

        for (String[] args : new String[][] {
                {"--project-root", root.toString(), "--template", other.toString(), "up"},
                {"--project-root", root.toString(), "demo", "--template", other.toString()},
                {"--project-root", root.toString(), "invoke", "SomeFunction", "--template", other.toString()}}) {
            StackPaths paths = paths(args);

            assertThat(paths.template()).as(String.join(" ", args)).isEqualTo(other);
            assertThat(paths.templateName()).isEqualTo(other.toString());
            assertThat(paths.projectRoot()).isEqualTo(root);
            assertThat(paths.state()).isEqualTo(root.resolve(".local-stack"));
        }
    }

    @Test
    void aTemplateThatIsNoFileIsBadUsage() {
        assertThatThrownBy(() -> paths("--project-root", dir.toString(), "up", "--template", "missing.yaml"))
                .isInstanceOf(LocalCli.UsageException.class).hasMessage("--template missing.yaml is not a file");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LocalCli.run(new String[] {"--project-root", dir.toString(), "up", "--template", "missing.yaml"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(LocalCli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: --template missing.yaml is not a file");
    }

    private static StackPaths paths(String... args) {
        CommandLine cli = new CommandLine(new LocalCli());
        cli.parseArgs(args);
        LocalCli parsed = cli.getCommand();
        return parsed.paths();
    }
}
