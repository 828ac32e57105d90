package io.claimstream.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * Makes the JDK's HTTP server safe against slow clients, for every server claimstream runs (the
 * status server, the schema registry, the sample feeds).
 *
 * <p>The JDK server reads a request's line and headers on its executor's thread, blocking, with
 * no read timeout: four clients that sent half a request held all four threads of the status
 * server and the registry, and {@code /health} went silent until they hung up. Two measures:
 * <ul>
 *   <li>a time limit per request: {@code sun.net.httpserver.maxReqTime} (seconds from the
 *       connection or the end of the last exchange until the request and its body have arrived;
 *       the server closes the connection past it, which frees the thread) and
 *       {@code sun.net.httpserver.maxRspTime} for a client that does not read its response (it
 *       also counts the handler's own time, so it is generous).
 *       Java 17 offers them only as system properties, read once when the first server of the
 *       process is created, so they are set here, before every server claimstream creates,
 *       unless already set (a {@code -D} option wins);</li>
 *   <li>a pool of {@value #THREADS} threads per server, so that a burst of slow clients inside that
 *       limit still leaves threads for everyone else.</li>
 * </ul>
 */
public final class HttpServerLimits {

    /** Seconds a client has to send a whole request, headers and body. */
    public static final long MAX_REQUEST_SECONDS = 20;
    /**
     * Seconds from a whole request to the end of its response, handling included: well past the
     * registry's 30 s store writes and the status server's 10 s peer requests, a backstop against
     * clients that do not read.
     */
    public static final long MAX_RESPONSE_SECONDS = 120;
    /** Threads of each server: idle ones end after a minute. */
    public static final int THREADS = 32;

    static final String MAX_REQ_TIME = "sun.net.httpserver.maxReqTime";
    static final String MAX_RSP_TIME = "sun.net.httpserver.maxRspTime";

    private HttpServerLimits() {
    }

    /** {@link HttpServer#create} with the time limits set first. */
    public static HttpServer create(InetSocketAddress address) throws IOException {
        setTimeLimits();
        return HttpServer.create(address, 0);
    }

    /** The executor of one server: {@link #THREADS} daemon threads named {@code name-N}. */
    public static ExecutorService executor(String name) {
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            task -> {
                Thread thread = new Thread(task, name + "-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    static synchronized void setTimeLimits() {
        setIfAbsent(MAX_REQ_TIME, MAX_REQUEST_SECONDS);
        setIfAbsent(MAX_RSP_TIME, MAX_RESPONSE_SECONDS);
    }

    private static void setIfAbsent(String key, long seconds) {
        try {
            if (System.getProperty(key) == null) {
                System.setProperty(key, Long.toString(seconds));
            }
        } catch (SecurityException e) {
            // The thread pool still bounds what slow clients can take.
        }
    }
}
