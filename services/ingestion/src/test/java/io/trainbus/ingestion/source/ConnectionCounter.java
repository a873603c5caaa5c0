package io.trainbus.ingestion.source;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP listener on 127.0.0.1 that accepts connections, counts them and closes them at once. Tests point rejected
 * sources at it to prove that no connection was made.
 */
public final class ConnectionCounter implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;

    private ConnectionCounter(ServerSocket socket) {
        this.socket = socket;
        this.acceptor = new Thread(this::acceptAll, "connection-counter");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return a listener on a free port of 127.0.0.1 */
    public static ConnectionCounter start() throws IOException {
        return new ConnectionCounter(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    /** @return the listening port */
    public int port() {
        return socket.getLocalPort();
    }

    /** @return {@code http://127.0.0.1:PORT} followed by {@code path} */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** @return connections accepted so far */
    public int accepted() {
        return accepted.get();
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                accepted.incrementAndGet();
            } catch (IOException e) {
                // The socket was closed by close(); the loop ends.
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
