package io.influxdb3j.pipeline;

import io.influxdb3j.pipeline.ComponentFactory.Kind;
import io.influxdb3j.pipeline.components.BuiltinComponents;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The component types a pipeline can name, by kind and type: the built-in ones ({@code stdin}, {@code file},
 * {@code generate}, {@code http_server}, {@code mapping}, {@code stdout}, {@code influxdb3}...) plus every
 * {@link ComponentFactory} listed in {@code META-INF/services/io.influxdb3j.pipeline.ComponentFactory} on the
 * class path (the {@code python} components register themselves that way).
 */
public final class ComponentRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ComponentRegistry.class);
    private final Map<Kind, Map<String, ComponentFactory>> factories;

    private ComponentRegistry(Map<Kind, Map<String, ComponentFactory>> factories) {
        this.factories = factories;
    }

    /** Built-ins plus the service-loaded factories of the context class loader. */
    public static ComponentRegistry standard() {
        List<ComponentFactory> all = new ArrayList<>(BuiltinComponents.factories());
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Iterator<ComponentFactory> it = ServiceLoader.load(ComponentFactory.class,
                loader != null ? loader : ComponentRegistry.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                all.add(it.next());
            } catch (ServiceConfigurationError e) {
                LOG.warn("skipping a pipeline component that failed to load: {}", e.getMessage());
            }
        }
        return of(all);
    }

    /** Exactly these factories; the first of two with the same kind and type wins. */
    public static ComponentRegistry of(List<ComponentFactory> list) {
        Map<Kind, Map<String, ComponentFactory>> map = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            map.put(k, new LinkedHashMap<>());
        }
        for (ComponentFactory f : list) {
            ComponentFactory previous = map.get(f.kind()).putIfAbsent(f.type(), f);
            if (previous != null && previous != f) {
                LOG.warn("two {} components named {}: keeping {}", kindName(f.kind()), f.type(), previous.getClass().getName());
            }
        }
        return new ComponentRegistry(map);
    }

    /** This registry plus {@code extra} (which win over existing types of the same name). */
    public ComponentRegistry with(ComponentFactory... extra) {
        List<ComponentFactory> all = new ArrayList<>(List.of(extra));
        factories.values().forEach(m -> all.addAll(m.values()));
        return of(all);
    }

    public Optional<ComponentFactory> find(Kind kind, String type) {
        return Optional.ofNullable(factories.get(kind).get(type));
    }

    /** The type names of a kind, sorted. */
    public List<String> types(Kind kind) {
        return List.copyOf(new TreeSet<>(factories.get(kind).keySet()));
    }

    /** "input", "processor" or "output". */
    public static String kindName(Kind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
