package io.trm4j.cli.serve;

import org.eclipse.jetty.io.NetworkTrafficListener;

import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Which requests a graceful stop must still answer. A request is admitted when its first byte
 * arrived before the stop began, and is answered even if its headers were still arriving then;
 * one that starts after the stop (a new connection, or the next request on a kept-alive one) gets
 * 503. Counting in the handler instead would miss a request still reading its headers, and
 * stopping the server would then cut it with no answer. Bytes that arrive once a request's answer
 * is being written start the next request (clients do not pipeline).
 */
final class Drain implements NetworkTrafficListener {
    /** The request under way on one connection. */
    private static final class Conn {
        boolean admitted;
        boolean handled; // the handler has it
        boolean answering; // its answer is being written: new bytes are the next request's
        Boolean next; // the next request's bytes arrived (while answering): admitted or not
        long ticket;
    }

    private final Object lock = new Object();
    private final Map<SocketAddress, Conn> conns = new HashMap<>(); // guarded by lock
    private boolean closing; // guarded by lock
    private long tickets; // guarded by lock

    @Override
    public void incoming(Socket socket, ByteBuffer bytes) {
        SocketAddress remote = socket.getRemoteSocketAddress();
        synchronized (lock) {
            Conn c = conns.get(remote);
            if (c == null) {
                c = new Conn();
                c.admitted = !closing;
                conns.put(remote, c);
            } else if (c.answering && c.next == null) {
                c.next = !closing;
            }
        }
    }

    @Override
    public void closed(Socket socket) {
        synchronized (lock) {
            if (conns.remove(socket.getRemoteSocketAddress()) != null) {
                lock.notifyAll();
            }
        }
    }

    /** The handler takes the request on this connection: a ticket for {@link #answering} and {@link #done}. */
    long begin(SocketAddress remote) {
        synchronized (lock) {
            Conn c = conns.get(remote);
            if (c == null) { // its bytes were not seen (a connector without the listener)
                c = new Conn();
                c.admitted = !closing;
                conns.put(remote, c);
            } else if (c.handled) { // the next request, before the last one's done(): it takes the place
                c.admitted = c.next != null ? c.next : !closing;
                c.next = null;
                c.answering = false;
            }
            c.handled = true;
            c.ticket = ++tickets;
            return c.ticket;
        }
    }

    /** Whether the request with this ticket arrived before the stop began. */
    boolean admitted(SocketAddress remote, long ticket) {
        synchronized (lock) {
            Conn c = conns.get(remote);
            return c != null && c.ticket == ticket && c.admitted;
        }
    }

    /** Its answer is being written. */
    void answering(SocketAddress remote, long ticket) {
        synchronized (lock) {
            Conn c = conns.get(remote);
            if (c != null && c.ticket == ticket) {
                c.answering = true;
            }
        }
    }

    /** Its answer is written (or failed): the connection is idle, or holds the next request. */
    void done(SocketAddress remote, long ticket) {
        synchronized (lock) {
            Conn c = conns.get(remote);
            if (c == null || c.ticket != ticket) {
                return;
            }
            if (c.next != null) {
                Conn n = new Conn();
                n.admitted = c.next;
                conns.put(remote, n);
            } else {
                conns.remove(remote);
            }
            lock.notifyAll();
        }
    }

    boolean closing() {
        synchronized (lock) {
            return closing;
        }
    }

    /** Admitted requests not yet answered. */
    int admittedCount() {
        synchronized (lock) {
            return count();
        }
    }

    private int count() {
        int n = 0;
        for (Conn c : conns.values()) {
            n += (c.admitted ? 1 : 0) + (Boolean.TRUE.equals(c.next) ? 1 : 0);
        }
        return n;
    }

    /** Starts the stop and waits until every admitted request is answered, or {@code timeoutMs} passed. */
    void closeAndAwait(long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (lock) {
            closing = true;
            long left;
            while (count() > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
