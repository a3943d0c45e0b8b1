package dev.gust.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** Uploads an app and says what the node made of it; shared by {@code deploy} and {@code demo}. */
final class Deployer {
    private Deployer() {
    }

    /**
     * @param client the node
     * @param appDir the app directory
     * @param progress where the upload's progress line goes
     * @return the node's deployment result
     * @throws CliException when the node refuses the app, with every problem it found
     */
    static JsonNode deploy(AdminClient client, Path appDir, PrintStream progress) throws InterruptedException {
        byte[] zip = Bundle.of(appDir);
        var body = Upload.withProgress(zip, Upload.progressLine(progress, zip.length));
        AdminClient.Response r = client.post("/v1/deployments", "application/zip", body);
        if (r.ok()) {
            return r.json();
        }
        throw rejected(client, r, appDir, zip.length);
    }

    static CliException rejected(AdminClient client, AdminClient.Response r, Path appDir, long size) {
        if (r.status() == 413) {
            return new CliException("the node refused " + appDir + " (" + Formats.bytes(size) + " zipped): "
                    + AdminClient.errorMessage(r).orElse("too large"));
        }
        JsonNode problems = problems(r);
        if (problems.isEmpty()) {
            return client.failure(r);
        }
        StringBuilder sb = new StringBuilder("deploy of " + appDir + " failed: "
                + AdminClient.errorMessage(r).orElse("invalid manifest"));
        problems.forEach(p -> sb.append("\n  ").append(p.path("path").asText()).append(": ")
                .append(p.path("message").asText()));
        return new CliException(sb.toString());
    }

    private static JsonNode problems(AdminClient.Response r) {
        try {
            return AdminClient.JSON.readTree(r.body()).path("error").path("problems");
        } catch (IOException e) {
            return AdminClient.JSON.createArrayNode();
        }
    }

    /** @return what was deployed: one row per function, the workflows if any, then every warning */
    static String summary(JsonNode result) {
        Table table = new Table("FUNCTION", "VERSION", "CHANGE", "ROUTES");
        StringBuilder warnings = new StringBuilder();
        for (JsonNode fn : result.path("functions")) {
            table.row(fn.path("name").asText(), fn.path("version").asText(),
                    fn.path("changed").asBoolean() ? "changed" : "unchanged",
                    String.join(", ", Formats.strings(fn.path("routes"))));
            fn.path("warnings").forEach(w -> warnings.append("warning: ").append(w.asText()).append('\n'));
        }
        result.path("warnings").forEach(w -> warnings.append("warning: ").append(w.asText()).append('\n'));
        List<String> workflows = Formats.strings(result.path("workflows"));
        String flows = workflows.isEmpty() ? "" : "workflows: " + String.join(", ", workflows) + "\n";
        return "deployed app " + result.path("app").asText() + "\n" + table.render() + flows + warnings;
    }
}
