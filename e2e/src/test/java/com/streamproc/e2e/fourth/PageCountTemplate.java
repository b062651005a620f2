package com.streamproc.e2e.fourth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.streamproc.deployment.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The project's template with page-count's block ({@value #BLOCK}, this package's test resource) added: what
 * {@code sam-template.yaml} would be had page-count been added to it by step 7 of docs/adding-a-function.md.
 */
final class PageCountTemplate {
    static final String BLOCK = "page-count-template.yaml";

    private PageCountTemplate() {
    }

    static Path projectTemplate() {
        return Path.of("..", "sam-template.yaml");
    }

    /**
     * The project's template plus the block's resources and outputs, after {@code edit} changed the block's
     * resources, as a tree (intrinsics in their long form).
     *
     * @throws IllegalStateException when the block is missing or names a resource or output the template has already
     */
    static Map<String, Object> composed(Consumer<Map<String, Object>> edit) {
        Map<String, Object> template = SamTemplate.load(projectTemplate()).root();
        Map<String, Object> block;
        try (InputStream in = PageCountTemplate.class.getResourceAsStream(BLOCK)) {
            if (in == null) {
                throw new IllegalStateException("no " + BLOCK + " beside " + PageCountTemplate.class.getName());
            }
            block = SamTemplate.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).root();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        edit.accept(asMap(block.get("Resources")));
        for (String section : List.of("Resources", "Outputs")) {
            Map<String, Object> into = asMap(template.get(section));
            asMap(block.get(section)).forEach((id, value) -> {
                if (into.put(id, value) != null) {
                    throw new IllegalStateException(section + " " + id + " is in the template already");
                }
            });
        }
        return template;
    }

    /**
     * Writes {@code template} to {@code file} as JSON: intrinsics are in their long form after parsing, so JSON
     * (which every YAML reader of the project reads) says the same.
     */
    static Path write(Map<String, Object> template, Path file) throws IOException {
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), template);
        return file;
    }

    static Map<String, Object> properties(Map<String, Object> resources, String id) {
        return asMap(asMap(resources.get(id)).get("Properties"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
