package dev.gust.server;

import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * How the node listens: Jetty with one acceptor and one selector on platform threads and every
 * handler call on its own virtual thread, so handlers block on invocations freely.
 */
public final class Listeners {
    private Listeners() {
    }

    /**
     * @param name names the threads, e.g. {@code gateway}
     * @param bind the address to bind
     * @param port the port, 0 for any free one
     * @param handler what serves requests
     * @return an unstarted server
     */
    public static Server create(String name, String bind, int port, Handler handler) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("gust-" + name);
        threads.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("gust-" + name + "-", 0).factory()));
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(bind);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(handler);
        server.setStopTimeout(5_000);
        return server;
    }
}
