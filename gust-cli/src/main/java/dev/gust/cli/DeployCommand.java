package dev.gust.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Deploys an app: uploads gust.yaml and the code it names.",
            "Declarative and idempotent: an unchanged function keeps its version."})
final class DeployCommand implements Callable<Integer> {
    @ParentCommand
    private GustCommand root;

    @Mixin
    private DataOption dataOption;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The app directory, holding gust.yaml.")
    private Path dir;

    @Override
    public Integer call() throws InterruptedException {
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "DIR must be an app directory holding gust.yaml; "
                    + dir + (Files.exists(dir) ? " is a file" : " does not exist"));
        }
        var result = Deployer.deploy(root.client(dataOption), dir, root.err());
        root.out().print(Deployer.summary(result));
        return Main.OK;
    }
}
