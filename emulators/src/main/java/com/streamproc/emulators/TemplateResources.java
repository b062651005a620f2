package com.streamproc.emulators;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.kinesis.model.CreateStreamRequest;

/**
 * The DynamoDB tables ({@value #TABLE_TYPE}) and Kinesis streams ({@value #STREAM_TYPE}) of a
 * CloudFormation / SAM template, turned into SDK create requests for the local emulators.
 *
 * <p>Names: a resource's {@code TableName} / {@code Name} when it is a literal or resolves locally
 * ({@code !Sub "${EnvironmentName}-orders"}, {@code !Ref}, {@code !Join}, {@code !If}: see {@link TemplateValues}); without one,
 * {@code <stack name>-<logical id>} with stack name {@value #LOCAL_STACK_NAME}. Parameter values: the
 * template's {@code Default}, except {@value #ENVIRONMENT_PARAMETER}, which is {@value #LOCAL_ENVIRONMENT}
 * locally; explicit overrides win over both. Pseudo parameters: region us-east-1, account 000000000000.
 *
 * <p>Shard count: {@code ShardCount} (a literal, or a {@code !Ref} to a parameter, which yields its
 * default); {@value #ON_DEMAND_LOCAL_SHARDS} shards when {@code StreamModeDetails.StreamMode} is
 * {@code ON_DEMAND}. Properties the emulators do not model (TTL, SSE, point-in-time recovery, stream
 * specification, retention, encryption, tags, ...) are listed in {@code skippedProperties()} and ignored.
 * Resources whose {@code Condition} evaluates to false are left out.
 */
public final class TemplateResources {

    public static final String TABLE_TYPE = "AWS::DynamoDB::Table";
    public static final String STREAM_TYPE = "AWS::Kinesis::Stream";
    /** Parameter that names the environment in resource names. */
    public static final String ENVIRONMENT_PARAMETER = "EnvironmentName";
    /** Its value locally, unless overridden. */
    public static final String LOCAL_ENVIRONMENT = "local";
    /** Value of {@code AWS::StackName} locally. */
    public static final String LOCAL_STACK_NAME = "streamproc-local";
    /** Shards of an on-demand stream locally (kinesis-mock's own on-demand default is 4 as well). */
    public static final int ON_DEMAND_LOCAL_SHARDS = 4;

    private static final Set<String> TABLE_PROPERTIES = Set.of("TableName", "AttributeDefinitions", "KeySchema",
            "BillingMode", "ProvisionedThroughput", "GlobalSecondaryIndexes", "LocalSecondaryIndexes",
            "TimeToLiveSpecification");
    private static final Set<String> STREAM_PROPERTIES = Set.of("Name", "ShardCount", "StreamModeDetails");

    /** One {@value #TABLE_TYPE} resource. {@code ttlAttribute} is null when the template enables no TTL. */
    public record Table(String logicalId, String tableName, CreateTableRequest createRequest, String ttlAttribute,
            List<String> skippedProperties) {
    }

    /** One {@value #STREAM_TYPE} resource, created locally as a provisioned stream of {@code shardCount} shards. */
    public record Stream(String logicalId, String streamName, int shardCount, boolean onDemand,
            CreateStreamRequest createRequest, List<String> skippedProperties) {
    }

    private final String source;
    private final Map<String, String> parameters;
    private final List<Table> tables;
    private final List<Stream> streams;
    private final Map<String, String> physicalNames;

    private TemplateResources(String source, Map<String, String> parameters, List<Table> tables,
            List<Stream> streams, Map<String, String> physicalNames) {
        this.source = source;
        this.parameters = Collections.unmodifiableMap(parameters);
        this.tables = List.copyOf(tables);
        this.streams = List.copyOf(streams);
        this.physicalNames = Collections.unmodifiableMap(physicalNames);
    }

    /** Reads a template with the local parameter values. */
    public static TemplateResources read(Path template) {
        return read(template, Map.of());
    }

    /** Reads a template; {@code parameterOverrides} win over the local defaults and the template's defaults. */
    public static TemplateResources read(Path template, Map<String, String> parameterOverrides) {
        return parse(CloudFormationYaml.load(template), template.toString(), parameterOverrides);
    }

