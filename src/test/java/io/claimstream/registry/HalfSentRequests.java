package io.claimstream.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw sockets that each send half an HTTP request (the request line and a header, never the
 * blank line that ends the headers) and then nothing: the slow clients that used to hold every
 * thread of the status server and the registry.
 */
public final class HalfSentRequests implements AutoCloseable {

    private final List<Socket> sockets = new ArrayList<>();

    /** Opens {@code count} connections to {@code port} on 127.0.0.1, each sending half of {@code GET path}. */
    public static HalfSentRequests open(int port, String path, int count) throws IOException {
        HalfSentRequests requests = new HalfSentRequests();
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            requests.sockets.add(socket);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Slow: ").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        return requests;
    }

    /** How many of the connections the server has closed (end of stream or reset) within {@code wait}. */
    public int closedByServerWithin(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        int closed = 0;
        for (Socket socket : sockets) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            try {
                InputStream in = socket.getInputStream();
                // The server may answer 408 first or just close; either way the stream ends.
                while (in.read() >= 0) {
                    // drain
                }
                closed++;
            } catch (SocketTimeoutException e) {
                // still open
            } catch (IOException e) {
                closed++;
            }
        }
        return closed;
    }

    public int size() {
        return sockets.size();
    }

    @Override
    public void close() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
