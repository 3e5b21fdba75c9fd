package io.trm4j.cli.serve;

import org.eclipse.jetty.io.NetworkTrafficListener;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;

/** Several listeners on one connector's traffic (Jetty takes one). */
final class TrafficListeners implements NetworkTrafficListener {
    private final List<NetworkTrafficListener> listeners;

    TrafficListeners(NetworkTrafficListener... listeners) {
        this.listeners = List.of(listeners);
    }

    @Override
    public void opened(Socket socket) {
        listeners.forEach(l -> l.opened(socket));
    }

    @Override
    public void incoming(Socket socket, ByteBuffer bytes) {
        listeners.forEach(l -> l.incoming(socket, bytes.asReadOnlyBuffer()));
    }

    @Override
    public void outgoing(Socket socket, ByteBuffer bytes) {
        listeners.forEach(l -> l.outgoing(socket, bytes.asReadOnlyBuffer()));
    }

    @Override
    public void closed(Socket socket) {
        listeners.forEach(l -> l.closed(socket));
    }
}
