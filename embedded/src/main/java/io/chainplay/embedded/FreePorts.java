package io.chainplay.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds TCP ports on localhost that nothing listens on. */
public final class FreePorts {

    private FreePorts() {}

    /** A port the OS considers free right now (another process may still take it first). */
    public static int any() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on localhost", e);
        }
    }

    /**
     * {@code count} different ports, each free right now. The sockets are held open together while
     * the ports are picked: two calls of {@link #any()} in a row may get the same port back, which
     * once gave a Kafka broker the same port for its two listeners.
     */
    public static int[] distinct(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        int[] ports = new int[count];
        try {
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets[i].setReuseAddress(true);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("No " + count + " free ports on localhost", e);
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // the port is released either way
                    }
                }
            }
        }
    }

    /** True when a server socket can bind the port on all interfaces and on loopback. */
    public static boolean isFree(int port) {
        for (InetSocketAddress address :
                new InetSocketAddress[] {
                    new InetSocketAddress(port),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port)
                }) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(address);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** The preferred port if it is free, else the next free one above it. */
    public static int preferred(int port) {
        for (int candidate = port; candidate < Math.min(port + 100, 65536); candidate++) {
            if (isFree(candidate)) {
                return candidate;
            }
        }
        return any();
    }
}
