package com.streamproc.e2e.model;

import com.streamproc.shared.function.FunctionDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The end-to-end models on the class path, found with {@link ServiceLoader}, matched to descriptors by name. */
public final class EndToEndModels {
    private EndToEndModels() {
    }

    /** Every model on the class path, by function name; two for one function is an error. */
    public static Map<String, EndToEndModel<?>> all() {
        Map<String, EndToEndModel<?>> models = new LinkedHashMap<>();
        for (EndToEndModel<?> model : ServiceLoader.load(EndToEndModel.class)) {
            EndToEndModel<?> other = models.putIfAbsent(model.functionName(), model);
            if (other != null) {
                throw new IllegalStateException("two end-to-end models for " + model.functionName() + ": "
                        + other.getClass().getName() + " and " + model.getClass().getName());
            }
        }
        return models;
    }

    /**
     * The model of each descriptor, in the descriptors' order.
     *
     * @throws IllegalStateException naming every descriptor without a model and what to add
     */
    public static List<EndToEndModel<?>> of(List<FunctionDescriptor<?>> descriptors, Map<String, EndToEndModel<?>> models) {
        List<EndToEndModel<?>> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (FunctionDescriptor<?> descriptor : descriptors) {
            EndToEndModel<?> model = models.get(descriptor.name());
            if (model == null) {
                missing.add(descriptor.name());
            } else {
                found.add(model);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no end-to-end model for " + String.join(", ", missing)
                    + ": the suite cannot check what it cannot predict. Add a class implementing "
                    + EndToEndModel.class.getName() + " (generator, reference, state check) and list it in "
                    + "META-INF/services/" + EndToEndModel.class.getName() + " of e2e's test resources");
        }
        return found;
    }
}
