package io.influxdb3j.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bundled numpy (org.bytedeco:numpy with OpenBLAS) in the main interpreter, and refused by own-GIL sub-interpreters. */
class NumpyTest {
    private final PythonRuntime runtime = PythonRuntime.get();

    @Test
    void importsAndComputesInTheMainInterpreter() {
        assertThat(runtime.bundledPackages()).isNotEmpty();
        PythonInterpreter python = runtime.mainInterpreter();
        PyModuleHandle module = python.load("numpy_check", """
                import numpy as np
                def check():
                    a = np.arange(1, 7, dtype=np.float64).reshape(2, 3)
                    product = a @ a.T          # matrix multiply: OpenBLAS dgemm
                    inverse = np.linalg.inv(np.array([[4.0, 7.0], [2.0, 6.0]]))  # LAPACK
                    return {
                        "version": np.__version__,
                        "sum": int(np.sum([1, 2, 3])),
                        "product": product.tolist(),
                        "inverse00": round(float(inverse[0][0]), 6),
                        "file": np.__file__,
                    }
                """, null);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) python.call(module, "check");
        assertThat((String) result.get("version")).startsWith("2.4");
        assertThat(result.get("sum")).isEqualTo(6L);
        assertThat(result.get("product")).isEqualTo(List.of(List.of(14.0, 32.0), List.of(32.0, 77.0)));
        assertThat(result.get("inverse00")).isEqualTo(0.6);
        assertThat((String) result.get("file")).startsWith(runtime.bundledPackages().get(0).toString());
    }

    @Test
    void ownGilSubInterpretersRefuseNumpyWithAnImportError() {
        String numpyDir = runtime.bundledPackages().get(0).toString();
        try (SubInterpreter sub = runtime.newSubInterpreter("numpy-refused")) {
            PyModuleHandle module = sub.load("try_numpy", """
                    import sys
                    def try_import(path):
                        if path not in sys.path:
                            sys.path.append(path)
                        try:
                            import numpy
                        except ImportError as e:
                            return [type(e).__name__, str(e)]
                        return ["imported", numpy.__version__]
                    def still_works():
                        return sum(range(10))
                    """, null);
            @SuppressWarnings("unchecked")
            List<String> outcome = (List<String>) sub.call(module, "try_import", numpyDir);
            assertThat(outcome.get(0)).isEqualTo("ImportError");
            assertThat(outcome.get(1)).containsIgnoringCase("interpreter");
            assertThat(sub.call(module, "still_works")).isEqualTo(45L);
        }
        // the main interpreter is unaffected
        PyModuleHandle check = runtime.mainInterpreter().load("numpy_after_sub",
                "import numpy\ndef total():\n    return int(numpy.sum(numpy.ones(4)))\n", null);
        assertThat(runtime.mainInterpreter().call(check, "total")).isEqualTo(4L);
    }
}
