package com.streamproc.bench;

import com.streamproc.emulators.TemplateResources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/**
 * The tables of {@code sam-template.yaml} for one environment name: physical names and key schemas, read by the
 * emulators module's template reader, so every benchmark uses the tables the template declares.
 */
public final class StackTables {
    private final TemplateResources resources;

    private StackTables(TemplateResources resources) {
        this.resources = resources;
    }

    /** @param environmentName the template's {@code EnvironmentName}: a prefix of every table name */
    public static StackTables read(Path projectRoot, String environmentName) {
        return new StackTables(TemplateResources.read(projectRoot.resolve("sam-template.yaml"),
                Map.of(TemplateResources.ENVIRONMENT_PARAMETER, environmentName)));
    }

    public TemplateResources resources() {
        return resources;
    }

    /** The physical name of a table or stream by its logical id. */
    public String name(String logicalId) {
        return resources.physicalName(logicalId);
    }

    /** The template's tables with the given logical ids. */
    public List<TemplateResources.Table> tables(List<String> logicalIds) {
        return resources.tables().stream().filter(t -> logicalIds.contains(t.logicalId())).toList();
    }

    /** Per table name, its key attribute names, hash key first: what {@link com.streamproc.bench.fake.FakeDynamoDb} needs. */
    public Map<String, List<String>> keyAttributes() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (TemplateResources.Table table : resources.tables()) {
            List<String> names = new ArrayList<>();
            for (KeySchemaElement element : table.createRequest().keySchema()) {
                if (element.keyType() == KeyType.HASH) {
                    names.add(0, element.attributeName());
                } else {
                    names.add(element.attributeName());
                }
            }
            keys.put(table.tableName(), names);
        }
        return keys;
    }
}
