package com.streamproc.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The source files a handler can reach: starting from the handler class, every class of the given source trees its
 * code (comments left out) names, through imports or by simple name within its package, transitively.
 *
 * <p>Class granularity over-approximates: a class is in when any of it is used. That is the safe direction for
 * "the template gives the code what it needs" and keeps analyst-only classes ({@code *Queries}) that the handler
 * never names out of "what the function is allowed".
 */
final class ReachableSources {
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(?:static\\s+)?([\\w.]+?)(\\.\\*)?\\s*;");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern IDENTIFIER = Pattern.compile("\\b[A-Z]\\w*\\b");

    /** Fully qualified top-level class → its source without comments. */
    private final Map<String, String> code = new LinkedHashMap<>();
    /** Fully qualified top-level class → the file it is in. */
    private final Map<String, Path> files = new LinkedHashMap<>();

    ReachableSources(List<Path> sourceRoots) {
        for (Path root : sourceRoots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(file -> {
                    String text = ProjectFiles.read(file);
                    Matcher pkg = PACKAGE.matcher(text);
                    String name = file.getFileName().toString().replace(".java", "");
                    String fqcn = pkg.find() ? pkg.group(1) + "." + name : name;
                    code.put(fqcn, COMMENT.matcher(text).replaceAll(" "));
                    files.put(fqcn, file);
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The files reachable from {@code startClass} (empty when it is not in the source trees). */
    Set<Path> from(String startClass) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        if (code.containsKey(startClass)) {
            queue.add(startClass);
            seen.add(startClass);
        }
        while (!queue.isEmpty()) {
            for (String next : references(queue.poll())) {
                if (seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        Set<Path> reachable = new LinkedHashSet<>();
        seen.forEach(c -> reachable.add(files.get(c)));
        return reachable;
    }

    private Set<String> references(String fqcn) {
        String source = code.get(fqcn);
        String ownPackage = fqcn.contains(".") ? fqcn.substring(0, fqcn.lastIndexOf('.')) : "";
        Set<String> visiblePackages = new LinkedHashSet<>();
        visiblePackages.add(ownPackage);
        Set<String> referenced = new LinkedHashSet<>();
        Matcher imports = IMPORT.matcher(source);
        while (imports.find()) {
            String imported = imports.group(1);
            if (imports.group(2) != null) {
                visiblePackages.add(imported);
            } else {
                // A static import names a member: the class is the longest known prefix.
                for (String candidate = imported; candidate.contains("."); candidate =
                        candidate.substring(0, candidate.lastIndexOf('.'))) {
                    if (code.containsKey(candidate)) {
                        referenced.add(candidate);
                        break;
                    }
                }
            }
        }
        Set<String> identifiers = new LinkedHashSet<>();
        Matcher tokens = IDENTIFIER.matcher(source);
        while (tokens.find()) {
            identifiers.add(tokens.group());
        }
        for (String known : code.keySet()) {
            String pkg = known.contains(".") ? known.substring(0, known.lastIndexOf('.')) : "";
            String simple = known.substring(known.lastIndexOf('.') + 1);
            if (visiblePackages.contains(pkg) && identifiers.contains(simple)) {
                referenced.add(known);
            }
            if (source.contains(known)) {
                referenced.add(known);
            }
        }
        referenced.remove(fqcn);
        return referenced;
    }
}
