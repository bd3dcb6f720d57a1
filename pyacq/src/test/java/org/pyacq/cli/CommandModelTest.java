package org.pyacq.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The command line's model built from the build's file ({@link CommandModels}) is the one picocli reads
 * from the annotations: same options and parameters with the same attributes, same usage help, and
 * every option parsed into the same fields, or refused with the same message.
 */
class CommandModelTest {
    static Stream<String> commands() {
        return PyacqCommand.COMMANDS.keySet().stream();
    }

    @Test
    void theBuildWroteTheModelOfEveryCommand() {
        assertNotNull(CommandModels.build(PyacqCommand.forModel()), "the root's model is missing from the file");
        for (Class<?> type : CommandModelFile.commands().subList(1, CommandModelFile.commands().size())) {
            assertNotNull(CommandModels.build(CommandModels.instantiate(type)), type.getName());
        }
        assertEquals(PyacqCommand.COMMANDS.size() + 1, CommandModelFile.commands().size(), "the root and every command");
    }

    @Test
    void theModelClassKeepsEveryByte(@TempDir Path classes) throws Exception {
        byte[] data = new byte[70_000];   // more than one string constant, every byte value, digits after escapes
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 3 == 0 ? '0' + i % 8 : i * 31);
        }
        CommandModelFile.compile(data, classes);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            Method parts = loader.loadClass(CommandModels.DATA_CLASS).getDeclaredMethod("parts");
            parts.setAccessible(true);
            String[] strings = (String[]) parts.invoke(null);
            assertTrue(strings.length > 1, "split into several constants");
            assertArrayEquals(data, String.join("", strings).getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void theModelFromTheFileIsTheAnnotatedOne(String name) {
        CommandLine annotated = annotated(name);
        CommandLine fromFile = fromFile(name);
        assertEquals(describe(annotated.getCommandSpec()), describe(fromFile.getCommandSpec()), "root");
        CommandSpec a = annotated.getSubcommands().get(name).getCommandSpec();
        CommandSpec f = fromFile.getSubcommands().get(name).getCommandSpec();
        assertEquals(describe(a), describe(f), name);
        assertEquals(a.commandLine().getUsageMessage(Ansi.OFF), f.commandLine().getUsageMessage(Ansi.OFF));
        assertEquals(a.commandLine().getUsageMessage(Ansi.ON), f.commandLine().getUsageMessage(Ansi.ON));
    }

    @Test
    void theRootsHelpListsTheSameCommands() {
        CommandLine annotated = new CommandLine(PyacqCommand.forModel());
        PyacqCommand.COMMANDS.values().forEach(annotated::addSubcommand);
        CommandLine fromFile = PyacqCommand.newCommandLine(PyacqCommand.forModel(), null);
        CommandLineSetup.configure(annotated);
        assertEquals(annotated.getUsageMessage(Ansi.OFF), fromFile.getUsageMessage(Ansi.OFF));
        assertEquals(annotated.getSubcommands().keySet(), fromFile.getSubcommands().keySet());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyOptionParsesIntoTheSameFields(String name) {
        List<List<String>> lines = sampleLines(name);
        assertFalse(lines.isEmpty());
        for (List<String> line : lines) {
            assertEquals(parse(annotated(name), line), parse(fromFile(name), line), String.join(" ", line));
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void noOptionNeedsAConverterMainLeavesOut(String name) {
        // PyacqCommand.main has picocli skip its java.time and java.sql converters
        for (ArgSpec arg : fromFile(name).getSubcommands().get(name).getCommandSpec().args()) {
            for (Class<?> type : arg.auxiliaryTypes()) {
                assertFalse(type.getName().matches(PyacqCommand.EXCLUDED_CONVERTERS), name + " " + arg + ": " + type);
            }
        }
    }

    @Test
    void aSetterMethodsRefusalIsTheSameParameterError() {
        for (CommandLine cl : List.of(annotated("ps"), fromFile("ps"))) {
            CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                    () -> cl.parseArgs("ps", "--timeout", "-1"));
            assertTrue(e.getMessage().contains("is not a positive number of seconds"), e.getMessage());
        }
    }

    private static CommandLine annotated(String name) {
        CommandLine cl = new CommandLine(PyacqCommand.forModel());
        cl.addSubcommand(name, PyacqCommand.COMMANDS.get(name));
        return CommandLineSetup.configure(cl);
    }

    private static CommandLine fromFile(String name) {
        return PyacqCommand.newCommandLine(PyacqCommand.forModel(), new String[] {name});
    }

    /** Command lines using each option and parameter of command {@code name} once, and a few wrong ones. */
    private static List<List<String>> sampleLines(String name) {
        CommandSpec spec = annotated(name).getSubcommands().get(name).getCommandSpec();
        List<String> positionals = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            for (int i = 0; i < Math.max(1, Math.min(p.arity().max(), 2)); i++) {
                positionals.add(sample(p, i));
            }
        }
        List<List<String>> lines = new ArrayList<>();
        lines.add(concat(List.of(name), positionals));
        lines.add(List.of(name));
        lines.add(concat(List.of(name, "--no-such-option"), positionals));
        for (OptionSpec option : spec.options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            for (String optionName : option.names()) {
                List<String> use = new ArrayList<>(List.of(name, optionName));
                if (option.arity().max() > 0) {
                    use.add(sample(option, 0));
                }
                lines.add(concat(use, positionals));
            }
            if (option.arity().max() > 0) {
                lines.add(concat(List.of(name, option.longestName() + "=" + sample(option, 1)), positionals));
                lines.add(List.of(name, option.longestName()));   // value missing
            }
        }
        return lines;
    }

    private static String sample(ArgSpec arg, int i) {
        Class<?> type = arg.auxiliaryTypes()[0];
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[i % constants.length].toString();
        }
        if (Map.class.isAssignableFrom(arg.type())) {
            return "k" + i + "=v" + i;
        }
        if (type == boolean.class || type == Boolean.class) {
            return i == 0 ? "true" : "false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return i == 0 ? "3" : "2.5";
        }
        return i == 0 ? "/tmp/x" : "word";
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** What parsing {@code line} left in the command's and its mixins' fields, or the error it raised. */
    private static String parse(CommandLine cl, List<String> line) {
        try {
            cl.parseArgs(line.toArray(String[]::new));
        } catch (CommandLine.PicocliException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        CommandSpec sub = cl.getSubcommands().get(line.get(0)).getCommandSpec();
        Map<String, String> fields = new TreeMap<>();
        dump("", cl.getCommandSpec().userObject(), fields, Collections.newSetFromMap(new IdentityHashMap<>()));
        dump(line.get(0) + ".", sub.userObject(), fields, Collections.newSetFromMap(new IdentityHashMap<>()));
        return fields.toString();
    }

    private static void dump(String prefix, Object object, Map<String, String> fields, Set<Object> seen) {
        if (!seen.add(object)) {
            return;
        }
        for (Class<?> c = object.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object value;
                try {
                    value = field.get(object);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
                String key = prefix + c.getSimpleName() + "." + field.getName();
                if (value instanceof CommandSpec spec) {
                    fields.put(key, "spec of " + spec.qualifiedName());
                } else if (value != null && value.getClass().getName().startsWith("org.pyacq.cli")
                        && !(value instanceof Cancellation) && !(value instanceof Enum)) {
                    fields.put(key, value.getClass().getName());
                    dump(key + ".", value, fields, seen);
                } else if (value instanceof Cancellation) {
                    fields.put(key, "cancellation");
                } else {
                    fields.put(key, String.valueOf(value));
                }
            }
        }
    }

    /** Every attribute of a command's model that shapes parsing or help, as text. */
    private static String describe(CommandSpec spec) {
        StringBuilder b = new StringBuilder();
        UsageMessageSpec u = spec.usageMessage();
        b.append("name=").append(spec.name()).append(" aliases=").append(Arrays.toString(spec.aliases()))
                .append(" qualified=").append(spec.qualifiedName())
                .append(" version=").append(Arrays.toString(spec.version()))
                .append(" versionProvider=").append(cls(spec.versionProvider()))
                .append(" helpCommand=").append(spec.helpCommand())
                .append(" mixinStandardHelpOptions=").append(spec.mixinStandardHelpOptions())
                .append(" mixins=").append(spec.mixins().keySet())
                .append(" exit=").append(spec.exitCodeOnSuccess()).append(spec.exitCodeOnUsageHelp())
                .append(spec.exitCodeOnVersionHelp()).append(spec.exitCodeOnInvalidInput())
                .append(spec.exitCodeOnExecutionException())
                .append(" scope=").append(spec.scopeType()).append(" separator=").append(spec.parser().separator())
                .append(" userObject=").append(cls(spec.userObject())).append('\n');
        b.append("usage: ").append(u.headerHeading()).append(Arrays.toString(u.header())).append(u.synopsisHeading())
                .append(u.synopsisSubcommandLabel()).append(Arrays.toString(u.customSynopsis()))
                .append(u.descriptionHeading()).append(Arrays.toString(u.description())).append(u.parameterListHeading())
                .append(u.optionListHeading()).append(u.commandListHeading()).append(u.exitCodeListHeading())
                .append(u.exitCodeList()).append(u.footerHeading()).append(Arrays.toString(u.footer()))
                .append(u.abbreviateSynopsis()).append(u.sortOptions()).append(u.sortSynopsis())
                .append(u.showDefaultValues()).append(u.hidden()).append(u.showAtFileInUsageHelp())
                .append(u.showEndOfOptionsDelimiterInUsageHelp()).append(u.requiredOptionMarker()).append(u.width())
                .append(u.autoWidth()).append('\n');
        for (ArgSpec arg : spec.args()) {
            b.append(arg instanceof OptionSpec o
                    ? "option " + Arrays.toString(o.names()) + " order=" + o.order() + " usageHelp=" + o.usageHelp()
                            + " versionHelp=" + o.versionHelp() + " negatable=" + o.negatable() + " fallback="
                            + o.fallbackValue()
                    : "positional " + ((PositionalParamSpec) arg).index());
            b.append(" arity=").append(arg.arity()).append(arg.arity().isUnspecified() ? "?" : "")
                    .append(" required=").append(arg.required()).append(" label=").append(arg.paramLabel())
                    .append(" hideSyntax=").append(arg.hideParamSyntax()).append(" type=").append(arg.type().getName())
                    .append(" aux=").append(Arrays.stream(arg.auxiliaryTypes()).map(Class::getName).toList())
                    .append(" multi=").append(arg.isMultiValue()).append(" converters=")
                    .append(Arrays.stream(arg.converters()).map(CommandModelTest::cls).toList())
                    .append(" split=").append(arg.splitRegex()).append('/').append(arg.splitRegexSynopsisLabel())
                    .append(" description=").append(Arrays.toString(arg.description()))
                    .append(" descriptionKey=").append(arg.descriptionKey())
                    .append(" default=").append(arg.defaultValue()).append(" mapFallback=").append(arg.mapFallbackValue())
                    .append(" showDefault=").append(arg.showDefaultValue()).append(" hidden=").append(arg.hidden())
                    .append(" scope=").append(arg.scopeType()).append(" inherited=").append(arg.inherited())
                    .append(" candidates=").append(arg.completionCandidates() == null ? null
                            : String.valueOf(list(arg.completionCandidates())))
                    .append(" initial=").append(arg.hasInitialValue()).append('/').append(arg.initialValue())
                    .append(" owner=").append(cls(owner(arg))).append(" userObject=").append(arg.userObject())
                    .append(" toString=").append(arg).append('\n');
        }
        return b.toString();
    }

    private static Object owner(ArgSpec arg) {
        try {
            return arg.scope().get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> list(Iterable<String> values) {
        List<String> all = new ArrayList<>();
        values.forEach(all::add);
        return all;
    }

    private static String cls(Object o) {
        return o == null ? "null" : o.getClass().getName();
    }
}
