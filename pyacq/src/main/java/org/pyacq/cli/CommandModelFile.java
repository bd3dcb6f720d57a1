package org.pyacq.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IAnnotatedElement;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Range;
import picocli.CommandLine.Spec;

/**
 * Writes the command line's model at build time: picocli's model of each command, read from its
 * annotations once here and compiled into a class, so that a command run reads it with
 * {@link CommandModels} and builds the same model without reflection over annotations (which costs a short command a third of its run: the JVM
 * makes a proxy class per annotation type, and no class-data archive keeps them).
 *
 * <p>Run by the build ({@code process-classes}) as {@code CommandModelFile OUTPUT_FILE}; the format is
 * {@link CommandModels}'s, attribute by attribute. A command using a picocli feature the model does not
 * carry (argument groups, unmatched arguments, resource bundles, ...) fails the build with its name:
 * either add the feature here and in {@link CommandModels}, or leave the command out of
 * {@link #commands()} (it is then built from its annotations).
 */
public final class CommandModelFile {
    private CommandModelFile() {
    }

    /**
     * Writes the model of {@link #commands()} as the class {@value CommandModels#DATA_CLASS} into the class
     * directory {@code args[0]}: a class, not a resource, because a class comes from the class-data archive
     * while the first resource read opens the application's jar (a short command's whole jar index).
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CommandModelFile CLASS_DIRECTORY");
        }
        Path classes = Path.of(args[0]);
        compile(write(commands()), classes);
        // then the help texts, rendered by the command line as it now runs (from the model just written:
        // nothing has read an earlier one in this JVM)
        compile(HelpTexts.DATA_CLASS, HelpTexts.write(), classes);
    }

    /** Compiles the model class {@value CommandModels#DATA_CLASS} holding {@code data} into {@code classes}. */
    static void compile(byte[] data, Path classes) throws IOException {
        compile(CommandModels.DATA_CLASS, data, classes);
    }

    /** Compiles the class {@code className} holding {@code data} (Latin-1 string constants) into {@code classes}. */
    static void compile(String className, byte[] data, Path classes) throws IOException {
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this JVM (" + System.getProperty("java.home")
                    + "): build with a JDK");
        }
        Path dir = Files.createTempDirectory("pyacq-command-model");
        try {
            Path source = dir.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
            Files.writeString(source, source(className, data), StandardCharsets.US_ASCII);
            int code = javac.run(null, null, null, "--release", "17", "-nowarn", "-d", classes.toString(),
                    source.toString());
            if (code != 0) {
                throw new IllegalStateException("javac could not compile " + className + " (exit " + code + ")");
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    /** The class's source: {@code parts()} returns the bytes as Latin-1 strings, each within a class file constant. */
    static String source(String name, byte[] data) {
        StringBuilder b = new StringBuilder();
        b.append("package ").append(name, 0, name.lastIndexOf('.')).append(";\n\n")
                .append("/** Written by CommandModelFile at build time (see CommandModels.readData). */\n")
                .append("final class ").append(name.substring(name.lastIndexOf('.') + 1)).append(" {\n")
                .append("    private ").append(name.substring(name.lastIndexOf('.') + 1)).append("() {\n    }\n\n")
                .append("    static String[] parts() {\n        return new String[] {\n");
        for (int from = 0; from < data.length; from += PART_BYTES) {
            b.append("            \"");
            for (int i = from; i < Math.min(data.length, from + PART_BYTES); i++) {
                int c = data[i] & 0xff;
                if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                    b.append((char) c);
                } else {
                    // always three digits: the longest octal escape, so a digit after it is not taken in
                    b.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                            .append((char) ('0' + (c & 7)));
                }
            }
            b.append("\",\n");
        }
        return b.append("        };\n    }\n}\n").toString();
    }

    /** Bytes per string constant: a class file constant holds 65535 bytes of modified UTF-8, two per byte at most. */
    private static final int PART_BYTES = 30_000;

    /** The commands the model holds: the root and every subcommand (picocli's own {@code help} too). */
    static List<Class<?>> commands() {
        List<Class<?>> all = new ArrayList<>();
        all.add(PyacqCommand.class);
        all.addAll(PyacqCommand.COMMANDS.values());
        return all;
    }

    /** The model of {@code commands} as bytes: per command, its class name and its model's bytes. */
    static byte[] write(List<Class<?>> commands) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(CommandModels.FORMAT);
            out.writeInt(commands.size());
            for (Class<?> command : commands) {
                byte[] model = model(command);
                out.writeUTF(command.getName());
                out.writeInt(model.length);
                out.write(model);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] model(Class<?> command) throws IOException {
        Object instance = command == PyacqCommand.class ? PyacqCommand.forModel() : CommandModels.instantiate(command);
        CommandSpec spec = CommandSpec.forAnnotatedObject(instance);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            new Writer(out, command.getName()).object(spec);
        }
        return bytes.toByteArray();
    }