    /** Builds the resources from an already parsed template (see {@link CloudFormationYaml}). */
    public static TemplateResources parse(Map<String, Object> template, String source,
            Map<String, String> parameterOverrides) {
        return new Parser(template, source, parameterOverrides).parse();
    }

    /** Where the template came from. */
    public String source() {
        return source;
    }

    /** Parameter values in use: template defaults, local defaults, overrides. */
    public Map<String, String> parameters() {
        return parameters;
    }

    public List<Table> tables() {
        return tables;
    }

    public List<Stream> streams() {
        return streams;
    }

    /** Logical id to local physical name (table name or stream name), in template order. */
    public Map<String, String> physicalNames() {
        return physicalNames;
    }

    /** The physical name of a table or stream, failing with the known ids when it is not there. */
    public String physicalName(String logicalId) {
        String name = physicalNames.get(logicalId);
        if (name == null) {
            throw new IllegalArgumentException("No table or stream '" + logicalId + "' in " + source
                    + "; known: " + physicalNames.keySet());
        }
        return name;
    }

    @Override
    public String toString() {
        return "TemplateResources[" + source + ": " + physicalNames + "]";
    }

    // ------------------------------------------------------------------------------------------ parsing

    private static final class Parser {
        private final Map<String, Object> template;
        private final String source;
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private final Map<String, Object> conditions;
        private TemplateValues values;

        Parser(Map<String, Object> template, String source, Map<String, String> overrides) {
            this.template = template;
            this.source = source;
            this.conditions = optionalMap(template.get("Conditions"), "Conditions");
            Map<String, Object> declared = optionalMap(template.get("Parameters"), "Parameters");
            declared.forEach((name, declaration) -> {
                Object defaultValue = optionalMap(declaration, "Parameters." + name).get("Default");
                if (defaultValue instanceof List<?> list) {
                    parameters.put(name, String.join(",", list.stream().map(String::valueOf).toList()));
                } else if (defaultValue != null) {
                    parameters.put(name, String.valueOf(defaultValue));
                }
            });
            parameters.put(ENVIRONMENT_PARAMETER, LOCAL_ENVIRONMENT);
            parameters.putAll(Objects.requireNonNull(overrides, "parameterOverrides"));
        }

        TemplateResources parse() {
            Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
            optionalMap(template.get("Resources"), "Resources")
                    .forEach((logicalId, value) -> resources.put(logicalId, optionalMap(value, logicalId)));
            values = new TemplateValues(source, AwsClients.REGION.id(), AwsClients.ACCOUNT_ID, parameters, conditions,
                    resources, Map.of());
            Map<String, Map<String, Object>> selected = new LinkedHashMap<>();
            resources.forEach((logicalId, resource) -> {
                Object type = resource.get("Type");
                if ((TABLE_TYPE.equals(type) || STREAM_TYPE.equals(type)) && included(logicalId, resource)) {
                    selected.put(logicalId, resource);
                }
            });
            // names first, so that later properties may !Ref a table or stream
            selected.forEach((logicalId, resource) -> values.name(logicalId, physicalName(logicalId, resource)));
            Map<String, String> resourceNames = values.physicalNames();

            List<Table> tables = new ArrayList<>();
            List<Stream> streams = new ArrayList<>();
            selected.forEach((logicalId, resource) -> {
                Map<String, Object> properties = optionalMap(resolve(resource.get("Properties")), logicalId + ".Properties");
                if (TABLE_TYPE.equals(resource.get("Type"))) {
                    tables.add(table(logicalId, resourceNames.get(logicalId), properties));
                } else {
                    streams.add(stream(logicalId, resourceNames.get(logicalId), properties));
                }
            });
            return new TemplateResources(source, parameters, tables, streams, resourceNames);
        }

        private boolean included(String logicalId, Map<String, Object> resource) {
            Object condition = resource.get("Condition");
            return condition == null || values.condition(string(condition, logicalId + ".Condition"));
        }

        private String physicalName(String logicalId, Map<String, Object> resource) {
            String property = TABLE_TYPE.equals(resource.get("Type")) ? "TableName" : "Name";
            Map<String, Object> properties = optionalMap(resource.get("Properties"), logicalId + ".Properties");
            Object raw = properties.get(property);
            Object resolved = raw == null ? TemplateValues.NO_VALUE : resolve(raw);
            if (resolved == TemplateValues.NO_VALUE) {
                return LOCAL_STACK_NAME + "-" + logicalId;
            }
            if (!(resolved instanceof String name)) {
                throw new IllegalArgumentException(source + ": cannot derive the local name of " + logicalId
                        + " from " + property + ": " + raw);
            }
            return name;
        }

