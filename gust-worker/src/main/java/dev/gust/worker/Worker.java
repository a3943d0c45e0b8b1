package dev.gust.worker;

import dev.gust.protocol.Frame;
import dev.gust.protocol.FrameChannel;
import dev.gust.protocol.ProtocolException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One worker's life over one channel: hello (a stem cell warms up first and, after it, waits for
 * {@code Specialize}), load and init, then invocations until the node says shutdown or goes away. Every {@code Invoke} runs on its own virtual thread and gets exactly one
 * {@code Result}. Not reusable: {@link #run()} is called once, by one thread.
 */
final class Worker {
    static final int EXIT_OK = 0;
    static final int EXIT_BROKEN = 2;
    static final int EXIT_INIT_FAILED = 3;
    static final int EXIT_OUT_OF_MEMORY = 4;
    /** Results above this fail with {@code ResponseTooLarge} instead of overflowing a frame. */
    static final int MAX_RESULT_BYTES = 6 * 1024 * 1024;

    private final Map<String, String> env;
    private final FrameChannel channel;
    private final PrintStream diagnostics;
    private final InstantSource wallClock;
    private final InstantSource monotonic;
    private final boolean captureStdio;
    private final JsonCodec json = new JsonCodec();
    private final AtomicInteger fatalExit = new AtomicInteger(-1);
    private final EnvironmentPatch environmentPatch;

    /**
     * A worker that runs inside another program: as a stem cell it refuses to specialise, since it
     * cannot change the process's environment without changing the program's.
     */
    Worker(Map<String, String> env, FrameChannel channel, PrintStream diagnostics, InstantSource wallClock,
            InstantSource monotonic, boolean captureStdio) {
        this(env, channel, diagnostics, wallClock, monotonic, captureStdio, IN_PROCESS);
    }

    /**
     * @param env the process environment
     * @param channel the channel to the node
     * @param diagnostics where the worker's own problems go (never user output)
     * @param wallClock the time reported in {@code Hello}
     * @param monotonic the clock for durations and deadlines
     * @param captureStdio whether to replace {@code System.out}/{@code System.err} while running
     * @param environmentPatch how a stem cell makes the function's environment the process's
     */
    Worker(Map<String, String> env, FrameChannel channel, PrintStream diagnostics, InstantSource wallClock,
            InstantSource monotonic, boolean captureStdio, EnvironmentPatch environmentPatch) {
        this.env = env;
        this.channel = channel;
        this.diagnostics = diagnostics;
        this.wallClock = wallClock;
        this.monotonic = monotonic;
        this.captureStdio = captureStdio;
        this.environmentPatch = environmentPatch;
    }

    /** Makes an environment the process's own: {@link ProcessEnvironmentPatch} in a worker process. */
    @FunctionalInterface
    interface EnvironmentPatch {
        /** Gets ready to {@link #replace} without changing anything; called while a stem cell warms up. */
        default void prepare() {
        }

        void replace(Map<String, String> environment) throws ProcessEnvironmentPatch.PatchException;
    }

    static final EnvironmentPatch IN_PROCESS = environment -> {
        throw new ProcessEnvironmentPatch.PatchException(
                "this worker runs inside another program, whose environment it must not change");
    };

    /** @return the exit status: 0 done, 2 broken channel, 3 init failed, 4 out of memory */
    int run() {
        boolean stemCell = StemCell.isStemCell(env);
        if (stemCell) {
            // before Hello: the node hands out only warm stem cells
            new WarmUp(json, monotonic, diagnostics).run();
            environmentPatch.prepare();
        }
        if (!send(hello())) {
            return EXIT_BROKEN;
        }
        if (!stemCell) {
            return start(env, false);
        }
        return switch (StemCell.awaitSpecialize(channel, diagnostics)) {
            case StemCell.Outcome.Exit exit -> exit.status();
            case StemCell.Outcome.Specialized specialized -> specialize(specialized.environment());
        };
    }

    private int specialize(Map<String, String> specialized) {
        try {
            return start(StemCell.environment(env, specialized), true);
        } catch (StemCell.InvalidSpecializeException e) {
            return initFailed(e.getMessage());
        }
    }

    private int initFailed(String message) {
        send(new Frame.InitFailed(Failures.initError(message, null)));
        return EXIT_INIT_FAILED;
    }

    /**
     * Loads the function {@code environment} describes and serves it.
     *
     * @param patch whether the environment must first become the process's (a stem cell's)
     */
    private int start(Map<String, String> environment, boolean patch) {
        WorkerConfig config;
        try {
            config = WorkerConfig.fromEnvironment(environment);
        } catch (WorkerConfig.InvalidConfigException e) {
            return initFailed(e.getMessage());
        }
        if (patch) {
            try {
                environmentPatch.replace(environment);
            } catch (ProcessEnvironmentPatch.PatchException e) {
                return initFailed("the stem cell cannot take the function's environment: " + e.getMessage());
            }
        }
        return serve(config);
    }

    private int serve(WorkerConfig config) {
        var untagged = new LogSink(channel, "", Long.MAX_VALUE, diagnostics);
        var router = new LogRouter(untagged);
        PrintStream out = System.out;
        PrintStream err = System.err;
        if (captureStdio) {
            System.setOut(router.printStream(Frame.Stream.STDOUT));
            System.setErr(router.printStream(Frame.Stream.STDERR));
        }
        try {
            return new Session(config, router).run();
        } finally {
            untagged.close();
            if (captureStdio) {
                System.setOut(out);
                System.setErr(err);
            }
        }
    }

    private Frame.Hello hello() {
        Instant connected = wallClock.instant();
        Instant vmStart = ProcessHandle.current().info().startInstant().orElse(connected);
        return new Frame.Hello(env.getOrDefault("GUST_INSTANCE_ID", ""), micros(vmStart), micros(connected));
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000L);
    }

    private long microsSince(Instant start) {
        return Duration.between(start, monotonic.instant()).toNanos() / 1_000L;
    }

    /** @return whether the frame went out */
    private boolean send(Frame frame) {
        try {
            channel.send(frame);
            return true;
        } catch (IOException e) {
            diagnostics.println("gust-worker: cannot send " + frame.getClass().getSimpleName() + " to the node: " + e);
            return false;
        }
    }

    /** The loaded function and the invocations it serves. */
    private final class Session {
        private final WorkerConfig config;
        private final LogRouter router;
        private final FunctionContext function;
        private final PlatformCalls calls = new PlatformCalls(channel);
        private FunctionClassLoader loader;

        Session(WorkerConfig config, LogRouter router) {
            this.config = config;
            this.router = router;
            this.function = new FunctionContext(config.functionName(), config.functionVersion(), config.memoryMb(),
                    config.environment(), message -> router.current().log(message));
        }

        int run() {
            Entrypoint entrypoint;
            try {
                entrypoint = start();
            } catch (InitException e) {
                send(new Frame.InitFailed(Failures.initError(e.getMessage(), e.getCause())));
                return EXIT_INIT_FAILED;
            }
            return serve(entrypoint);
        }

        /** Loads and initialises the handler, then tells the node how long each step took. */
        private Entrypoint start() throws InitException {
            Instant t0 = monotonic.instant();
            try {
                loader = FunctionClassLoader.create(config.codeDir());
            } catch (IOException e) {
                throw new InitException("handler " + config.handler() + ": cannot read the function's code: " + e.getMessage(), e);
            }
            var handlers = new HandlerLoader(loader, function, json);
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(loader);
            try {
                HandlerLoader.Plan plan = handlers.plan(config.handler());
                // Jackson takes a while to start: build it on another core while the handler initialises
                Thread.ofPlatform().daemon().name("gust-json-warm-up").start(() -> json.warmUp(plan.inputType()));
                long classLoad = microsSince(t0);
                Instant t1 = monotonic.instant();
                Entrypoint entrypoint = handlers.start(plan);
                send(new Frame.Ready(classLoad, microsSince(t1)));
                return entrypoint;
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
        }

        private int serve(Entrypoint entrypoint) {
            ExecutorService invocations = Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("gust-invocation-", 0).factory());
            try {
                while (true) {
                    Frame frame = channel.receive().orElse(null);
                    switch (frame) {
                        case null -> {
                            return exitCode(EXIT_OK); // the node is gone: nobody wants the results
                        }
                        case Frame.Invoke invoke -> invocations.execute(() -> invoke(entrypoint, invoke));
                        case Frame.CallResult answer -> answered(answer);
                        case Frame.Shutdown shutdown -> {
                            // running invocations may still wait for answers to their calls
                            Thread.ofPlatform().daemon().name("gust-call-answers").start(this::readAnswers);
                            invocations.close(); // waits for running invocations
                            return exitCode(EXIT_OK);
                        }
                        default -> {
                            diagnostics.println("gust-worker: unexpected frame from the node: " + frame);
                            return exitCode(EXIT_BROKEN);
                        }
                    }
                }
            } catch (ProtocolException e) {
                diagnostics.println("gust-worker: invalid frame from the node: " + e.getMessage());
                return exitCode(EXIT_BROKEN);
            } catch (IOException e) {
                return exitCode(EXIT_OK);
            } finally {
                calls.close("the connection to the node has ended");
                invocations.shutdownNow();
            }
        }

        /** After Shutdown: only answers to calls matter, until the channel ends. */
        private void readAnswers() {
            try {
                for (var f = channel.receive(); f.isPresent(); f = channel.receive()) {
                    if (f.get() instanceof Frame.CallResult answer) {
                        answered(answer);
                    }
                }
            } catch (IOException | ProtocolException e) {
                // the channel ended: calls still waiting fail when the session closes them
            }
        }

        private void answered(Frame.CallResult answer) {
            if (!calls.complete(answer)) {
                diagnostics.println("gust-worker: an answer to call " + answer.callId() + " came after nobody waited for it");
            }
        }

        private int exitCode(int normal) {
            int fatal = fatalExit.get();
            return fatal >= 0 ? fatal : normal;
        }

        private void invoke(Entrypoint entrypoint, Frame.Invoke request) {
            var sink = new LogSink(channel, request.invocationId(), config.logCapBytes(), diagnostics);
            var context = new InvocationContext(function, request.invocationId(), request.traceparent(),
                    request.correlationId(), monotonic, request.timeoutMillis(), sink::log, calls, json);
            Frame.Result result;
            boolean outOfMemory = false;
            try {
                result = call(entrypoint, request, context, sink);
            } catch (OutOfMemoryError e) {
                outOfMemory = true;
                result = Frame.Result.failure(request.invocationId(), new Frame.ErrorInfo(Failures.OUT_OF_MEMORY,
                        e.getMessage() + " (memory limit " + config.memoryMb() + " MB); the instance is stopped",
                        List.of()));
            } finally {
                context.end();
                sink.close();
            }
            send(result);
            if (outOfMemory) {
                stopAfterOutOfMemory();
            }
        }

        /** @throws OutOfMemoryError when the function ran out of memory */
        private Frame.Result call(Entrypoint entrypoint, Frame.Invoke request, InvocationContext context, LogSink sink) {
            router.bind(sink);
            Thread.currentThread().setContextClassLoader(loader);
            try {
                byte[] output = entrypoint.invoke(request.payload(), context);
                if (output.length > MAX_RESULT_BYTES) {
                    return Frame.Result.failure(request.invocationId(), new Frame.ErrorInfo("ResponseTooLarge",
                            "the result is " + output.length + " bytes; at most " + MAX_RESULT_BYTES + " are allowed",
                            List.of()));
                }
                return Frame.Result.success(request.invocationId(), output);
            } catch (OutOfMemoryError e) {
                throw e;
            } catch (Throwable t) {
                return Frame.Result.failure(request.invocationId(), Failures.of(t));
            } finally {
                router.unbind();
            }
        }

        /** The heap is no longer trustworthy: end the worker, which unblocks the reader. */
        private void stopAfterOutOfMemory() {
            fatalExit.compareAndSet(-1, EXIT_OUT_OF_MEMORY);
            try {
                channel.close();
            } catch (IOException e) {
                diagnostics.println("gust-worker: closing the channel after running out of memory: " + e);
            }
        }
    }
}
