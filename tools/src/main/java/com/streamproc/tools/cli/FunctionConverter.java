package com.streamproc.tools.cli;

import com.streamproc.tools.aws.PipelineFunction;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a function by name ({@code order-processing}) or by its events' type ({@code orders}). */
public final class FunctionConverter implements ITypeConverter<PipelineFunction> {
    @Override
    public PipelineFunction convert(String value) {
        try {
            return PipelineFunction.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
