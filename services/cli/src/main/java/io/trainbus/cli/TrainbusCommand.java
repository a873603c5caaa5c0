package io.trainbus.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import io.trainbus.cli.follow.FollowCommand;
import io.trainbus.cli.local.LocalCommand;
import io.trainbus.cli.models.ModelsCommand;
import io.trainbus.cli.report.ReportCommand;
import io.trainbus.cli.submit.SubmitCommand;
import picocli.CommandLine.Command;

/** The {@code trainbus} command. It has no action of its own and only groups the subcommands. */
@TopCommand
@Command(name = "trainbus", mixinStandardHelpOptions = true,
        description = "Submits and follows trainbus training jobs and runs the whole pipeline locally.",
        subcommands = {SubmitCommand.class, FollowCommand.class, ReportCommand.class, ModelsCommand.class,
                LocalCommand.class})
public class TrainbusCommand {
}
