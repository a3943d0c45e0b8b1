package dev.gust.events;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a rule sends the events it matches. Delivery is not part of this module; these are the
 * declarations, with {@link #check(String)} for their validation.
 */
public sealed interface Target permits Target.FunctionTarget, Target.QueueTarget, Target.WebhookTarget,
        Target.WorkflowTarget {

    /** Names of functions, queues and workflows: as in gust.yaml. */
    Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    /** Names of queues, as queues take them; a FIFO queue's ends in {@code .fifo}. */
    Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\\.fifo");
    /** Names of secrets a webhook is signed with. */
    Pattern SECRET_REF = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");

    /**
     * @param path where this target is written, e.g. {@code targets[1]}
     * @return every problem with this target, each under {@code path}
     */
    List<Problem> check(String path);

    /** @param name the function invoked asynchronously with each matched event */
    record FunctionTarget(String name) implements Target {
        public FunctionTarget {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public List<Problem> check(String path) {
            return checkName(path, name, "function");
        }
    }

    /** @param name the queue each matched event is sent to (for a FIFO queue, in the rule's message group) */
    record QueueTarget(String name) implements Target {
        public QueueTarget {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public List<Problem> check(String path) {
            if (QUEUE_NAME.matcher(name).matches()) {
                return List.of();
            }
            return List.of(Problem.invalid(path + ".name", "must be a queue name: 1..80 letters, digits, - or _ "
                    + "(a FIFO queue's ending in .fifo), was " + EventAttributes.quoted(name)));
        }
    }

    /**
     * An HTTP endpoint that receives each matched event as a POST, signed as {@link WebhookSignature}
     * describes.
     *
     * @param url an absolute http or https URL
     * @param secretRef the name of the secret the body is signed with
     */
    record WebhookTarget(String url, String secretRef) implements Target {
        public WebhookTarget {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(secretRef, "secretRef");
        }

        @Override
        public List<Problem> check(String path) {
            var problems = new ArrayList<Problem>(checkUrl(path + ".url", url));
            if (!SECRET_REF.matcher(secretRef).matches()) {
                problems.add(Problem.invalid(path + ".secretRef", "must be a secret name: a letter or _, then "
                        + "letters, digits, _ . or -, at most 128 characters, was " + EventAttributes.quoted(secretRef)));
            }
            return problems;
        }
    }

    /** @param name the workflow started with each matched event (declared; runs once workflows exist) */
    record WorkflowTarget(String name) implements Target {
        public WorkflowTarget {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public List<Problem> check(String path) {
            return checkName(path, name, "workflow");
        }
    }

    private static List<Problem> checkName(String path, String name, String what) {
        if (NAME.matcher(name).matches()) {
            return List.of();
        }
        return List.of(Problem.invalid(path + ".name", "must be a " + what + " name: lower-case letters, digits "
                + "and dashes, starting with a letter, at most 63 characters, was " + EventAttributes.quoted(name)));
    }

    private static List<Problem> checkUrl(String path, String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return List.of();
            }
        } catch (java.net.URISyntaxException e) {
            // reported below, with what is allowed
        }
        return List.of(Problem.invalid(path, "must be an absolute http or https URL with a host, was "
                + EventAttributes.quoted(url)));
    }
}
