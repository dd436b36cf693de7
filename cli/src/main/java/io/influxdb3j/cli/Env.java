package io.influxdb3j.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The environment variables an option falls back to when it is not on the command line, first set one wins.
 * Read by {@link EnvDefaultProvider}; shown in usage help as {@code [env: NAME]}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Env {
    String[] value();
}
