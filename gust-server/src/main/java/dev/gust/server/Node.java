package dev.gust.server;

import dev.gust.gateway.Gateway;
import dev.gust.runtime.CallHandler;
import dev.gust.runtime.Invoker;
import dev.gust.runtime.RuntimeConfig;
import dev.gust.runtime.SandboxInfo;
import dev.gust.runtime.WorkerClasspath;
import dev.gust.queue.QueueTriggers;
import dev.gust.queue.Queues;
import dev.gust.store.Artifacts;
import dev.gust.store.Store;
import dev.gust.store.sqlite.SqliteStore;
import dev.gust.workflow.Intrinsics;
import dev.gust.workflow.WorkflowEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that constructs a node: store, artifacts, runtime, gateway, admin API and the two
 * listeners, in dependency order; and takes them down in reverse. Thread-safe.
 */
final class Node implements GustServer {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    private final ServerConfig config;
    private final Store store;
    private final Metrics invoker;
    private final AsyncDispatcher dispatcher;
    private final ScheduleLoop schedules;
    private final WebhookDispatcher webhooks;
    private final LogsApi logs;
    private final Server gatewayServer;
    private final Server adminServer;
    private final AdminToken token;
    private final ScheduledExecutorService scheduler;
    private final Queues queues;
    private final QueueTriggers triggers;
    private final WorkflowEngine workflows;
    private final NodeTaskRunner tasks;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Node(ServerConfig config, Store store, Metrics invoker, AsyncDispatcher dispatcher, ScheduleLoop schedules,
            LogsApi logs, Server gatewayServer, Server adminServer, AdminToken token, ScheduledExecutorService scheduler,
            Queues queues, QueueTriggers triggers, WebhookDispatcher webhooks, WorkflowEngine workflows,
            NodeTaskRunner tasks) {
        this.workflows = workflows;
        this.tasks = tasks;
        this.schedules = schedules;
        this.config = config;
        this.store = store;
        this.invoker = invoker;
        this.dispatcher = dispatcher;
        this.webhooks = webhooks;
        this.logs = logs;
        this.gatewayServer = gatewayServer;
        this.adminServer = adminServer;
        this.token = token;
        this.scheduler = scheduler;
        this.queues = queues;
        this.triggers = triggers;
    }

