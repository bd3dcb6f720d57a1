package org.pyacq.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyacq.cli.present.SpawnOptions;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The :commands' options are checked as {@code pyacq}'s are, before anything is asked of the daemon. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ReplCommandOptionsTest {
    private static TreeSet<String> optionNames(CommandSpec spec) {
        TreeSet<String> names = new TreeSet<>();
        for (OptionSpec o : spec.options()) {
            names.addAll(java.util.List.of(o.names()));
        }
        return names;
    }

    @Test
    void noOptionNeedsAConverterPyacqLeavesOut() {
        // PyacqCommand.main has picocli skip its java.time and java.sql converters
        for (CommandLine sub : ReplCommands.commandLine(null).getSubcommands().values()) {
            for (picocli.CommandLine.Model.ArgSpec arg : sub.getCommandSpec().args()) {
                for (Class<?> type : arg.auxiliaryTypes()) {
                    org.junit.jupiter.api.Assertions.assertFalse(
                            type.getName().matches(org.pyacq.cli.PyacqCommand.EXCLUDED_CONVERTERS),
                            sub.getCommandName() + " " + arg + ": " + type.getName());
                }
            }
        }
    }

    @Test
    void spawnTakesTheSharedSpawnOptionsAndAs() {
        TreeSet<String> expected = optionNames(CommandSpec.forAnnotatedObject(new SpawnOptions()));
        expected.add("--as");
        assertEquals(expected, optionNames(new CommandLine(new ProcessCommands.Spawn(null)).getCommandSpec()));
    }

    @Test
    void aBadSpawnOptionIsReportedBeforeAnythingStarts() {
        Outcome o = ReplCommands.run(":spawn w1 --restart sometimes", null, null, new StringWriter());
        assertEquals(Outcome.Status.ERROR, o.status());
        assertEquals("error: Invalid value for option '--restart': 'sometimes' is not a restart policy; use no, "
                + "on-failure or always (see :help spawn)", o.error());
    }

    @Test
    void stopAndKillTakeOneProcessName() {
        for (String command : new String[] {":stop", ":kill"}) {
            Outcome o = ReplCommands.run(command, null, null, new StringWriter());
            assertEquals("error: Missing required parameter: 'NAME' (see :help " + command.substring(1) + ")",
                    o.error(), command);
        }
    }

    @Test
    void logsChecksItsLevelAndCountAsPyacqLogsDoes() {
        assertEquals("error: Invalid value for option '--level': 'loud' is not a log level; use debug, info, warning, "
                + "error, critical or a number from 0 to 50 (see :help logs)",
                ReplCommands.run(":logs --level loud", null, null, new StringWriter()).error());
        assertEquals("error: Invalid value for option '--lines': '-1' is negative; give 0 or more (see :help logs)",
                ReplCommands.run(":logs -n -1", null, null, new StringWriter()).error());
    }
}
