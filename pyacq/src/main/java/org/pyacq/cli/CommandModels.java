package org.pyacq.cli;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.IScope;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.PicocliException;
import picocli.CommandLine.Range;
import picocli.CommandLine.ScopeType;

/**
 * The command line's model as the build wrote it ({@link CommandModelFile}, into a generated class): builds a command's picocli
 * model with picocli's builders, binding options to the same fields and methods, without reading a
 * single annotation. A command the model does not hold (or a run from classes without the model, as an
 * IDE may do) is built from its annotations as before.
 *
 * <p>The file: a format number, the number of commands, then per command its class name and its model:
 * the command's attributes (tagged, only those that differ from picocli's defaults, up to {@link #END}),
 * its usage message's (the same way), then its members in picocli's order up to {@link #END}: an option or
 * parameter ({@link #ARG}), a mixin ({@link #MIXIN}: its holder field, class, then itself as a command),
 * an {@code @Spec} field, a {@code @ParentCommand} field. {@code CommandModelTest} checks that the model
 * built from it equals the one picocli reads from the annotations.
 */
final class CommandModels {
    static final int FORMAT = 1;
    /** The class the build writes the model into (not a resource: see {@link CommandModelFile#main}). */
    static final String DATA_CLASS = "org.pyacq.cli.CommandModelData";

    static final int END = 0;
    // command attributes
    static final int NAME = 1;
    static final int ALIASES = 2;
    static final int VERSION = 3;
    static final int VERSION_PROVIDER = 4;
    static final int HELP_COMMAND = 5;
    static final int EXIT_CODES = 6;
    static final int SCOPE = 7;
    static final int SEPARATOR = 8;
    // usage message attributes
    static final int HEADER_HEADING = 20;
    static final int HEADER = 21;
    static final int SYNOPSIS_HEADING = 22;
    static final int SYNOPSIS_SUBCOMMAND_LABEL = 23;
    static final int CUSTOM_SYNOPSIS = 24;
    static final int DESCRIPTION_HEADING = 25;
    static final int DESCRIPTION = 26;
    static final int PARAMETER_LIST_HEADING = 27;
    static final int OPTION_LIST_HEADING = 28;
    static final int COMMAND_LIST_HEADING = 29;
    static final int EXIT_CODE_LIST_HEADING = 30;
    static final int FOOTER_HEADING = 31;
    static final int FOOTER = 32;
    static final int EXIT_CODE_LIST = 33;
    static final int REQUIRED_OPTION_MARKER = 34;
    static final int WIDTH = 35;
    /** Usage flags: abbreviateSynopsis, sortOptions, sortSynopsis, showDefaultValues, hidden, showAtFile, showEndOfOptions. */
    static final int FLAGS = 40;
    // members
    static final int ARG = 1;
    static final int MIXIN = 2;
    static final int SPEC_FIELD = 3;
    static final int PARENT_FIELD = 4;

    private static Map<String, byte[]> models;

    private CommandModels() {
    }

    /** A command's model built from the build's, and its {@code @ParentCommand} fields to set once it has a parent. */
    record Built(CommandSpec spec, List<Field> parentFields) {
    }

