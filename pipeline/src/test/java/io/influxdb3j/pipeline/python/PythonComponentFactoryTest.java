package io.influxdb3j.pipeline.python;

import static io.influxdb3j.pipeline.python.TestingPython.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.influxdb3j.pipeline.ComponentFactory;
import io.influxdb3j.pipeline.FieldSpec;
import io.influxdb3j.pipeline.FieldSpec.FieldType;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class PythonComponentFactoryTest {
    @Test
    void theThreePythonFactoriesAreFoundByServiceLoader() {
        List<ComponentFactory> python = ServiceLoader.load(ComponentFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(factory -> factory.type().equals("python"))
                .toList();
        assertThat(python).extracting(ComponentFactory::kind)
                .containsExactlyInAnyOrder(ComponentFactory.Kind.INPUT, ComponentFactory.Kind.PROCESSOR,
                        ComponentFactory.Kind.OUTPUT);
    }

    @Test
    void everyConfigKeyIsDeclaredWithItsTypeAndValues() {
        List<FieldSpec> processor = new PythonProcessorFactory().fields();
        assertThat(processor).extracting(FieldSpec::name).containsExactly("script", "mode", "serializer", "exe", "modules");
        assertThat(processor.getFirst()).isEqualTo(FieldSpec.required("script", FieldType.STRING));
        assertThat(processor.get(1).allowedValues()).containsExactly("global", "isolated", "isolated_legacy");
        assertThat(processor.get(1).defaultValue()).isEqualTo("global");
        assertThat(processor.get(2).allowedValues()).containsExactly("bloblang", "pickle", "none");
        assertThat(processor.get(4).type()).isEqualTo(FieldType.STRING_LIST);
        assertThat(new PythonInputFactory().fields()).extracting(FieldSpec::name)
                .containsExactly("script", "mode", "serializer", "exe", "modules", "name", "batch_size", "pickle");
        assertThat(new PythonInputFactory().fields()).filteredOn(field -> field.name().equals("batch_size"))
                .singleElement().satisfies(field -> {
                    assertThat(field.type()).isEqualTo(FieldType.INT);
                    assertThat(field.defaultValue()).isEqualTo(1);
                });
        assertThat(new PythonOutputFactory().fields()).extracting(FieldSpec::name)
                .containsExactly("script", "mode", "serializer", "exe", "modules");
    }

    @Test
    void aValidConfigHasNoProblems() {
        assertThat(new PythonProcessorFactory().validate(yaml("script: root = 1\nmode: isolated\nserializer: pickle\n")))
                .isEmpty();
        assertThat(new PythonInputFactory().validate(yaml("script: data = [1]\nname: data\nserializer: none\n"))).isEmpty();
    }

    @Test
    void serializerNoneNeedsGlobalMode() {
        assertThat(new PythonProcessorFactory().validate(yaml("script: root = 1\nmode: isolated\nserializer: none\n")))
                .containsExactly("serializer: isolated interpreters require bloblang or pickle serialization: 'none' "
                        + "passes Python objects between components and needs mode 'global', not 'isolated'");
        assertThat(new PythonInputFactory().validate(yaml("script: x = 1\nmode: isolated_legacy\nserializer: none\n")))
                .singleElement().asString().startsWith("serializer: isolated interpreters require");
        // The output ignores serializer, as in rp-connect-python.
        assertThat(new PythonOutputFactory().validate(yaml("script: x = 1\nmode: isolated\nserializer: none\n"))).isEmpty();
    }

    @Test
    void aSyntaxErrorIsALintErrorWithItsLine() {
        assertThat(new PythonProcessorFactory().validate(yaml("script: |\n  x = 1\n  if x\n    pass\n")))
                .singleElement().asString()
                .startsWith("script: failed to compile python script: SyntaxError: ")
                .endsWith("(line 2 of <python processor script>)");
    }

    @Test
    void otherProblemsNameTheirKey() {
        assertThat(new PythonInputFactory().validate(yaml("script: x = 1\nbatch_size: 0\n")))
                .containsExactly("batch_size: expected a positive integer, found 0");
        assertThat(new PythonInputFactory().validate(yaml("script: x = 1\npickle: true\nserializer: bloblang\n")))
                .containsExactly("pickle: 'pickle: true' asks for serializer pickle, but serializer is 'bloblang': keep one of them");
        assertThat(new PythonProcessorFactory().validate(yaml("script: \"\"\nmode: parallel\n")))
                .containsExactly("script: a python processor needs a script",
                        "mode: invalid mode 'parallel': use one of global, isolated, isolated_legacy");
        assertThat(new PythonProcessorFactory().validate(yaml("script: x = 1\nmodules: json\n")))
                .containsExactly("modules: expected a list of module names");
    }
}
