package dev.gust.server;

import dev.gust.events.Rule;
import dev.gust.gateway.Binding;
import dev.gust.gateway.Gateway;
import dev.gust.gateway.RouteTable;
import dev.gust.manifest.AppManifest;
import dev.gust.manifest.FunctionManifest;
import dev.gust.manifest.ManifestResult;
import dev.gust.manifest.ScheduleManifest;
import dev.gust.manifest.Manifests;
import dev.gust.runtime.Invoker;
import dev.gust.store.Archives;
import dev.gust.store.Artifacts;
import dev.gust.store.AsyncEvent;
import dev.gust.store.FunctionSpec;
import dev.gust.store.FunctionStore;
import dev.gust.store.FunctionVersion;
import dev.gust.store.GustStoreException;
import dev.gust.store.ScheduleStore;
import dev.gust.store.WorkflowDefinition;
import dev.gust.store.WorkflowStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Applies deployments: validates everything first (bundle, manifest, function ownership, route
 * conflicts across the node), then stores code, publishes versions in one transaction, switches
 * the runtime and the gateway. A deployment that fails validation changes nothing. Deployments are
 * serialised; thread-safe.
 */
final class Deployer {
    static final long MAX_BUNDLE_BYTES = 64L * 1024 * 1024;
    static final long MAX_UNPACKED_BYTES = 256L * 1024 * 1024;
    private static final int MAX_ENTRIES = 20_000;

    private final Path tmpDir;
    private final Artifacts artifacts;
    private final FunctionStore functions;
    private final Invoker invoker;
    private final Gateway gateway;
    private final ScheduleStore schedules;
    private final InstantSource clock;
    private final EventBus bus;
    private final DeployedWorkflows workflows;
    private final ReentrantLock lock = new ReentrantLock();

    private final DeclaredQueues declaredQueues;

    Deployer(Path tmpDir, Artifacts artifacts, FunctionStore functions, Invoker invoker, Gateway gateway,
            ScheduleStore schedules, InstantSource clock, DeclaredQueues declaredQueues, EventBus bus,
            DeployedWorkflows workflows) {
        this.workflows = workflows;
        this.schedules = schedules;
        this.clock = clock;
        this.declaredQueues = declaredQueues;
        this.tmpDir = tmpDir;
        this.artifacts = artifacts;
        this.functions = functions;
        this.invoker = invoker;
        this.gateway = gateway;
        this.bus = bus;
    }