    static Node start(ServerConfig config) throws Exception {
        Path data = config.dataDir().toAbsolutePath().normalize();
        Files.createDirectories(data);
        AdminToken token = AdminToken.loadOrCreate(data);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, Thread.ofPlatform()
                .name("gust-scheduler-", 0).daemon(true).factory());
        Store store = SqliteStore.open(data.resolve("gust.db"), config.clock());
        Artifacts artifacts = Artifacts.create(data.resolve("artifacts"));
        // the calls need the invoker, the invoker needs the calls' handler: bound once both exist
        var calls = new AtomicReference<CallHandler>(CallHandler.refusing());
        Invoker runtime = Invoker.create(RuntimeConfig.builder()
                .dataDir(data)
                .sandbox(config.sandbox())
                .memoryBudgetMb(config.memoryBudgetMb())
                .keepAlive(config.keepAlive())
                .throttleWait(config.throttleWait())
                .aotCaches(config.aotCaches())
                .workerClasspath(WorkerClasspath.fromCurrentProcess())
                .codeDirectory(artifacts::unpacked)
                .store(store)
                .clock(config.clock())
                .scheduler(scheduler)
                .callHandler((caller, operation, payload) -> calls.get().handle(caller, operation, payload))
                .build());
        Metrics invoker = new Metrics(runtime);
        invoker.asyncPending(store.asyncInvocations()::pending);
        Gateway gateway = Gateway.create(invoker, config.clock(), store.idempotency());
        Queues queues = Queues.create(store.queues(), config.clock());
        var dispatcher = new AsyncDispatcher(store.asyncInvocations(), store.functions(), invoker, queues,
                config.clock(), scheduler, ThreadLocalRandom.current());
        var secrets = new Secrets(data.resolve("secrets"));
        var webhooks = new WebhookDispatcher(store.events(), secrets, config.clock(), scheduler,
                ThreadLocalRandom.current());
        var bus = new EventBus(store.events(), dispatcher, webhooks, secrets, config.clock());
        dispatcher.publishTo(bus::publish);
        var tasks = new NodeTaskRunner(invoker, store, queues, bus, dispatcher, config.clock(), scheduler);
        WorkflowEngine workflows = WorkflowEngine.create(store.workflows(), tasks, config.clock(), scheduler,
                Intrinsics.standard(), ThreadLocalRandom.current());
        tasks.engine(workflows);
        dispatcher.startWorkflowsWith(workflows::start);
        QueueTriggers triggers = new QueueTriggers(queues, invoker, config.clock());
        invoker.triggerBatches(triggers);
        calls.set(new ContextCalls(queues, bus, dispatcher, invoker, store, config.clock(), workflows::start));
        Deployer deployer = new Deployer(data.resolve("tmp"), artifacts, store.functions(), invoker, gateway,
                store.schedules(), config.clock(), new DeclaredQueues(queues, triggers::refresh), bus,
                new DeployedWorkflows(store.workflows(), config.clock()));
        deployer.restore();
        var schedules = new ScheduleLoop(store.schedules(), config.clock(), scheduler, dispatcher::wake);
        invoker.queues(queues::list);
        AdminApi admin = new AdminApi(token, store, invoker, deployer, dispatcher, bus, config, config.clock(),
                schedules, queues, workflows);
        Server gatewayServer = Listeners.create("gateway", config.bind(), config.httpPort(), gateway.handler());
        Server adminServer = Listeners.create("admin", config.bind(), config.adminPort(), admin);
        Node node = new Node(config, store, invoker, dispatcher, schedules, admin.logs(), gatewayServer, adminServer,
                token, scheduler, queues, triggers, webhooks, workflows, tasks);
        workflows.start(); // before the dispatcher, which may start executions for rules and schedules
        dispatcher.start();
        webhooks.start();
        schedules.start();
        triggers.refresh();
        scheduler.scheduleAtFixedRate(new Retention(store, config), 1, 60, TimeUnit.MINUTES);
        try {
            listen(gatewayServer, "gateway", config.bind(), config.httpPort());
            listen(adminServer, "admin API", config.bind(), config.adminPort());
        } catch (ServerStartException e) {
            node.close();
            throw e;
        }
        LOG.info("gust node up: gateway http://{}:{} admin http://{}:{} sandbox {} (cgroups {}) data {}",
                config.bind(), node.httpPort(), config.bind(), node.adminPort(), runtime.sandbox().kind(),
                runtime.sandbox().cgroups(), data);
        runtime.sandbox().fallbackReason().ifPresent(r -> LOG.warn("sandbox: {}", r));
        return node;
    }

    private static void listen(Server server, String what, String bind, int port) {
        try {
            server.start();
        } catch (Exception e) {
            throw new ServerStartException("the " + what + " cannot listen on " + bind + ":" + port + " ("
                    + e.getMessage() + "); choose another port or stop what uses it", e);
        }
    }

    @Override
    public int httpPort() {
        return ((ServerConnector) gatewayServer.getConnectors()[0]).getLocalPort();
    }

    @Override
    public int adminPort() {
        return ((ServerConnector) adminServer.getConnectors()[0]).getLocalPort();
    }

    @Override
    public String adminToken() {
        return token.value();
    }

    @Override
    public SandboxInfo sandbox() {
        return invoker.sandbox();
    }

    @Override
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("gust node draining: new invocations get 503, running ones have {} to finish", config.drainTimeout());
        try {
            logs.stop();
            schedules.close();
            workflows.close();
            tasks.close();
            dispatcher.close();
            triggers.close();
            queues.close();
            webhooks.close();
            invoker.shutdown(config.drainTimeout());
            awaitAsyncAttempts();
            stopQuietly(gatewayServer);
            stopQuietly(adminServer);
            store.close();
            scheduler.shutdownNow();
            LOG.info("gust node stopped");
        } finally {
            stopped.countDown();
        }
    }

    private void awaitAsyncAttempts() {
        try {
            dispatcher.awaitIdle(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping {} failed", server, e);
        }
    }

}
