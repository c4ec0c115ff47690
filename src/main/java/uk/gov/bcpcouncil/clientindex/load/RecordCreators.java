package uk.gov.bcpcouncil.clientindex.load;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.module.SimpleValueInstantiators;

/**
 * Creating the records Jackson reads (the mapped records and the records inside them) through their canonical
 * constructor with {@link Constructor#newInstance}, instead of Jackson's {@code MethodHandle.invokeWithArguments},
 * which looks its adapter up again at every call: about a tenth of buildClientIndex's workers' time. Jackson
 * still finds the creator, reads and checks the properties and builds the arguments; only the final call differs
 * (same constructor, same arguments, a constructor's exception wrapped as Jackson wraps it). Applies to public
 * records with Jackson's standard instantiator only; anything else keeps Jackson's own. Thread-safe.
 */
final class RecordCreators extends SimpleValueInstantiators {

    private static final long serialVersionUID = 1L;

    @Override
    public ValueInstantiator modifyValueInstantiator(DeserializationConfig config, BeanDescription.Supplier beanDescRef,
            ValueInstantiator defaultInstantiator) {
        ValueInstantiator found = super.modifyValueInstantiator(config, beanDescRef, defaultInstantiator);
        if (found != null && found.getClass() == StdValueInstantiator.class
                && ((StdValueInstantiator) found).getWithArgsCreator() instanceof AnnotatedConstructor creator) {
            Constructor<?> constructor = creator.getAnnotated();
            Class<?> type = constructor.getDeclaringClass();
            if (type.isRecord() && Modifier.isPublic(type.getModifiers()) && Modifier.isPublic(constructor.getModifiers())
                    && constructor.getParameterCount() == type.getRecordComponents().length) {
                return new Direct((StdValueInstantiator) found, constructor);
            }
        }
        return found;
    }

    /** Jackson's instantiator, calling the record's constructor directly. */
    private static final class Direct extends StdValueInstantiator {

        private final Constructor<?> constructor;

        Direct(StdValueInstantiator jackson, Constructor<?> constructor) {
            super(jackson);
            this.constructor = constructor;
        }

        @Override
        public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) {
            try {
                return constructor.newInstance(args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Error error) {
                    throw error;
                }
                throw rewrapCtorProblem(ctxt, cause);
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                throw rewrapCtorProblem(ctxt, e);
            }
        }
    }
}
