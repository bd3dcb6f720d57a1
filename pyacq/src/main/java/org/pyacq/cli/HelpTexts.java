package org.pyacq.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pyacq.log.ConsoleColor;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The usage help of every command as the build rendered it: {@code pyacq --help}, {@code pyacq help},
 * {@code pyacq COMMAND --help} and {@code pyacq help COMMAND} print it without building the command
 * line's model (most of such a run otherwise), when the run would print exactly that text: output not
 * to a terminal (picocli then uses 80 columns and no colours) and none of picocli's properties or
 * {@code CLICOLOR_FORCE} that change it. On a terminal, picocli renders the help as always, at the
 * terminal's width.
 *
 * <p>The build ({@link CommandModelFile}) runs each of those command lines through
 * {@link PyacqCommand#execute(String[], PrintWriter, PrintWriter)} and keeps what it printed, keyed by
 * the arguments; {@code HelpTextsTest} checks that each text is what the command line prints now.
 */
final class HelpTexts {
    /** The class the build writes the texts into. */
    static final String DATA_CLASS = "org.pyacq.cli.HelpTextData";
    private static final int FORMAT = 1;
    private static final char SEPARATOR = '\0';

    private HelpTexts() {
    }

    /**
     * The help text that {@code args} prints, if the build rendered it and this run would print the same;
     * else null (then the command line runs as usual).
     */
    static String forArgs(String[] args) {
        if (args.length == 0 || args.length > 3 || !rendersAsBuilt()) {
            return null;
        }
        byte[] data = CommandModels.readData(DATA_CLASS);
        return data == null ? null : texts(data).get(key(List.of(args)));
    }

    /** True if picocli would render help here as the build did: 80 columns, no colours. */
    private static boolean rendersAsBuilt() {
        String force = System.getenv("CLICOLOR_FORCE");
        return System.getProperty("picocli.ansi") == null && System.getProperty("picocli.usage.width") == null
                && (force == null || "0".equals(force)) && !ConsoleColor.isTerminal();
    }

    private static String key(List<String> args) {
        return String.join(String.valueOf(SEPARATOR), args);
    }

    /** The command lines whose output the build keeps: every command's help options, and {@code help [COMMAND]}. */
    static List<List<String>> helpCommandLines() {
        List<List<String>> lines = new ArrayList<>();
        CommandLine root = PyacqCommand.commandLine();
        addHelpOptions(root, List.of(), lines);
        lines.add(List.of("help"));
        for (String name : root.getSubcommands().keySet()) {
            lines.add(List.of("help", name));
        }
        return lines;
    }

    private static void addHelpOptions(CommandLine command, List<String> path, List<List<String>> lines) {
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (option.usageHelp()) {
                for (String name : option.names()) {
                    List<String> line = new ArrayList<>(path);
                    line.add(name);
                    lines.add(line);
                }
            }
        }
        command.getSubcommands().forEach((name, sub) -> {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(name);
            addHelpOptions(sub, subPath, lines);
        });
    }

    /** What {@code args} prints now, as a run without a terminal prints it; fails if it is not plain help. */
    static String render(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PyacqCommand.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        if (code != CliExitCodes.OK || err.getBuffer().length() != 0 || out.getBuffer().length() == 0) {
            throw new IllegalStateException("pyacq " + String.join(" ", args) + " does not print help alone: exit "
                    + code + ", stderr: " + err);
        }
        return out.toString();
    }

    /**
     * Renders every help command line (at 80 columns without colours, whatever the build's terminal) and
     * returns them in this class's format.
     */
    static byte[] write() {
        String ansi = System.getProperty("picocli.ansi");
        String width = System.getProperty("picocli.usage.width");
        System.setProperty("picocli.ansi", "false");
        System.setProperty("picocli.usage.width", "80");
        try {
            Map<String, String> texts = new LinkedHashMap<>();
            for (List<String> line : helpCommandLines()) {
                texts.put(key(line), render(line));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(FORMAT);
                out.writeInt(texts.size());
                for (Map.Entry<String, String> e : texts.entrySet()) {
                    out.writeUTF(e.getKey());
                    byte[] text = e.getValue().getBytes(StandardCharsets.UTF_8);
                    out.writeInt(text.length);
                    out.write(text);
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            restore("picocli.ansi", ansi);
            restore("picocli.usage.width", width);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    /** The texts in {@code data} by their command line's key. */
    static Map<String, String> texts(byte[] data) {
        Map<String, String> texts = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != FORMAT) {
                return texts;
            }
            for (int n = in.readInt(); n > 0; n--) {
                String key = in.readUTF();
                byte[] text = new byte[in.readInt()];
                in.readFully(text);
                texts.put(key, new String(text, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the help texts " + DATA_CLASS + " (rebuild pyacq): "
                    + e.getMessage(), e);
        }
        return texts;
    }

    /** The texts the build wrote, by their command line (for tests); empty without the build's class. */
    static Map<List<String>, String> built() {
        byte[] data = CommandModels.readData(DATA_CLASS);
        Map<List<String>, String> byLine = new LinkedHashMap<>();
        if (data != null) {
            texts(data).forEach((k, v) -> byLine.put(List.of(k.split(String.valueOf(SEPARATOR))), v));
        }
        return byLine;
    }
}
