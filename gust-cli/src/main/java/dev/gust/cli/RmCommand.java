package dev.gust.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "rm", mixinStandardHelpOptions = true,
        description = {"Removes a function: its routes stop answering and its instances stop.",
            "Refused while a rule, schedule, queue trigger or another function's destination delivers to it."})
final class RmCommand implements Callable<Integer> {
    @ParentCommand
    private GustCommand root;

    @Mixin
    private DataOption dataOption;

    @Parameters(paramLabel = "FUNCTION", description = "The function's name.")
    private String function;

    @Option(names = "--force", description = "Remove it even so; those deliveries then fail with FunctionNotFound.")
    private boolean force;

    @Override
    public Integer call() throws InterruptedException {
        root.client(dataOption).delete("/v1/functions/" + AdminClient.segment(function) + (force ? "?force=true" : ""));
        root.out().println("removed " + function);
        return Main.OK;
    }
}