    /** Writes one command's model; raw values (variables not expanded: the run expands them as picocli would). */
    private static final class Writer {
        private final DataOutputStream out;
        private final String command;
        private final CommandSpec blank = CommandSpec.create();

        Writer(DataOutputStream out, String command) {
            this.out = out;
            this.command = command;
        }

        /** A command or mixin: its attributes, then its members in picocli's order. */
        void object(CommandSpec spec) throws IOException {
            spec.interpolateVariables(false);
            for (CommandSpec mixin : spec.mixins().values()) {
                mixin.interpolateVariables(false);
            }
            unsupported(spec);
            attributes(spec);
            usage(spec.usageMessage(), blank.usageMessage());
            members(spec);
        }

        private void unsupported(CommandSpec spec) {
            List<String> found = new ArrayList<>();
            if (!spec.argGroups().isEmpty()) {
                found.add("argument groups");
            }
            if (!spec.unmatchedArgsBindings().isEmpty()) {
                found.add("unmatched arguments");
            }
            if (!spec.subcommands().isEmpty()) {
                found.add("subcommands of its own");
            }
            if (spec.defaultValueProvider() != null) {
                found.add("a default value provider");
            }
            if (spec.resourceBundleBaseName() != null) {
                found.add("a resource bundle");
            }
            if (spec.modelTransformer() != null && spec.modelTransformer() != blank.modelTransformer()) {
                found.add("a model transformer");
            }
            for (ArgSpec arg : spec.args()) {
                if (arg.parameterConsumer() != null || arg.interactive()
                        || !arg.preprocessor().getClass().equals(blankPreprocessor().getClass())) {
                    found.add("a parameter consumer, preprocessor or interactive option (" + arg + ")");
                }
                if (!(arg.userObject() instanceof Field) && !(arg.userObject() instanceof Method)) {
                    found.add("an option that is neither a field nor a method (" + arg + ")");
                }
            }
            if (!found.isEmpty()) {
                throw new IllegalStateException(command + " uses what the command model does not carry: "
                        + String.join(", ", found) + "; carry it in CommandModelFile and CommandModels, or leave "
                        + "the command out of CommandModelFile.commands()");
            }
        }

        private static Object blankPreprocessor() {
            return PositionalParamSpec.builder().build().preprocessor();
        }

        private void attributes(CommandSpec spec) throws IOException {
            tagged(CommandModels.NAME, spec.name(), blank.name());
            tagged(CommandModels.ALIASES, spec.aliases(), blank.aliases());
            tagged(CommandModels.VERSION, spec.version(), blank.version());
            if (spec.versionProvider() != null) {
                tag(CommandModels.VERSION_PROVIDER, true);
                out.writeUTF(spec.versionProvider().getClass().getName());
            }
            if (spec.helpCommand() != blank.helpCommand()) {
                tag(CommandModels.HELP_COMMAND, true);
                out.writeBoolean(spec.helpCommand());
            }
            int[] codes = {spec.exitCodeOnSuccess(), spec.exitCodeOnUsageHelp(), spec.exitCodeOnVersionHelp(),
                spec.exitCodeOnInvalidInput(), spec.exitCodeOnExecutionException()};
            int[] blankCodes = {blank.exitCodeOnSuccess(), blank.exitCodeOnUsageHelp(),
                blank.exitCodeOnVersionHelp(), blank.exitCodeOnInvalidInput(), blank.exitCodeOnExecutionException()};
            if (!Arrays.equals(codes, blankCodes)) {
                tag(CommandModels.EXIT_CODES, true);
                for (int code : codes) {
                    out.writeInt(code);
                }
            }
            if (spec.scopeType() != blank.scopeType()) {
                tag(CommandModels.SCOPE, true);
                out.writeUTF(spec.scopeType().name());
            }
            if (!spec.parser().separator().equals(blank.parser().separator())) {
                tag(CommandModels.SEPARATOR, true);
                out.writeUTF(spec.parser().separator());
            }
            out.writeByte(CommandModels.END);
        }

