package com.streamproc.e2e.harness;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.e2e.model.EndToEndModel;
import com.streamproc.e2e.model.EndToEndModels;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.function.FunctionDescriptor;
import com.streamproc.shared.function.FunctionDescriptors;
import com.streamproc.local.template.LocalTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A function the suite runs: its descriptor (names, logical ids, the production wiring) and its end-to-end model
 * (generator, reference, state check), found on the class path by name.
 *
 * @param index the function's position among the template's functions: it varies the per-function seeds
 */
public record PipelineFunction(FunctionDescriptor<?> descriptor, EndToEndModel<?> model, int index) {

    /**
     * The functions of {@code template} whose descriptor is on the class path, in the template's order, each with its
     * model.
     *
     * @throws IllegalStateException naming every such function without a model, or a template function without a
     *                               descriptor
     */
    public static List<PipelineFunction> deployed(LocalTemplate template) {
        Map<String, FunctionDescriptor<?>> byLogicalId = FunctionDescriptors.all().stream()
                .collect(Collectors.toMap(d -> d.templateIds().function(), d -> d));
        List<FunctionDescriptor<?>> descriptors = new ArrayList<>();
        for (LocalTemplate.LocalFunction function : template.functions()) {
            FunctionDescriptor<?> descriptor = byLogicalId.get(function.logicalId());
            if (descriptor == null) {
                throw new IllegalStateException("the template's function " + function.logicalId()
                        + " has no descriptor on the class path: add its module as a test dependency of e2e");
            }
            descriptors.add(descriptor);
        }
        List<EndToEndModel<?>> models = EndToEndModels.of(descriptors, EndToEndModels.all());
        List<PipelineFunction> functions = new ArrayList<>();
        for (int i = 0; i < descriptors.size(); i++) {
            functions.add(new PipelineFunction(descriptors.get(i), models.get(i), i));
        }
        return List.copyOf(functions);
    }

    /** The names of descriptors on the class path that {@code template} does not deploy: the suite cannot run them. */
    public static List<String> notDeployed(LocalTemplate template) {
        Set<String> logicalIds = template.functions().stream().map(LocalTemplate.LocalFunction::logicalId)
                .collect(Collectors.toSet());
        return FunctionDescriptors.all().stream().filter(d -> !logicalIds.contains(d.templateIds().function()))
                .map(FunctionDescriptor::name).toList();
    }

    /** The function of {@code functions} with this descriptor name. */
    public static PipelineFunction named(List<PipelineFunction> functions, String name) {
        return functions.stream().filter(f -> f.shortName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function " + name + " among "
                        + functions.stream().map(PipelineFunction::shortName).toList()));
    }

    /** The name in reports and in the bad-input catalogue ({@code order-processing}, ...). */
    public String shortName() {
        return descriptor.name();
    }

    public String logicalId() {
        return descriptor.templateIds().function();
    }

    public String tableId() {
        return descriptor.templateIds().table();
    }

    public String quarantineTableId() {
        return descriptor.templateIds().quarantineTable();
    }

    /** The handler as its no-argument constructor builds it, but on {@code dynamoDb}. */
    public RequestHandler<KinesisEvent, StreamsEventResponse> handler(FunctionEnvironment env,
                                                                      DynamoDbClient dynamoDb) {
        return handler(descriptor, env, dynamoDb);
    }

    /** Any function's handler as its no-argument constructor builds it, but on {@code dynamoDb}. */
    public static RequestHandler<KinesisEvent, StreamsEventResponse> handler(FunctionDescriptor<?> descriptor,
                                                                             FunctionEnvironment env,
                                                                             DynamoDbClient dynamoDb) {
        BatchProcessor<?> processor = descriptor.processor(env, dynamoDb);
        return processor::process;
    }

    @Override
    public String toString() {
        return shortName();
    }
}
