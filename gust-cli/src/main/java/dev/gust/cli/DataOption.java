package dev.gust.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --data} after a command's name. Every command takes it except {@code invoke}, where
 * {@code --data} is the payload; there the data directory goes before the command:
 * {@code gust --data DIR invoke ...}.
 */
final class DataOption {
    @Option(names = "--data", paramLabel = "DIR",
            description = "The data directory, which holds the admin token (default: .gust).")
    Path data;
}