    /** Activates every stored function and installs their routes; called once at start. */
    void restore() {
        lock.lock();
        try {
            functions.list().forEach(invoker::activate);
            gateway.replaceRoutes(routeTable(bindings(functions.list())));
            bus.restore();
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param bundle a zip holding {@code gust.yaml} and the code it names
     * @return what was published
     */
    Map<String, Object> deploy(byte[] bundle) throws IOException {
        Files.createDirectories(tmpDir);
        Path dir = Files.createTempDirectory(tmpDir, "deploy-");
        try {
            unpack(bundle, dir);
            return apply(parse(dir));
        } finally {
            deleteTree(dir);
        }
    }

    private static void unpack(byte[] bundle, Path dir) throws IOException {
        try (InputStream in = new ByteArrayInputStream(bundle)) {
            Archives.unzip(in, dir, new Archives.Limits(MAX_UNPACKED_BYTES, MAX_ENTRIES));
        } catch (GustStoreException e) {
            throw new ApiException(400, "InvalidBundle", "deployment bundle rejected: " + e.getMessage());
        }
        if (!Files.isRegularFile(dir.resolve("gust.yaml"))) {
            throw new ApiException(400, "InvalidBundle", "the deployment bundle has no gust.yaml at its root");
        }
    }

    private static ManifestResult.Valid parse(Path dir) {
        return switch (Manifests.parse(dir.resolve("gust.yaml"))) {
            case ManifestResult.Valid v -> v;
            case ManifestResult.Invalid bad -> throw invalid("gust.yaml has " + bad.problems().size() + " problem(s)",
                    bad.problems().stream().map(p -> Map.of("path", p.path(), "message", p.message())).toList());
        };
    }

    private static ApiException invalid(String message, List<Map<String, String>> problems) {
        return new ApiException(400, "InvalidManifest", message, problems);
    }

    private Map<String, Object> apply(ManifestResult.Valid valid) throws IOException {
        AppManifest app = valid.manifest();
        lock.lock();
        try {
            List<FunctionVersion> current = functions.list();
            checkOwnership(app, current);
            workflows.checkOwnership(app);
            Set<String> queues = declaredQueues.namesAfter(app.queues());
            Set<String> workflowNames = workflows.namesAfter(app);
            var problems = new ArrayList<>(checkSchedules(app, current, queues, workflowNames));
            problems.addAll(checkDestinations(app, queues, workflowNames));
            problems.addAll(workflows.check(app, functionsAfter(app, current), queues));
            problems.addAll(checkDroppedWorkflows(app, current));
            throwIfAny(problems);
            RouteTable table = routeTable(app, current);
            bus.check(app.app(), app.rules(), functionsAfter(app, current), queues, workflowNames);
            declaredQueues.apply(app.queues());
            List<FunctionSpec> specs = new ArrayList<>();
            for (FunctionManifest f : app.functions().values()) {
                specs.add(spec(f, storeCode(f)));
            }
            var published = functions.publish(app.app(), specs);
            List<String> removed = removeDropped(app, current);
            schedules.replace(app.app(), definitions(app));
            workflows.apply(app);
            published.stream().filter(FunctionStore.Published::isNew).forEach(p -> invoker.activate(p.version()));
            gateway.replaceRoutes(table);
            bus.replace(app.app(), app.rules());
            return report(app, published, removed, valid.warnings());
        } finally {
            lock.unlock();
        }
    }

    private static Set<String> functionsAfter(AppManifest app, List<FunctionVersion> current) {
        var names = new HashSet<>(app.functions().keySet());
        current.stream().filter(v -> !v.app().equals(app.app())).forEach(v -> names.add(v.name()));
        return names;
    }

    private static void checkOwnership(AppManifest app, List<FunctionVersion> current) {
        for (FunctionVersion v : current) {
            if (app.functions().containsKey(v.name()) && !v.app().equals(app.app())) {
                throw new ApiException(409, "Conflict", "functions." + v.name() + ": the function " + v.name()
                        + " belongs to app " + v.app() + "; remove it there first or choose another name");
            }
        }
    }

    /** A schedule's name is the node's, like a function's; its target must exist once this app is deployed. */
    private List<Map<String, String>> checkSchedules(AppManifest app, List<FunctionVersion> current,
            Set<String> queues, Set<String> workflowNames) {
        List<Map<String, String>> problems = new ArrayList<>();
        Set<String> functions = functionsAfter(app, current);
        for (ScheduleManifest s : app.schedules().values()) {
            schedules.get(s.name()).filter(d -> !d.app().equals(app.app())).ifPresent(d -> {
                throw new ApiException(409, "Conflict", "schedules." + s.name() + ": the schedule " + s.name()
                        + " belongs to app " + d.app() + "; remove it there first or choose another name");
            });
            String path = "schedules." + s.name() + ".target." + s.targetKind();
            switch (s.targetKind()) {
                case "function" -> {
                    if (!functions.contains(s.targetName())) {
                        problems.add(problem(path, "no function named " + s.targetName() + " in this app or on the node"));
                    }
                }
                case "queue" -> unknownQueue(path, s.targetName(), queues).ifPresent(problems::add);
                case "workflow" -> {
                    if (!workflowNames.contains(s.targetName())) {
                        problems.add(problem(path, "no workflow named " + s.targetName()
                                + " in this app or on the node; declare it under workflows"));
                    }
                }
                default -> { } // the bus is always there
            }
        }
        return problems;
    }

    /**
     * A queue or workflow destination must exist once this app is deployed; functions are looked up
     * when a record is sent.
     */
    private static List<Map<String, String>> checkDestinations(AppManifest app, Set<String> queues,
            Set<String> workflowNames) {
        List<Map<String, String>> problems = new ArrayList<>();
        for (FunctionManifest f : app.functions().values()) {
            String path = "functions." + f.name() + ".async.";
            f.async().onSuccess().flatMap(d -> unknownDestination(path + "on-success.", d, queues, workflowNames))
                    .ifPresent(problems::add);
            f.async().onFailure().flatMap(d -> unknownDestination(path + "on-failure.", d, queues, workflowNames))
                    .ifPresent(problems::add);
        }
        return problems;
    }

    private static Optional<Map<String, String>> unknownDestination(String path, FunctionManifest.Destination d,
            Set<String> queues, Set<String> workflowNames) {
        return switch (d.kind()) {
            case "queue" -> unknownQueue(path + "queue", d.name(), queues);
            case "workflow" -> workflowNames.contains(d.name()) ? Optional.empty() : Optional.of(problem(
                    path + "workflow", "no workflow named " + d.name() + " in this app or on the node; declare it"
                            + " under workflows"));
            default -> Optional.empty();
        };
    }

    private static Optional<Map<String, String>> unknownQueue(String path, String queue, Set<String> queues) {
        return queues.contains(queue) ? Optional.empty() : Optional.of(problem(path, "no queue named " + queue
                + " on this node or in this app; declare it under queues or create it first"));
    }

    private static Map<String, String> problem(String path, String message) {
        return Map.of("path", path, "message", message);
    }

    private static void throwIfAny(List<Map<String, String>> problems) {
        if (!problems.isEmpty()) {
            throw invalid("gust.yaml has " + problems.size() + " problem(s)", problems);
        }
    }

    private List<ScheduleStore.Definition> definitions(AppManifest app) {
        return app.schedules().values().stream().map(s -> new ScheduleStore.Definition(s.name(), app.app(),
                s.expression(), s.zone(), s.targetKind(), s.targetName(), s.catchUp(), s.input(),
                clock.instant(), new ScheduleStore.TargetOptions(s.group(), s.source(), s.detailType()))).toList();
    }

    private static RouteTable routeTable(AppManifest app, List<FunctionVersion> current) {
        List<Binding> bindings = new ArrayList<>(bindings(current.stream()
                .filter(v -> !v.app().equals(app.app())).toList()));
        for (FunctionManifest f : app.functions().values()) {
            f.routes().forEach(r -> bindings.add(new Binding(r.key(), f.name(), app.app())));
        }
        return switch (RouteTable.build(bindings)) {
            case RouteTable.Built b -> b.table();
            case RouteTable.Invalid r -> throw invalid("routes conflict", r.problems().stream()
                    .map(p -> Map.of("path", routePath(app, p), "message", p.toString())).toList());
        };
    }

    /** Names the manifest entry a route problem is about, when it is one of this app's routes. */
    private static String routePath(AppManifest app, dev.gust.gateway.Problem p) {
        FunctionManifest f = app.app().equals(p.app()) ? app.functions().get(p.function()) : null;
        if (f == null) {
            return "routes";
        }
        List<String> keys = f.routes().stream().map(r -> r.key()).toList();
        int i = keys.indexOf(p.routeKey());
        return "functions." + f.name() + ".routes" + (i >= 0 ? "[" + i + "]" : "");
    }

    private static List<Binding> bindings(List<FunctionVersion> versions) {
        return versions.stream()
                .flatMap(v -> v.spec().routes().stream().map(r -> new Binding(r, v.name(), v.app())))
                .toList();
    }

    private static RouteTable routeTable(List<Binding> bindings) {
        return switch (RouteTable.build(bindings)) {
            case RouteTable.Built b -> b.table();
            case RouteTable.Invalid r -> throw invalid("routes conflict", r.problems().stream()
                    .map(p -> Map.of("path", "routes", "message", p.toString())).toList());
        };
    }

    private String storeCode(FunctionManifest f) throws IOException {
        if (f.codeIsJar()) {
            try (InputStream in = Files.newInputStream(f.code())) {
                return artifacts.put(in, MAX_UNPACKED_BYTES);
            }
        }
        Path zip = Files.createTempFile(tmpDir, "code-", ".zip");
        try {
            try (OutputStream out = Files.newOutputStream(zip)) {
                Archives.zipDirectory(f.code(), out);
            }
            try (InputStream in = Files.newInputStream(zip)) {
                return artifacts.put(in, MAX_UNPACKED_BYTES);
            }
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    private static FunctionSpec spec(FunctionManifest f, String sha) {
        return new FunctionSpec(f.name(), f.runtime(), f.handler(), sha, f.memoryMb(), f.timeout(),
                new FunctionSpec.Concurrency(f.min(), f.max(), f.perInstance()), f.environment(), f.network(),
                f.routes().stream().map(r -> r.key()).toList(), async(f.async()), f.sampleEvent());
    }

    private static FunctionSpec.Async async(FunctionManifest.Async a) {
        return new FunctionSpec.Async(a.maxRetries(), a.maxEventAge(), a.onSuccess().map(Deployer::destination),
                a.onFailure().map(Deployer::destination));
    }

    private static FunctionSpec.Destination destination(FunctionManifest.Destination d) {
        return new FunctionSpec.Destination(AsyncEvent.Kind.of(d.kind()), d.name());
    }

    private List<String> removeDropped(AppManifest app, List<FunctionVersion> current) {
        List<String> removed = new ArrayList<>();
        for (FunctionVersion v : current) {
            if (v.app().equals(app.app()) && !app.functions().containsKey(v.name())) {
                functions.delete(v.name());
                invoker.remove(v.name());
                removed.add(v.name());
            }
        }
        return removed;
    }

    /**
     * Removes one function: the store first, then routes, then the runtime drains its instances.
     * Refused while a rule, schedule, queue trigger, workflow or another function's destination still
     * delivers to it, unless {@code force}: those deliveries would fail with FunctionNotFound.
     *
     * @return whether it existed
     */
    boolean remove(String name, boolean force) {
        lock.lock();
        try {
            List<String> users = usersOf(name);
            if (!force && !users.isEmpty() && functions.current(name).isPresent()) {
                throw new ApiException(409, "FunctionInUse", "function " + name + " is still the target of "
                        + String.join(", ", users) + "; deploy those apps without it first, or delete with"
                        + " ?force=true (their deliveries then fail with FunctionNotFound)");
            }
            if (!functions.delete(name)) {
                return false;
            }
            gateway.replaceRoutes(routeTable(bindings(functions.list())));
            invoker.remove(name);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * @return a problem for every workflow this deploy drops while another app's rule, schedule,
     *     function destination or workflow still starts it (those starts would fail later)
     */
    private List<Map<String, String>> checkDroppedWorkflows(AppManifest app, List<FunctionVersion> current) {
        List<Map<String, String>> problems = new ArrayList<>();
        for (String dropped : workflows.droppedBy(app)) {
            List<String> users = new ArrayList<>(bus.startersOf(dropped, app.app()));
            schedules.list().stream().filter(d -> !d.app().equals(app.app()) && d.targetKind().equals("workflow")
                    && d.targetName().equals(dropped))
                    .forEach(d -> users.add("schedule " + d.name() + " (app " + d.app() + ")"));
            current.stream().filter(v -> !v.app().equals(app.app()) && destinations(v)
                    .anyMatch(d -> d.kind() == AsyncEvent.Kind.WORKFLOW && d.name().equals(dropped)))
                    .forEach(v -> users.add("the async destination of function " + v.name()));
            users.addAll(workflows.startersOf(dropped, app.app()));
            if (!users.isEmpty()) {
                problems.add(Map.of("path", "workflows", "message", "the workflow " + dropped + " is dropped from this"
                        + " app but still started by " + String.join(", ", users) + "; remove those first, or keep it"));
            }
        }
        return problems;
    }

    private static Stream<FunctionSpec.Destination> destinations(FunctionVersion v) {
        FunctionSpec.Async a = v.spec().async();
        return Stream.of(a.onSuccess(), a.onFailure()).flatMap(Optional::stream);
    }

    /** @return what delivers to {@code function}: rules, schedules, queue triggers, other functions' destinations */
    private List<String> usersOf(String function) {
        List<String> users = new ArrayList<>(bus.usersOf(function));
        schedules.list().stream().filter(d -> d.targetKind().equals("function") && d.targetName().equals(function))
                .forEach(d -> users.add("schedule " + d.name() + " (app " + d.app() + ")"));
        users.addAll(declaredQueues.usersOf(function));
        users.addAll(workflows.usersOf(function));
        functions.list().stream().filter(v -> !v.name().equals(function) && destinations(v)
                .anyMatch(d -> d.kind() == AsyncEvent.Kind.FUNCTION && d.name().equals(function)))
                .forEach(v -> users.add("the async destination of function " + v.name()));
        return users;
    }

    private static Map<String, Object> report(AppManifest app, List<FunctionStore.Published> published,
            List<String> removed, List<String> warnings) {
        List<Map<String, Object>> fns = new ArrayList<>();
        for (var p : published) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.version().name());
            m.put("version", p.version().version());
            m.put("changed", p.isNew());
            m.put("routes", p.version().spec().routes());
            String prefix = "functions." + p.version().name() + ".";
            m.put("warnings", warnings.stream().filter(w -> w.startsWith(prefix)).toList());
            fns.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("app", app.app());
        out.put("functions", fns);
        out.put("removed", removed);
        out.put("rules", app.rules().stream().map(Rule::name).toList());
        out.put("workflows", List.copyOf(app.workflows().keySet()));
        out.put("warnings", warnings);
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