        // -------------------------------------------------------------------------------- tables

        private Table table(String logicalId, String tableName, Map<String, Object> properties) {
            String where = logicalId + ".Properties";
            BillingMode billingMode = properties.containsKey("BillingMode")
                    ? BillingMode.fromValue(string(properties.get("BillingMode"), where + ".BillingMode"))
                    : BillingMode.PROVISIONED;
            if (billingMode == BillingMode.UNKNOWN_TO_SDK_VERSION) {
                throw new IllegalArgumentException(source + ": unknown BillingMode in " + where + ": "
                        + properties.get("BillingMode"));
            }
            boolean provisioned = billingMode == BillingMode.PROVISIONED;

            CreateTableRequest.Builder request = CreateTableRequest.builder()
                    .tableName(tableName)
                    .billingMode(billingMode)
                    .attributeDefinitions(list(properties.get("AttributeDefinitions"), where + ".AttributeDefinitions")
                            .stream()
                            .map(item -> {
                                Map<String, Object> definition = map(item, where + ".AttributeDefinitions[]");
                                return AttributeDefinition.builder()
                                        .attributeName(string(definition.get("AttributeName"), where + ".AttributeDefinitions[].AttributeName"))
                                        .attributeType(string(definition.get("AttributeType"), where + ".AttributeDefinitions[].AttributeType"))
                                        .build();
                            })
                            .toList())
                    .keySchema(keySchema(properties.get("KeySchema"), where + ".KeySchema"));
            if (provisioned) {
                request.provisionedThroughput(throughput(properties.get("ProvisionedThroughput"), where + ".ProvisionedThroughput"));
            }
            List<GlobalSecondaryIndex> globalIndexes = new ArrayList<>();
            for (Object item : optionalList(properties.get("GlobalSecondaryIndexes"), where + ".GlobalSecondaryIndexes")) {
                Map<String, Object> index = map(item, where + ".GlobalSecondaryIndexes[]");
                String indexWhere = where + ".GlobalSecondaryIndexes[" + index.get("IndexName") + "]";
                GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                        .indexName(string(index.get("IndexName"), indexWhere + ".IndexName"))
                        .keySchema(keySchema(index.get("KeySchema"), indexWhere + ".KeySchema"))
                        .projection(projection(index.get("Projection"), indexWhere + ".Projection"));
                if (provisioned) {
                    gsi.provisionedThroughput(throughput(index.get("ProvisionedThroughput"), indexWhere + ".ProvisionedThroughput"));
                }
                globalIndexes.add(gsi.build());
            }
            if (!globalIndexes.isEmpty()) {
                request.globalSecondaryIndexes(globalIndexes);
            }
            List<LocalSecondaryIndex> localIndexes = new ArrayList<>();
            for (Object item : optionalList(properties.get("LocalSecondaryIndexes"), where + ".LocalSecondaryIndexes")) {
                Map<String, Object> index = map(item, where + ".LocalSecondaryIndexes[]");
                String indexWhere = where + ".LocalSecondaryIndexes[" + index.get("IndexName") + "]";
                localIndexes.add(LocalSecondaryIndex.builder()
                        .indexName(string(index.get("IndexName"), indexWhere + ".IndexName"))
                        .keySchema(keySchema(index.get("KeySchema"), indexWhere + ".KeySchema"))
                        .projection(projection(index.get("Projection"), indexWhere + ".Projection"))
                        .build());
            }
            if (!localIndexes.isEmpty()) {
                request.localSecondaryIndexes(localIndexes);
            }

            String ttlAttribute = null;
            Map<String, Object> ttl = optionalMap(properties.get("TimeToLiveSpecification"), where + ".TimeToLiveSpecification");
            if (Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")))) {
                ttlAttribute = string(ttl.get("AttributeName"), where + ".TimeToLiveSpecification.AttributeName");
            }
            List<String> skipped = new ArrayList<>();
            if (!ttl.isEmpty()) {
                skipped.add("TimeToLiveSpecification");
            }
            properties.keySet().stream().filter(p -> !TABLE_PROPERTIES.contains(p)).forEach(skipped::add);
            return new Table(logicalId, tableName, request.build(), ttlAttribute, List.copyOf(skipped));
        }