        private void usage(UsageMessageSpec u, UsageMessageSpec b) throws IOException {
            tagged(CommandModels.HEADER_HEADING, u.headerHeading(), b.headerHeading());
            tagged(CommandModels.HEADER, u.header(), b.header());
            tagged(CommandModels.SYNOPSIS_HEADING, u.synopsisHeading(), b.synopsisHeading());
            tagged(CommandModels.SYNOPSIS_SUBCOMMAND_LABEL, u.synopsisSubcommandLabel(), b.synopsisSubcommandLabel());
            tagged(CommandModels.CUSTOM_SYNOPSIS, u.customSynopsis(), b.customSynopsis());
            tagged(CommandModels.DESCRIPTION_HEADING, u.descriptionHeading(), b.descriptionHeading());
            tagged(CommandModels.DESCRIPTION, u.description(), b.description());
            tagged(CommandModels.PARAMETER_LIST_HEADING, u.parameterListHeading(), b.parameterListHeading());
            tagged(CommandModels.OPTION_LIST_HEADING, u.optionListHeading(), b.optionListHeading());
            tagged(CommandModels.COMMAND_LIST_HEADING, u.commandListHeading(), b.commandListHeading());
            tagged(CommandModels.EXIT_CODE_LIST_HEADING, u.exitCodeListHeading(), b.exitCodeListHeading());
            tagged(CommandModels.FOOTER_HEADING, u.footerHeading(), b.footerHeading());
            tagged(CommandModels.FOOTER, u.footer(), b.footer());
            if (!u.exitCodeList().equals(b.exitCodeList())) {
                tag(CommandModels.EXIT_CODE_LIST, true);
                out.writeInt(u.exitCodeList().size());
                for (Map.Entry<String, String> e : u.exitCodeList().entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeUTF(e.getValue());
                }
            }
            boolean[] flags = {u.abbreviateSynopsis(), u.sortOptions(), u.sortSynopsis(), u.showDefaultValues(),
                u.hidden(), u.showAtFileInUsageHelp(), u.showEndOfOptionsDelimiterInUsageHelp()};
            boolean[] blankFlags = {b.abbreviateSynopsis(), b.sortOptions(), b.sortSynopsis(), b.showDefaultValues(),
                b.hidden(), b.showAtFileInUsageHelp(), b.showEndOfOptionsDelimiterInUsageHelp()};
            for (int i = 0; i < flags.length; i++) {
                if (flags[i] != blankFlags[i]) {
                    tag(CommandModels.FLAGS + i, true);
                    out.writeBoolean(flags[i]);
                }
            }
            if (u.requiredOptionMarker() != b.requiredOptionMarker()) {
                tag(CommandModels.REQUIRED_OPTION_MARKER, true);
                out.writeChar(u.requiredOptionMarker());
            }
            if (u.width() != b.width()) {
                tag(CommandModels.WIDTH, true);
                out.writeInt(u.width());
            }
            out.writeByte(CommandModels.END);
        }

        /**
         * The members in picocli's order: its own options and parameters, each mixin (with all of its own
         * members) where its first option stands, then the mixins without options, the {@code @Spec} and
         * {@code @ParentCommand} fields.
         */
        private void members(CommandSpec spec) throws IOException {
            Map<Object, String> mixinOf = new IdentityHashMap<>();
            spec.mixins().forEach((name, mixin) -> owners(mixin, name, mixinOf));
            List<String> written = new ArrayList<>();
            for (ArgSpec arg : spec.args()) {
                Object owner = owner(arg);
                String mixin = mixinOf.get(owner);
                if (owner == spec.userObject()) {
                    out.writeByte(CommandModels.ARG);
                    arg(arg);
                } else if (mixin == null) {
                    throw new IllegalStateException(command + ": option " + arg + " belongs to no object of the command");
                } else if (!written.contains(mixin)) {
                    written.add(mixin);
                    mixin(spec, mixin);
                }
            }
            for (String mixin : spec.mixins().keySet()) {
                if (!written.contains(mixin)) {
                    mixin(spec, mixin);
                }
            }
            for (IAnnotatedElement element : spec.specElements()) {
                Field field = (Field) element.userObject();
                out.writeByte(CommandModels.SPEC_FIELD);
                field(field);
                out.writeBoolean(field.getAnnotation(Spec.class).value() == Spec.Target.MIXEE);
            }
            for (IAnnotatedElement element : spec.parentCommandElements()) {
                out.writeByte(CommandModels.PARENT_FIELD);
                field((Field) element.userObject());
            }
            out.writeByte(CommandModels.END);
        }

