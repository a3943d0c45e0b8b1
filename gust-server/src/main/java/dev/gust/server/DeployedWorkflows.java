package dev.gust.server;

import dev.gust.manifest.AppManifest;
import dev.gust.manifest.WorkflowManifest;
import dev.gust.store.WorkflowDefinition;
import dev.gust.store.WorkflowStore;
import dev.gust.workflow.Definitions;
import dev.gust.workflow.State;
import dev.gust.workflow.StateMachine;
import dev.gust.workflow.TaskResource;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The deploy side of {@code workflows:}: checks that every Task resource names something that will
 * exist and that no name is another app's, then stores the app's workflows. Called under the
 * deployer's lock.
 */
final class DeployedWorkflows {
    private final WorkflowStore store;
    private final InstantSource clock;

    DeployedWorkflows(WorkflowStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Refuses (409) a workflow name that belongs to another app. */
    void checkOwnership(AppManifest app) {
        for (String name : app.workflows().keySet()) {
            store.get(name).filter(d -> !d.app().equals(app.app())).ifPresent(d -> {
                throw new ApiException(409, "Conflict", "workflows." + name + ": the workflow " + name
                        + " belongs to app " + d.app() + "; remove it there first or choose another name");
            });
        }
    }

    /**
     * @param functions the functions on the node once this app is deployed
     * @param queues the queues on the node once this app is deployed
     * @return a problem for every Task resource that names nothing, at its JSON pointer
     */
    List<Map<String, String>> check(AppManifest app, Set<String> functions, Set<String> queues) {
        var known = new Known(functions, queues, namesAfter(app));
        List<Map<String, String>> problems = new ArrayList<>();
        for (WorkflowManifest w : app.workflows().values()) {
            checkMachine(w.machine(), "workflows." + w.name() + ".definition", known, problems);
        }
        return problems;
    }

    /** @return the app's declared workflows and every other app's: what tasks and targets may name */
    Set<String> namesAfter(AppManifest app) {
        Set<String> names = new HashSet<>(app.workflows().keySet());
        store.list().stream().filter(d -> !d.app().equals(app.app())).forEach(d -> names.add(d.name()));
        return names;
    }

    private record Known(Set<String> functions, Set<String> queues, Set<String> workflows) {
    }

    private static void checkMachine(StateMachine machine, String at, Known known, List<Map<String, String>> out) {
        machine.states().forEach((name, state) -> {
            String path = at + "/States/" + name.replace("~", "~0").replace("/", "~1");
            switch (state) {
                case State.Task t -> missing(t.resource(), known).ifPresent(m -> out.add(problem(path + "/Resource", m)));
                case State.Parallel p -> {
                    for (int i = 0; i < p.branches().size(); i++) {
                        checkMachine(p.branches().get(i), path + "/Branches/" + i, known, out);
                    }
                }
                case State.Map m -> checkMachine(m.itemProcessor(), path + "/ItemProcessor", known, out);
                default -> { } // no resource
            }
        });
    }

    private static Optional<String> missing(TaskResource resource, Known known) {
        return switch (resource) {
            case TaskResource.Function f -> absent(known.functions(), f.name(), "function");
            case TaskResource.Queue q -> absent(known.queues(), q.name(), "queue");
            case TaskResource.Workflow w -> absent(known.workflows(), w.name(), "workflow");
            case TaskResource.Events e -> Optional.empty();
        };
    }

    private static Optional<String> absent(Set<String> names, String name, String kind) {
        return names.contains(name) ? Optional.empty() : Optional.of("no " + kind + " named "
                + name + " in this app or on the node");
    }

    private static Map<String, String> problem(String path, String message) {
        return Map.of("path", path, "message", message);
    }

    /** @return the workflows with a Task that invokes {@code function}, as "workflow NAME (app APP)" */
    List<String> usersOf(String function) {
        return usersOf(r -> r instanceof TaskResource.Function f && f.name().equals(function), "");
    }

    /**
     * @param exceptApp an app whose workflows do not count (it is being deployed)
     * @return the workflows of other apps with a Task that starts {@code workflow}
     */
    List<String> startersOf(String workflow, String exceptApp) {
        return usersOf(r -> r instanceof TaskResource.Workflow w && w.name().equals(workflow), exceptApp);
    }

    /** @return the workflows this deploy of {@code app} removes: its stored ones its manifest no longer has */
    List<String> droppedBy(AppManifest app) {
        return store.list().stream().filter(d -> d.app().equals(app.app()) && !app.workflows().containsKey(d.name()))
                .map(WorkflowDefinition::name).toList();
    }

    private List<String> usersOf(java.util.function.Predicate<TaskResource> uses, String exceptApp) {
        List<String> users = new ArrayList<>();
        for (WorkflowDefinition d : store.list()) {
            if (!d.app().equals(exceptApp) && Definitions.parse(d.definitionJson()) instanceof Definitions.Accepted ok
                    && runs(ok.machine(), uses)) {
                users.add("workflow " + d.name() + " (app " + d.app() + ")");
            }
        }
        return users;
    }

    private static boolean runs(StateMachine machine, java.util.function.Predicate<TaskResource> uses) {
        return machine.states().values().stream().anyMatch(state -> switch (state) {
            case State.Task t -> uses.test(t.resource());
            case State.Parallel p -> p.branches().stream().anyMatch(b -> runs(b, uses));
            case State.Map m -> runs(m.itemProcessor(), uses);
            default -> false;
        });
    }

    /** Makes the app's workflows exactly those of its manifest (none when it has no {@code workflows:}). */
    List<String> apply(AppManifest app) {
        store.putAll(app.app(), app.workflows().values().stream()
                .map(w -> new WorkflowDefinition(w.name(), app.app(), w.definition(), clock.instant())).toList());
        return List.copyOf(app.workflows().keySet());
    }
}
