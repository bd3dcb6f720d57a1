package org.pyacq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** The table of commands that lets a command line load only its own command's model. */
class CommandTableTest {
    @Test
    void everyNameIsTheNameOfItsCommand() {
        for (Map.Entry<String, Class<?>> e : PyacqCommand.COMMANDS.entrySet()) {
            assertEquals(e.getKey(), e.getValue().getAnnotation(Command.class).name(), e.getValue().getName());
        }
    }

    @Test
    void theFullCommandLineHasEveryCommandInHelpOrder() {
        assertEquals(String.join(",", PyacqCommand.COMMANDS.keySet()),
                String.join(",", PyacqCommand.commandLine().getSubcommands().keySet()));
    }
}
