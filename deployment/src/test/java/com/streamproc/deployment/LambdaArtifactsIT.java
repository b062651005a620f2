package com.streamproc.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deployment zips that {@code mvn package} builds and the template's CodeUri points at: they exist, hold the
 * handler at the root and their dependencies in lib/, contain no Netty or Apache HTTP client class (size and cold
 * start) and no synthetic traffic generator (the tools', kept in the module jar), and stay within Lambda's 50 MB direct-upload limit. Prints each artifact's size.
 */
class LambdaArtifactsIT {
    /** Lambda's limit for a zip uploaded directly. */
    private static final long DIRECT_UPLOAD_LIMIT_BYTES = 50L * 1024 * 1024;
    private static final List<String> BANNED_CLASS_PREFIXES = List.of(
            "io/netty/", "org/apache/http/", "org/apache/hc/", "software/amazon/awssdk/http/nio/netty/",
            "software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/apache5/");

    @ParameterizedTest
    @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
    void deploymentZipHoldsTheHandlerAndNoHeavyHttpClient(DeployedFunction function) throws IOException {
        String codeUri = (String) ProjectFiles.template().properties(function.logicalId()).get("CodeUri");
        Path zip = ProjectFiles.root().resolve(codeUri);
        assertThat(zip).as("%s: run `mvn package` first", codeUri).isRegularFile();

        List<String> entries = new ArrayList<>();
        List<String> banned = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> all = file.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                entries.add(entry.getName());
                if (entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar")) {
                    banned.addAll(bannedClassesIn(file.getInputStream(entry), entry.getName()));
                } else if (isBanned(entry.getName())) {
                    banned.add(entry.getName());
                }
            }
        }
        long size = Files.size(zip);
        System.out.printf("deployment artifact %s: %,d bytes (%.2f MiB), %d entries%n",
                zip.getFileName(), size, size / 1024.0 / 1024.0, entries.size());

        assertThat(entries).contains(function.handlerClass().replace('.', '/') + ".class");
        assertThat(entries).anyMatch(name -> name.startsWith("lib/shared-model-"));
        assertThat(banned).as("Netty / Apache HTTP client classes in %s", zip.getFileName()).isEmpty();
        assertThat(entries).noneMatch(name -> name.startsWith("lib/") && (name.contains("junit")
                || name.contains("emulators") || name.contains("aws-lambda-java-tests")));
        assertThat(entries).as("synthetic traffic generators are for the tools, not Lambda")
                .noneMatch(name -> name.contains("/traffic/") || name.endsWith(".SyntheticEvents"));
        assertThat(size).isLessThan(DIRECT_UPLOAD_LIMIT_BYTES);
    }

    private static List<String> bannedClassesIn(InputStream jar, String jarName) throws IOException {
        List<String> banned = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(jar)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (isBanned(entry.getName())) {
                    banned.add(jarName + "!" + entry.getName());
                }
            }
        }
        return banned;
    }

    private static boolean isBanned(String name) {
        return name.endsWith(".class") && BANNED_CLASS_PREFIXES.stream().anyMatch(name::startsWith);
    }
}
