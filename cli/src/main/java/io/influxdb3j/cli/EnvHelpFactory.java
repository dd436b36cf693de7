package io.influxdb3j.cli;

import java.util.Arrays;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.IHelpFactory;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** Usage help that adds an {@code [env: NAME]} line under every option or parameter that has an {@link Env}. */
final class EnvHelpFactory implements IHelpFactory {
    @Override
    public Help create(CommandSpec commandSpec, ColorScheme colorScheme) {
        return new Help(commandSpec, colorScheme) {
            @Override
            public IOptionRenderer createDefaultOptionRenderer() {
                IOptionRenderer base = super.createDefaultOptionRenderer();
                return (option, labels, scheme) -> withEnv(base.render(option, labels, scheme), option, scheme);
            }

            @Override
            public IParameterRenderer createDefaultParameterRenderer() {
                IParameterRenderer base = super.createDefaultParameterRenderer();
                return (param, labels, scheme) -> withEnv(base.render(param, labels, scheme), param, scheme);
            }
        };
    }

    private static Text[][] withEnv(Text[][] rows, ArgSpec arg, ColorScheme scheme) {
        Env env = EnvDefaultProvider.envOf(arg);
        if (env == null || rows.length == 0) {
            return rows;
        }
        int columns = rows[0].length;
        Text[] extra = new Text[columns];
        for (int i = 0; i < columns - 1; i++) {
            extra[i] = scheme.ansi().new Text("", scheme);
        }
        extra[columns - 1] = scheme.ansi().new Text("[env: " + String.join(", ", env.value()) + "]", scheme);
        Text[][] out = Arrays.copyOf(rows, rows.length + 1);
        out[rows.length] = extra;
        return out;
    }
}
