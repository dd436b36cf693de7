package io.influxdb3j.cli;

import java.lang.reflect.Field;
import java.util.Locale;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;

/**
 * Supplies an option's value from the {@link Env} variables declared on its field when the command line lacks it;
 * picocli falls back to the annotation's {@code defaultValue} when this returns null. Boolean variables take Core's
 * spellings ({@code true/false}, {@code 1/0}, {@code yes/no}, {@code on/off}).
 */
final class EnvDefaultProvider implements IDefaultValueProvider {
    private final Environment env;

    EnvDefaultProvider(Environment env) {
        this.env = env;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        Env names = envOf(arg);
        if (names == null) {
            return null;
        }
        for (String name : names.value()) {
            var value = env.get(name);
            if (value.isPresent()) {
                return isBoolean(arg) ? normalizeBoolean(value.get()) : value.get();
            }
        }
        return null;
    }

    /** The {@link Env} annotation of the field behind {@code arg}, or null. */
    static Env envOf(ArgSpec arg) {
        return arg.userObject() instanceof Field field ? field.getAnnotation(Env.class) : null;
    }

    private static boolean isBoolean(ArgSpec arg) {
        return arg.type() == boolean.class || arg.type() == Boolean.class;
    }

    private static String normalizeBoolean(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "y", "on" -> "true";
            case "0", "false", "no", "n", "off" -> "false";
            default -> value;
        };
    }
}
