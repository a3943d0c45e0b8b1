package dev.gust.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.common.CorrelationIds;
import dev.gust.common.Ids;
import dev.gust.common.TraceContext;
import dev.gust.events.CloudEvent;
import dev.gust.events.CloudEventCodec;
import dev.gust.events.EventRequest;
import dev.gust.events.InvalidRulesException;
import dev.gust.events.ParseResult;
import dev.gust.events.Rule;
import dev.gust.events.RuleSet;
import dev.gust.events.Target;
import dev.gust.store.AsyncEvent;
import dev.gust.store.EventStore;
import dev.gust.store.EventStore.ArchivedEvent;
import dev.gust.store.EventStore.StoredRule;
import dev.gust.store.WebhookDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The node's event bus: the deployed rules, swapped atomically, and the acceptance of published
 * events. An accepted event is archived, and every function, queue or workflow target of every
 * matching rule gets an async delivery (every webhook a webhook delivery), all in one transaction
 * before acceptance is answered; a workflow target's delivery starts its execution. Thread-safe.
 */
final class EventBus {
    /** How long the archive keeps an event, as EventBridge archives' common default. */
    static final Duration RETENTION = Duration.ofDays(7);
    private final EventStore store;
    private final AsyncDispatcher dispatcher;
    private final WebhookDispatcher webhooks;
    private final Secrets secrets;
    private final InstantSource clock;
    private final CloudEventCodec codec = CloudEventCodec.create();
    private final AtomicReference<Rules> rules = new AtomicReference<>(new Rules(List.of()));