    /**
     * The model of {@code command} from the build's, or null when that has none for its class, or one that
     * does not fit the class (classes compiled again without the build's step): then the annotations serve.
     */
    static Built build(Object command) {
        byte[] model = models().get(command.getClass().getName());
        if (model == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(model))) {
            List<Field> parentFields = new ArrayList<>();
            CommandSpec spec = new Reader(in, parentFields).object(command, null);
            return new Built(spec, parentFields);
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            LoggerFactory.getLogger(CommandModels.class).debug("the built command model does not fit {} ({}); "
                    + "reading its annotations", command.getClass().getName(), e.toString());
            return null;
        }
    }

    /** Adds command {@code type} as {@code name} to {@code parent}: from the build's model if it has it, else from annotations. */
    static void addSubcommand(CommandLine parent, String name, Class<?> type) {
        Built built = models().containsKey(type.getName()) ? build(instantiate(type)) : null;   // null: annotations
        if (built == null) {
            parent.addSubcommand(name, type);
            return;
        }
        parent.addSubcommand(name, new CommandLine(built.spec()));
        Object parentObject = parent.getCommandSpec().userObject();
        for (Field field : built.parentFields()) {
            set(field, built.spec().userObject(), parentObject);
        }
    }

    private static synchronized Map<String, byte[]> models() {
        if (models == null) {
            models = read();
        }
        return models;
    }

    /**
     * The bytes the build compiled into class {@code className} ({@link CommandModelFile#compile}), or
     * null when there is no such class (classes an IDE compiled).
     *
     * @throws IllegalStateException if the class is there but cannot be read
     */
    static byte[] readData(String className) {
        try {
            Method parts = Class.forName(className, true, CommandModels.class.getClassLoader())
                    .getDeclaredMethod("parts");
            parts.setAccessible(true);
            StringBuilder text = new StringBuilder();
            for (String part : (String[]) parts.invoke(null)) {
                text.append(part);
            }
            return text.toString().getBytes(StandardCharsets.ISO_8859_1);
        } catch (ClassNotFoundException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + className + " (rebuild pyacq): " + e, e);
        }
    }

    private static Map<String, byte[]> read() {
        Map<String, byte[]> all = new HashMap<>();
        byte[] data = readData(DATA_CLASS);
        if (data == null) {
            return all;   // classes without the build's model (an IDE's): annotations
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            if (in.readInt() != FORMAT) {
                return all;
            }
            for (int n = in.readInt(); n > 0; n--) {
                String name = in.readUTF();
                byte[] model = new byte[in.readInt()];
                in.readFully(model);
                all.put(name, model);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the command model " + DATA_CLASS + " (rebuild pyacq): "
                    + e.getMessage(), e);
        }
        return all;
    }

    /** A new instance of {@code type} by its no-argument constructor, as picocli's default factory makes one. */
    static Object instantiate(Class<?> type) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type.getName() + ": " + e, e);
        }
    }

    private static void set(Field field, Object owner, Object value) {
        try {
            field.setAccessible(true);
            field.set(owner, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set " + field + ": " + e, e);
        }
    }

    private static final class Reader {
        private final DataInputStream in;
        private final List<Field> parentFields;

        Reader(DataInputStream in, List<Field> parentFields) {
            this.in = in;
            this.parentFields = parentFields;
        }

        /** Reads the model of {@code object}, a command or a mixin of {@code mixee}. */
        CommandSpec object(Object object, CommandSpec mixee) throws IOException, ReflectiveOperationException {
            CommandSpec spec = CommandSpec.wrapWithoutInspection(object);
            attributes(spec);
            usage(spec.usageMessage());
            for (int member = in.readByte(); member != END; member = in.readByte()) {
                switch (member) {
                    case ARG -> spec.add(arg(object, spec));
                    case MIXIN -> mixin(object, spec);
                    case SPEC_FIELD -> {
                        Field field = field();
                        set(field, object, in.readBoolean() && mixee != null ? mixee : spec);
                    }
                    case PARENT_FIELD -> parentFields.add(field());
                    default -> throw new IOException("unknown member " + member);
                }
            }
            return spec;
        }

        private void attributes(CommandSpec spec) throws IOException, ReflectiveOperationException {
            for (int tag = in.readByte(); tag != END; tag = in.readByte()) {
                switch (tag) {
                    case NAME -> spec.name(nullable());
                    case ALIASES -> spec.aliases(strings());
                    case VERSION -> spec.version(strings());
                    case VERSION_PROVIDER -> spec.versionProvider((IVersionProvider) instantiate(type(in.readUTF())));
                    case HELP_COMMAND -> spec.helpCommand(in.readBoolean());
                    case EXIT_CODES -> spec.exitCodeOnSuccess(in.readInt()).exitCodeOnUsageHelp(in.readInt())
                            .exitCodeOnVersionHelp(in.readInt()).exitCodeOnInvalidInput(in.readInt())
                            .exitCodeOnExecutionException(in.readInt());
                    case SCOPE -> spec.scopeType(ScopeType.valueOf(in.readUTF()));
                    case SEPARATOR -> spec.parser().separator(in.readUTF());
                    default -> throw new IOException("unknown command attribute " + tag);
                }
            }
        }

        private void usage(UsageMessageSpec u) throws IOException {
            for (int tag = in.readByte(); tag != END; tag = in.readByte()) {
                switch (tag) {
                    case HEADER_HEADING -> u.headerHeading(nullable());
                    case HEADER -> u.header(strings());
                    case SYNOPSIS_HEADING -> u.synopsisHeading(nullable());
                    case SYNOPSIS_SUBCOMMAND_LABEL -> u.synopsisSubcommandLabel(nullable());
                    case CUSTOM_SYNOPSIS -> u.customSynopsis(strings());
                    case DESCRIPTION_HEADING -> u.descriptionHeading(nullable());
                    case DESCRIPTION -> u.description(strings());
                    case PARAMETER_LIST_HEADING -> u.parameterListHeading(nullable());
                    case OPTION_LIST_HEADING -> u.optionListHeading(nullable());
                    case COMMAND_LIST_HEADING -> u.commandListHeading(nullable());
                    case EXIT_CODE_LIST_HEADING -> u.exitCodeListHeading(nullable());
                    case FOOTER_HEADING -> u.footerHeading(nullable());
                    case FOOTER -> u.footer(strings());
                    case EXIT_CODE_LIST -> {
                        Map<String, String> codes = new LinkedHashMap<>();
                        for (int n = in.readInt(); n > 0; n--) {
                            codes.put(in.readUTF(), in.readUTF());
                        }
                        u.exitCodeList(codes);
                    }
                    case REQUIRED_OPTION_MARKER -> u.requiredOptionMarker(in.readChar());
                    case WIDTH -> u.width(in.readInt());
                    case FLAGS -> u.abbreviateSynopsis(in.readBoolean());
                    case FLAGS + 1 -> u.sortOptions(in.readBoolean());
                    case FLAGS + 2 -> u.sortSynopsis(in.readBoolean());
                    case FLAGS + 3 -> u.showDefaultValues(in.readBoolean());
                    case FLAGS + 4 -> u.hidden(in.readBoolean());
                    case FLAGS + 5 -> u.showAtFileInUsageHelp(in.readBoolean());
                    case FLAGS + 6 -> u.showEndOfOptionsDelimiterInUsageHelp(in.readBoolean());
                    default -> throw new IOException("unknown usage attribute " + tag);
                }
            }
        }

        private void mixin(Object owner, CommandSpec spec) throws IOException, ReflectiveOperationException {
            String name = in.readUTF();
            Field holder = in.readBoolean() ? field() : null;
            Class<?> type = type(in.readUTF());
            Object mixin = holder == null ? null : holder.get(owner);
            if (mixin == null) {
                mixin = instantiate(type);
                if (holder != null) {
                    set(holder, owner, mixin);
                }
            }
            spec.addMixin(name, object(mixin, spec));
        }

        private ArgSpec arg(Object owner, CommandSpec spec) throws IOException, ReflectiveOperationException {
            Field field = null;
            Method method = null;
            if (in.readBoolean()) {
                field = field();
            } else {
                method = type(in.readUTF()).getDeclaredMethod(in.readUTF(), type(in.readUTF()));
                method.setAccessible(true);
            }
            OptionSpec.Builder option = null;
            PositionalParamSpec.Builder positional = null;
            if (in.readBoolean()) {
                option = OptionSpec.builder(strings()).order(in.readInt()).usageHelp(in.readBoolean())
                        .versionHelp(in.readBoolean()).negatable(in.readBoolean()).fallbackValue(in.readUTF());
            } else {
                positional = PositionalParamSpec.builder().index(range());
            }
            Arg a = new Arg(range(), in.readBoolean(), in.readUTF(), in.readBoolean(), type(in.readUTF()), types(),
                    converters(), in.readUTF(), in.readUTF(), strings(), nullable(), nullable(), nullable(),
                    Visibility.valueOf(in.readUTF()), in.readBoolean(), ScopeType.valueOf(in.readUTF()),
                    candidates(), in.readUTF(), new ObjectScope(owner));
            Object userObject = field != null ? field : method;
            IGetter getter;
            ISetter setter;
            if (field != null) {
                FieldBinding binding = new FieldBinding(owner, field);
                getter = binding;
                setter = binding;
            } else {
                MethodBinding binding = new MethodBinding(owner, method, spec);
                getter = binding;
                setter = binding;
            }
            boolean initial = field != null;
            Object initialValue = initial ? field.get(owner) : null;
            // the same attributes on either builder (their common base class is not public)
            if (option != null) {
                option.arity(a.arity).required(a.required).paramLabel(a.paramLabel).hideParamSyntax(a.hideParamSyntax)
                        .type(a.type).auxiliaryTypes(a.auxiliaryTypes).converters(a.converters).splitRegex(a.split)
                        .splitRegexSynopsisLabel(a.splitLabel).description(a.description).descriptionKey(a.descriptionKey)
                        .defaultValue(a.defaultValue).showDefaultValue(a.showDefault).hidden(a.hidden)
                        .scopeType(a.scopeType).completionCandidates(a.candidates).withToString(a.text)
                        .scope(a.scope).userObject(userObject).getter(getter).setter(setter)
                        .initialValue(initialValue).hasInitialValue(initial);
                if (a.mapFallback != null) {
                    option.mapFallbackValue(a.mapFallback);
                }
                return option.build();
            }
            positional.arity(a.arity).required(a.required).paramLabel(a.paramLabel).hideParamSyntax(a.hideParamSyntax)
                    .type(a.type).auxiliaryTypes(a.auxiliaryTypes).converters(a.converters).splitRegex(a.split)
                    .splitRegexSynopsisLabel(a.splitLabel).description(a.description).descriptionKey(a.descriptionKey)
                    .defaultValue(a.defaultValue).showDefaultValue(a.showDefault).hidden(a.hidden)
                    .scopeType(a.scopeType).completionCandidates(a.candidates).withToString(a.text)
                    .scope(a.scope).userObject(userObject).getter(getter).setter(setter)
                    .initialValue(initialValue).hasInitialValue(initial);
            if (a.mapFallback != null) {
                positional.mapFallbackValue(a.mapFallback);
            }
            return positional.build();
        }

        private Class<?>[] types() throws IOException, ClassNotFoundException {
            Class<?>[] types = new Class<?>[in.readInt()];
            for (int i = 0; i < types.length; i++) {
                types[i] = type(in.readUTF());
            }
            return types;
        }

        private CommandLine.ITypeConverter<?>[] converters() throws IOException, ClassNotFoundException {
            CommandLine.ITypeConverter<?>[] converters = new CommandLine.ITypeConverter<?>[in.readInt()];
            for (int i = 0; i < converters.length; i++) {
                converters[i] = (CommandLine.ITypeConverter<?>) instantiate(type(in.readUTF()));
            }
            return converters;
        }

        @SuppressWarnings("unchecked")
        private Iterable<String> candidates() throws IOException, ClassNotFoundException {
            String type = nullable();
            return type == null ? null : (Iterable<String>) instantiate(type(type));
        }

        private Field field() throws IOException, ReflectiveOperationException {
            Field field = type(in.readUTF()).getDeclaredField(in.readUTF());
            field.setAccessible(true);
            return field;
        }

        private Range range() throws IOException {
            return new Range(in.readInt(), in.readInt(), in.readBoolean(), in.readBoolean(), nullable());
        }

        private String[] strings() throws IOException {
            String[] values = new String[in.readInt()];
            for (int i = 0; i < values.length; i++) {
                values[i] = in.readUTF();
            }
            return values;
        }

        private String nullable() throws IOException {
            return in.readBoolean() ? in.readUTF() : null;
        }
    }

    private static Class<?> type(String name) throws ClassNotFoundException {
        return switch (name) {
            case "boolean" -> boolean.class;
            case "int" -> int.class;
            case "long" -> long.class;
            case "double" -> double.class;
            case "float" -> float.class;
            case "short" -> short.class;
            case "byte" -> byte.class;
            case "char" -> char.class;
            default -> Class.forName(name, false, CommandModels.class.getClassLoader());
        };
    }

    /** An option's or parameter's attributes as the model holds them (both kinds have them). */
    private record Arg(Range arity, boolean required, String paramLabel, boolean hideParamSyntax, Class<?> type,
            Class<?>[] auxiliaryTypes, CommandLine.ITypeConverter<?>[] converters, String split, String splitLabel,
            String[] description, String descriptionKey, String defaultValue, String mapFallback,
            Visibility showDefault, boolean hidden, ScopeType scopeType, Iterable<String> candidates, String text,
            IScope scope) {
    }

    /** The object an option belongs to, as picocli's own scope of an annotated one. */
    private static final class ObjectScope implements IScope {
        private Object owner;

        ObjectScope(Object owner) {
            this.owner = owner;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) owner;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            T old = (T) owner;
            owner = value;
            return old;
        }
    }

    /** An option bound to a field, as picocli binds an annotated one. */
    private record FieldBinding(Object owner, Field field) implements IGetter, ISetter {
        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            try {
                return (T) field.get(owner);
            } catch (IllegalAccessException e) {
                throw new PicocliException("cannot read " + field + ": " + e, e);
            }
        }

        @Override
        public <T> T set(T value) {
            try {
                @SuppressWarnings("unchecked")
                T old = (T) field.get(owner);
                field.set(owner, value);
                return old;
            } catch (IllegalAccessException e) {
                throw new PicocliException("cannot set " + field + ": " + e, e);
            }
        }
    }

    /** An option bound to a setter method, as picocli binds an annotated one (its errors are parameter errors). */
    private static final class MethodBinding implements IGetter, ISetter {
        private final Object owner;
        private final Method method;
        private final CommandSpec spec;
        private Object current;

        MethodBinding(Object owner, Method method, CommandSpec spec) {
            this.owner = owner;
            this.method = method;
            this.spec = spec;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) current;
        }

        @Override
        public <T> T set(T value) {
            try {
                @SuppressWarnings("unchecked")
                T old = (T) current;
                method.invoke(owner, value);
                current = value;
                return old;
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof PicocliException picocli) {
                    throw picocli;
                }
                throw error(value, e.getCause());
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw error(value, e);
            }
        }

        private ParameterException error(Object value, Throwable cause) {
            CommandLine cl = spec.commandLine() == null ? new CommandLine(spec) : spec.commandLine();
            return new ParameterException(cl, "Could not invoke " + method + " with " + value + " (" + cause + ")",
                    cause);
        }
    }
}