        private List<KeySchemaElement> keySchema(Object value, String where) {
            return list(value, where).stream().map(item -> {
                Map<String, Object> element = map(item, where + "[]");
                return KeySchemaElement.builder()
                        .attributeName(string(element.get("AttributeName"), where + "[].AttributeName"))
                        .keyType(string(element.get("KeyType"), where + "[].KeyType"))
                        .build();
            }).toList();
        }

        private Projection projection(Object value, String where) {
            Map<String, Object> projection = map(value, where);
            Projection.Builder builder = Projection.builder()
                    .projectionType(string(projection.getOrDefault("ProjectionType", "ALL"), where + ".ProjectionType"));
            List<Object> nonKey = optionalList(projection.get("NonKeyAttributes"), where + ".NonKeyAttributes");
            if (!nonKey.isEmpty()) {
                builder.nonKeyAttributes(nonKey.stream().map(a -> string(a, where + ".NonKeyAttributes[]")).toList());
            }
            return builder.build();
        }

        private ProvisionedThroughput throughput(Object value, String where) {
            Map<String, Object> throughput = optionalMap(value, where);
            return ProvisionedThroughput.builder()
                    .readCapacityUnits(throughput.containsKey("ReadCapacityUnits")
                            ? integer(throughput.get("ReadCapacityUnits"), where + ".ReadCapacityUnits") : 5L)
                    .writeCapacityUnits(throughput.containsKey("WriteCapacityUnits")
                            ? integer(throughput.get("WriteCapacityUnits"), where + ".WriteCapacityUnits") : 5L)
                    .build();
        }

        // ------------------------------------------------------------------------------- streams

        private Stream stream(String logicalId, String streamName, Map<String, Object> properties) {
            String where = logicalId + ".Properties";
            Map<String, Object> mode = optionalMap(properties.get("StreamModeDetails"), where + ".StreamModeDetails");
            boolean onDemand = "ON_DEMAND".equals(mode.get("StreamMode"));
            int shardCount;
            if (onDemand) {
                shardCount = ON_DEMAND_LOCAL_SHARDS;
            } else if (properties.containsKey("ShardCount")) {
                shardCount = Math.toIntExact(integer(properties.get("ShardCount"), where + ".ShardCount"));
            } else {
                shardCount = 1;
            }
            if (shardCount < 1) {
                throw new IllegalArgumentException(source + ": " + where + ".ShardCount must be >= 1: " + shardCount);
            }
            List<String> skipped = properties.keySet().stream().filter(p -> !STREAM_PROPERTIES.contains(p)).toList();
            CreateStreamRequest request = CreateStreamRequest.builder()
                    .streamName(streamName)
                    .shardCount(shardCount)
                    .build();
            return new Stream(logicalId, streamName, shardCount, onDemand, request, List.copyOf(skipped));
        }

        // ------------------------------------------------------------------------------- helpers

        private Object resolve(Object value) {
            return values.resolve(value);
        }

        private String string(Object value, String where) {
            Object resolved = resolve(value);
            if (!TemplateValues.isScalar(resolved)) {
                throw new IllegalArgumentException(source + ": " + where + " must be a string that resolves locally, got "
                        + value);
            }
            return String.valueOf(resolved);
        }

        private long integer(Object value, String where) {
            String text = string(value, where).trim();
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + ": " + where + " must be an integer, got " + value, e);
            }
        }

        @SuppressWarnings("unchecked")
        private List<Object> list(Object value, String where) {
            Object resolved = resolve(value);
            if (!(resolved instanceof List<?>)) {
                throw new IllegalArgumentException(source + ": " + where + " must be a list, got " + value);
            }
            return (List<Object>) resolved;
        }

        private List<Object> optionalList(Object value, String where) {
            return value == null ? List.of() : list(value, where);
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> map(Object value, String where) {
            Object resolved = resolve(value);
            if (!(resolved instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(source + ": " + where + " must be a mapping, got " + value);
            }
            return (Map<String, Object>) resolved;
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> optionalMap(Object value, String where) {
            if (value == null) {
                return Map.of();
            }
            if (!(value instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(source + ": " + where + " must be a mapping, got " + value);
            }
            return (Map<String, Object>) value;
        }
    }
}