    EventBus(EventStore store, AsyncDispatcher dispatcher, WebhookDispatcher webhooks, Secrets secrets,
            InstantSource clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.webhooks = webhooks;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** A node's rules with the app that declared each. */
    private record Rules(List<StoredRule> stored, RuleSet set) {
        Rules(List<StoredRule> stored) {
            this(List.copyOf(stored), RuleSet.of(stored.stream().map(RuleJson::read).toList()));
        }
    }

    CloudEventCodec codec() {
        return codec;
    }

    /** Loads the stored rules; called once at start. */
    void restore() {
        rules.set(new Rules(store.rules()));
    }

    /**
     * Refuses rules whose names another app owns, or whose function, queue or workflow targets will not exist.
     *
     * @param functions every function on the node once this deployment is applied
     * @param queues every queue on the node once this deployment is applied
     * @param workflows every workflow on the node once this deployment is applied
     */
    void check(String app, List<Rule> proposed, Set<String> functions, Set<String> queues, Set<String> workflows) {
        var problems = new ArrayList<Map<String, String>>();
        for (Rule r : proposed) {
            owner(r.name()).filter(o -> !o.equals(app)).ifPresent(o -> problems.add(problem(r.name(), "",
                    "the rule " + r.name() + " belongs to app " + o + "; remove it there first or choose another name")));
            functionTargets(r).filter(f -> !functions.contains(f)).forEach(f -> problems.add(problem(r.name(),
                    ".targets", "no function named " + f + " on this node or in this app")));
            for (int i = 0; i < r.targets().size(); i++) {
                if (r.targets().get(i) instanceof Target.QueueTarget q && !queues.contains(q.name())) {
                    problems.add(problem(r.name(), ".targets[" + i + "].queue", "no queue named " + q.name()
                            + " on this node or in this app; declare it under queues or create it first"));
                }
                if (r.targets().get(i) instanceof Target.WorkflowTarget w && !workflows.contains(w.name())) {
                    problems.add(problem(r.name(), ".targets[" + i + "].workflow", "no workflow named " + w.name()
                            + " on this node or in this app; declare it under workflows"));
                }
            }
            webhookTargets(r).filter(w -> secrets.read(w.secretRef()).isEmpty()).forEach(w -> problems.add(
                    problem(r.name(), ".targets", "no secret named " + w.secretRef() + " on this node; write it to "
                            + secrets.path(w.secretRef()))));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(400, "InvalidManifest", "rules have " + problems.size() + " problem(s)", problems);
        }
    }

    /** @return the deployed rules that deliver to {@code function}, as {@code rule R (app A)} */
    List<String> usersOf(String function) {
        return rules.get().stored().stream().filter(s -> functionTargets(RuleJson.read(s)).anyMatch(function::equals))
                .map(s -> "rule " + s.name() + " (app " + s.app() + ")").toList();
    }

    /** @return the rules of apps other than {@code exceptApp} that start {@code workflow} */
    List<String> startersOf(String workflow, String exceptApp) {
        return rules.get().stored().stream().filter(s -> !s.app().equals(exceptApp))
                .filter(s -> RuleJson.read(s).targets().stream()
                        .anyMatch(t -> t instanceof Target.WorkflowTarget w && w.name().equals(workflow)))
                .map(s -> "rule " + s.name() + " (app " + s.app() + ")").toList();
    }

    private static Map<String, String> problem(String rule, String suffix, String message) {
        return Map.of("path", "rules." + rule + suffix, "message", message);
    }

    private Optional<String> owner(String rule) {
        return rules.get().stored().stream().filter(s -> s.name().equals(rule)).map(StoredRule::app).findFirst();
    }

    private static Stream<String> functionTargets(Rule r) {
        return r.targets().stream().flatMap(t -> t instanceof Target.FunctionTarget f ? Stream.of(f.name()) : Stream.empty());
    }

    private static Stream<String> queueTargets(Rule r) {
        return r.targets().stream().flatMap(t -> t instanceof Target.QueueTarget q ? Stream.of(q.name()) : Stream.empty());
    }

    private static Stream<String> workflowTargets(Rule r) {
        return r.targets().stream()
                .flatMap(t -> t instanceof Target.WorkflowTarget w ? Stream.of(w.name()) : Stream.empty());
    }

    private static Stream<Target.WebhookTarget> webhookTargets(Rule r) {
        return r.targets().stream().flatMap(t -> t instanceof Target.WebhookTarget w ? Stream.of(w) : Stream.empty());
    }

    /** Stores {@code app}'s rules in place of its old ones and swaps the node's rule set. */
    synchronized void replace(String app, List<Rule> appRules) {
        List<StoredRule> stored = appRules.stream().map(r -> new StoredRule(app, r.name(), RuleJson.write(r))).toList();
        List<StoredRule> all = new ArrayList<>(rules.get().stored().stream().filter(s -> !s.app().equals(app)).toList());
        all.addAll(stored);
        Rules next;
        try {
            next = new Rules(all);
        } catch (InvalidRulesException e) {
            throw ApiException.badRequest("rules: " + e.getMessage());
        }
        store.replaceRules(app, stored);
        rules.set(next);
    }

    /** @return the rule, when deployed */
    Optional<Rule> rule(String name) {
        return rules.get().set().rule(name);
    }

    /**
     * Archives the events and commits their deliveries, then wakes the dispatcher.
     *
     * @param trace the publishing request's trace, for events without a {@code traceparent}
     * @param correlation the request's correlation id header, for events without a {@code correlationid}
     */
    void accept(List<CloudEvent> events, Optional<String> trace, Optional<String> correlation) {
        Instant now = clock.instant();
        RuleSet set = rules.get().set();
        List<ArchivedEvent> archived = new ArrayList<>();
        var out = new Deliveries();
        for (CloudEvent e : events) {
            archived.add(new ArchivedEvent(e.id(), e.source(), e.type(), now, json(e)));
            deliver(e, set.matching(e), trace, correlation, now, out);
        }
        commit(archived, out);
    }

    /** What accepting (or replaying) events sends on, committed together with the events. */
    private record Deliveries(List<AsyncEvent> invocations, List<WebhookDelivery> webhooks) {
        Deliveries() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        int size() {
            return invocations.size() + webhooks.size();
        }
    }

    private void commit(List<ArchivedEvent> archived, Deliveries out) {
        store.accept(archived, out.invocations(), out.webhooks());
        if (!out.invocations().isEmpty()) {
            dispatcher.wake();
        }
        if (!out.webhooks().isEmpty()) {
            webhooks.wakeUp();
        }
    }

    /**
     * Publishes one structured CloudEvent as if it had been posted: what schedules and async
     * deliveries of kind {@code bus} use.
     *
     * @return why it was refused (every problem), or empty once it and its deliveries are committed
     */
    Optional<String> publish(String structuredEvent, String traceparent, String correlationId) {
        return switch (parse(structuredEvent)) {
            case ParseResult.Accepted ok -> {
                accept(ok.events(), Optional.of(traceparent), Optional.of(correlationId));
                yield Optional.empty();
            }
            case ParseResult.Rejected bad -> Optional.of("EventRejected: " + bad.problems().stream()
                    .map(Object::toString).collect(Collectors.joining("; ")));
        };
    }

    /** Runs archived events through one rule, as if just published. @return deliveries made */
    int replay(Rule rule, List<ArchivedEvent> archived) {
        Instant now = clock.instant();
        var out = new Deliveries();
        for (ArchivedEvent a : archived) {
            CloudEvent e = parseArchived(a);
            if (rules.get().set().matching(e).stream().anyMatch(r -> r.name().equals(rule.name()))) {
                deliver(e, List.of(rule), Optional.empty(), Optional.empty(), now, out);
            }
        }
        commit(List.of(), out);
        return out.size();
    }

    private CloudEvent parseArchived(ArchivedEvent a) {
        return switch (parse(a.json())) {
            case ParseResult.Accepted ok -> ok.events().getFirst();
            case ParseResult.Rejected bad -> throw new IllegalStateException(
                    "archived event " + a.id() + " no longer parses: " + bad.problems());
        };
    }

    private ParseResult parse(String structuredEvent) {
        return codec.parse(EventRequest.of("application/cloudevents+json", structuredEvent.getBytes(StandardCharsets.UTF_8)));
    }

    private void deliver(CloudEvent e, List<Rule> matched, Optional<String> trace, Optional<String> correlation,
            Instant now, Deliveries out) {
        String traceparent = TraceContext.continueFrom(extension(e, "traceparent").or(() -> trace)).traceparent();
        String corr = CorrelationIds.acceptOrCreate(extension(e, "correlationid").or(() -> correlation));
        for (Rule r : matched) {
            String payload = payload(e, r);
            functionTargets(r).forEach(f -> out.invocations().add(AsyncEvent.accepted(Ids.timeOrdered(clock), f,
                    payload, traceparent, corr, now)));
            // the rule's name is a FIFO queue's message group: one rule's events stay in order
            queueTargets(r).forEach(q -> out.invocations().add(AsyncEvent.accepted(Ids.timeOrdered(clock), q,
                    payload, traceparent, corr, now).toTarget(AsyncEvent.Kind.QUEUE, Optional.of(r.name()))));
            workflowTargets(r).forEach(w -> out.invocations().add(AsyncEvent.accepted(Ids.timeOrdered(clock), w,
                    payload, traceparent, corr, now).toTarget(AsyncEvent.Kind.WORKFLOW, Optional.empty())));
            String type = r.transformer().isPresent() ? "application/json" : "application/cloudevents+json";
            webhookTargets(r).forEach(w -> out.webhooks().add(WebhookDelivery.accepted(Ids.timeOrdered(clock),
                    r.name(), e.id(), w.url(), w.secretRef(), type, payload, now)));
        }
    }

    private static Optional<String> extension(CloudEvent e, String name) {
        return Optional.ofNullable(e.extensions().get(name)).map(Object::toString);
    }

    private String json(CloudEvent e) {
        return new String(codec.toStructuredJson(e), StandardCharsets.UTF_8);
    }

    /** The event as structured JSON, or the transformer's output; text that is not JSON goes as a JSON string. */
    private String payload(CloudEvent e, Rule r) {
        if (r.transformer().isEmpty()) {
            return json(e);
        }
        String out = r.transformer().get().apply(codec.toRulerJson(e), r.name());
        try {
            JsonNode parsed = HttpIo.JSON.readTree(out);
            return parsed == null ? HttpIo.JSON.writeValueAsString(out) : out;
        } catch (JsonProcessingException notJson) {
            return HttpIo.JSON.valueToTree(out).toString();
        }
    }
}
