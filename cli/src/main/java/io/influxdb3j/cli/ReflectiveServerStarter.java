package io.influxdb3j.cli;

import io.influxdb3j.server.ServeConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Starts {@code io.influxdb3j.server.InfluxServer} through reflection on its contract
 * ({@code static start(ServeConfig)}, {@code port()}, {@code awaitTermination()}, {@code close()}), so the CLI builds
 * whether or not the server class exists yet. Being the real process's starter, it first applies the logging flags
 * ({@link LogSetup}) and installs a shutdown hook that closes the server on Ctrl-C.
 */
final class ReflectiveServerStarter implements ServerStarter {
    static final String SERVER_CLASS = "io.influxdb3j.server.InfluxServer";

    private final String className;

    ReflectiveServerStarter() {
        this(SERVER_CLASS);
    }

    ReflectiveServerStarter(String className) {
        this.className = className;
    }

    @Override
    public RunningServer start(ServeConfig config) throws Exception {
        LogSetup.apply(config);
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new CliException("this build of influxdb3 has no server: class " + className
                    + " is not on the classpath");
        } catch (LinkageError e) {
            throw incomplete(e);
        }
        Method start;
        Method port;
        Method await;
        Method close;
        try {
            start = type.getMethod("start", ServeConfig.class);
            port = type.getMethod("port");
            await = type.getMethod("awaitTermination");
            close = type.getMethod("close");
        } catch (NoSuchMethodException e) {
            throw new CliException("class " + className + " lacks " + e.getMessage()
                    + ": it must offer static start(ServeConfig), port(), awaitTermination() and close()");
        }
        Object server;
        try {
            server = invoke(start, null, config);
        } catch (LinkageError e) {
            throw incomplete(e);
        }
        RunningServer running = new RunningServer() {
            @Override
            public int port() {
                try {
                    return (Integer) invoke(port, server);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void awaitTermination() throws Exception {
                invoke(await, server);
            }

            @Override
            public void close() {
                try {
                    invoke(close, server);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "influxdb3-shutdown"));
        return running;
    }

    private static CliException incomplete(LinkageError e) {
        return new CliException("the server's classes are incomplete on the classpath (" + e
                + "): run influxdb3 from its distribution, which bundles every dependency");
    }

    private static Object invoke(Method method, Object target, Object... args) throws Exception {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
