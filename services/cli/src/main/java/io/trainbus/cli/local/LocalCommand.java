package io.trainbus.cli.local;

import picocli.CommandLine.Command;

/** {@code trainbus local}: groups the commands that run trainbus on this machine. */
@Command(name = "local", mixinStandardHelpOptions = true, description = "Runs trainbus on this machine.",
        subcommands = {LocalRunCommand.class, LocalUpCommand.class})
public class LocalCommand {
}
