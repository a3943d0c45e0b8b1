package dev.gust.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Which node to talk to and with which token.
 *
 * @param base the admin API, e.g. {@code http://127.0.0.1:8081}
 * @param token the admin token, when one was found
 * @param tokenLookedAt where the token was looked for, to say so when it is missing or refused
 */
record NodeAddress(URI base, Optional<String> token, String tokenLookedAt) {
    static final String DEFAULT_NODE = "http://127.0.0.1:8081";

    /** @return {@code host:port}, as people say where a node is */
    String hostPort() {
        int port = base.getPort() != -1 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
        return base.getHost() + ":" + port;
    }

    /**
     * @param nodeOption {@code --node}, or null
     * @param dataDir {@code --data}
     * @param env the environment
     * @param cl the command line, for usage errors
     * @return the node and token the options and environment name
     */
    static NodeAddress resolve(String nodeOption, Path dataDir, Map<String, String> env, CommandLine cl) {
        String node = nodeOption != null ? nodeOption : env.getOrDefault("GUST_NODE", DEFAULT_NODE);
        String source = nodeOption != null ? "--node" : env.containsKey("GUST_NODE") ? "GUST_NODE" : "default node";
        URI base = parseNode(node, source, cl);
        String envToken = env.get("GUST_TOKEN");
        if (envToken != null && !envToken.isBlank()) {
            return new NodeAddress(base, Optional.of(envToken.strip()), "GUST_TOKEN");
        }
        Path file = dataDir.resolve("admin-token");
        Optional<String> token = readToken(file);
        return new NodeAddress(base, token, token.isPresent() ? file.toString() : "GUST_TOKEN (not set) and " + file);
    }

    static URI parseNode(String node, String source, CommandLine cl) {
        try {
            URI uri = new URI(node.strip().replaceFirst("/+$", ""));
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (http && uri.getHost() != null && (uri.getPath() == null || uri.getPath().isEmpty())) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, with what is allowed
        }
        throw new ParameterException(cl,
                source + " must be an http(s) URL of a node's admin API like " + DEFAULT_NODE + ", was " + node);
    }

    private static Optional<String> readToken(Path file) {
        try {
            String t = Files.readString(file).strip();
            return t.isEmpty() ? Optional.empty() : Optional.of(t);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