        private static Object owner(ArgSpec arg) {
            try {
                return arg.scope().get();
            } catch (Exception e) {
                throw new IllegalStateException("no object for " + arg + ": " + e, e);
            }
        }

        private static void owners(CommandSpec mixin, String name, Map<Object, String> mixinOf) {
            mixinOf.put(mixin.userObject(), name);
            mixin.mixins().values().forEach(nested -> owners(nested, name, mixinOf));
        }

        private void mixin(CommandSpec spec, String name) throws IOException {
            CommandSpec mixin = spec.mixins().get(name);
            IAnnotatedElement holder = spec.mixinAnnotatedElements().get(name);
            out.writeByte(CommandModels.MIXIN);
            out.writeUTF(name);
            out.writeBoolean(holder != null);
            if (holder != null) {
                field((Field) holder.userObject());
            }
            out.writeUTF(mixin.userObject().getClass().getName());
            object(mixin);
        }

        private void field(Field field) throws IOException {
            out.writeUTF(field.getDeclaringClass().getName());
            out.writeUTF(field.getName());
        }

        private void arg(ArgSpec arg) throws IOException {
            if (arg.userObject() instanceof Field field) {
                out.writeBoolean(true);
                field(field);
            } else {
                Method method = (Method) arg.userObject();
                out.writeBoolean(false);
                out.writeUTF(method.getDeclaringClass().getName());
                out.writeUTF(method.getName());
                out.writeUTF(method.getParameterTypes()[0].getName());
            }
            if (arg instanceof OptionSpec option) {
                out.writeBoolean(true);
                strings(option.names());
                out.writeInt(option.order());
                out.writeBoolean(option.usageHelp());
                out.writeBoolean(option.versionHelp());
                out.writeBoolean(option.negatable());
                out.writeUTF(option.fallbackValue());
            } else {
                out.writeBoolean(false);
                range(((PositionalParamSpec) arg).index());
            }
            range(arg.arity());
            out.writeBoolean(arg.required());
            out.writeUTF(arg.paramLabel());
            out.writeBoolean(arg.hideParamSyntax());
            out.writeUTF(arg.type().getName());
            out.writeInt(arg.auxiliaryTypes().length);
            for (Class<?> type : arg.auxiliaryTypes()) {
                out.writeUTF(type.getName());
            }
            out.writeInt(arg.converters().length);
            for (CommandLine.ITypeConverter<?> converter : arg.converters()) {
                out.writeUTF(converter.getClass().getName());
            }
            out.writeUTF(arg.splitRegex());
            out.writeUTF(arg.splitRegexSynopsisLabel());
            strings(arg.description());
            nullable(arg.descriptionKey());
            nullable(arg.defaultValue());
            nullable(arg.mapFallbackValue());
            out.writeUTF(arg.showDefaultValue().name());
            out.writeBoolean(arg.hidden());
            out.writeUTF(arg.scopeType().name());
            Iterable<String> candidates = arg.completionCandidates();
            boolean ownCandidates = candidates != null && !(arg.typeInfo().isEnum() && candidates instanceof List);
            nullable(ownCandidates ? candidates.getClass().getName() : null);
            out.writeUTF(arg.toString());
        }

        private void range(Range range) throws IOException {
            out.writeInt(range.min());
            out.writeInt(range.max());
            out.writeBoolean(range.isVariable());
            out.writeBoolean(range.isUnspecified());
            nullable(range.originalValue());
        }

        private void tag(int tag, boolean write) throws IOException {
            if (write) {
                out.writeByte(tag);
            }
        }

        private void tagged(int tag, String value, String blankValue) throws IOException {
            if (!Objects.equals(value, blankValue)) {
                out.writeByte(tag);
                nullable(value);
            }
        }

        private void tagged(int tag, String[] value, String[] blankValue) throws IOException {
            if (!Arrays.equals(value, blankValue)) {
                out.writeByte(tag);
                strings(value);
            }
        }

        private void strings(String[] values) throws IOException {
            out.writeInt(values.length);
            for (String value : values) {
                out.writeUTF(value);
            }
        }

        private void nullable(String value) throws IOException {
            out.writeBoolean(value != null);
            if (value != null) {
                out.writeUTF(value);
            }
        }
    }
}
