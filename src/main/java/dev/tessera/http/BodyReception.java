package dev.tessera.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * Receives a request's whole body before a request thread is given to it, so that a client
 * that sends its body slowly holds a connection and a little memory, never a thread.
 *
 * <p>Three outcomes, each handed to the application as a request attribute that
 * {@link RequestBodies} turns into the calling API's own error shape:
 * <ul>
 *   <li>the body arrived whole within the limit: the handler reads it from memory;</li>
 *   <li>the body is larger than the limit: the rest is read and discarded up to
 *       {@code drainBytes} (so that the client, still sending, is able to read the 413 instead
 *       of a reset connection, as nginx's lingering close does) and the request is marked
 *       {@link #TOO_LARGE}. A declared body beyond the drain bound, or an undeclared one that
 *       grows past it, is not read: the answer goes out at once and the connection closes;</li>
 *   <li>the body did not arrive within the time limit: the request is marked
 *       {@link #TIMED_OUT} and the connection closes after the answer.</li>
 * </ul>
 */
public final class BodyReception extends Handler.Wrapper {
    /** Request attribute: the body was larger than the limit and has not been kept. */
    public static final String TOO_LARGE = "tessera.body.tooLarge";
    /** Request attribute: the body did not arrive within the time limit. */
    public static final String TIMED_OUT = "tessera.body.timedOut";

    private final long limitBytes;
    private final long drainBytes;
    private final long timeoutMillis;

    /**
     * @param limitBytes    largest body kept in memory for the application
     * @param drainBytes    how much of an oversized body is read and discarded before answering
     * @param timeoutMillis how long the whole body may take to arrive, counted from the headers
     */
    public BodyReception(long limitBytes, long drainBytes, long timeoutMillis) {
        this.limitBytes = limitBytes;
        this.drainBytes = drainBytes;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (declared <= 0 && !chunked) {
            return super.handle(request, response, callback);
        }
        new Reception(request, response, callback, declared).start();
        return true;
    }

    /** One request's body on its way in; every step runs under the instance lock. */
    private final class Reception implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final long declared;
        private final Deque<Content.Chunk> kept = new ArrayDeque<>();
        private long keptBytes;
        private long discardedBytes;
        private boolean tooLarge;
        private boolean handedOver;
        private boolean onRequestThread = true;
        private Scheduler.Task timeout;

        Reception(Request request, Response response, Callback callback, long declared) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.declared = declared;
        }

        synchronized void start() {
            if (declared > limitBytes) {
                tooLarge = true;
                boolean expectsContinue = request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString());
                if (declared > drainBytes || expectsContinue) {
                    // Beyond the bound nothing is read; with Expect: 100-continue the client has
                    // not sent the body and waits for this answer, so reading would only invite it.
                    handOver(true);
                    return;
                }
            }
            run();
            onRequestThread = false;
            if (!handedOver) {
                // Only a body that is not all here yet costs a timer (most arrive with the headers).
                long left = timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - request.getHeadersNanoTime());
                timeout = request.getComponents().getScheduler().schedule(this::timedOut, Math.max(0, left), TimeUnit.MILLISECONDS);
            }
        }

        /** Reads what has arrived; called again by Jetty when more arrives. */
        @Override
        public synchronized void run() {
            while (!handedOver) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk, false)) {
                    // A transient failure is an idle timeout: Jetty shortens it to 1 s for every
                    // connection when the server stops. The body's own deadline decides instead, so
                    // that a request in flight at shutdown can still finish.
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    // The client went away or sent a malformed body: the application reads the failure.
                    kept.add(chunk);
                    handOver(true);
                    return;
                }
                boolean last = chunk.isLast();
                take(chunk);
                if (last) {
                    handOver(false);
                    return;
                }
                if (tooLarge && discardedBytes > drainBytes) {
                    handOver(true);
                    return;
                }
            }
        }

        private void take(Content.Chunk chunk) {
            int size = chunk.remaining();
            if (!tooLarge && keptBytes + size <= limitBytes) {
                kept.add(chunk);
                keptBytes += size;
                return;
            }
            if (!tooLarge) {
                tooLarge = true;
                discardedBytes = keptBytes;
                kept.forEach(Content.Chunk::release);
                kept.clear();
            }
            discardedBytes += size;
            chunk.release();
        }

        private synchronized void timedOut() {
            if (!handedOver) {
                request.setAttribute(TIMED_OUT, Boolean.TRUE);
                handOver(true);
            }
        }

        private void handOver(boolean close) {
            handedOver = true;
            if (timeout != null) {
                timeout.cancel();
            }
            if (tooLarge) {
                request.setAttribute(TOO_LARGE, Boolean.TRUE);
                kept.forEach(Content.Chunk::release);
                kept.clear();
                if (!close) {
                    kept.add(Content.Chunk.EOF);
                }
            }
            if (close) {
                response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            }
            KeptBody body = new KeptBody(request, callback, kept);
            if (onRequestThread) {
                next(body);
            } else {
                // A demand callback or the timeout: hand the request to a pool thread.
                request.getContext().execute(() -> next(body));
            }
        }

        private void next(KeptBody body) {
            try {
                if (!getHandler().handle(body, response, body)) {
                    Response.writeError(body, response, body, 404);
                }
            } catch (Throwable t) {
                body.failed(t);
            }
        }
    }

    /** The request as the application sees it: the kept chunks first, then whatever the connection has. */
    private static final class KeptBody extends Request.Wrapper implements Callback {
        private final Callback callback;
        private final Deque<Content.Chunk> chunks;

        KeptBody(Request wrapped, Callback callback, Deque<Content.Chunk> chunks) {
            super(wrapped);
            this.callback = callback;
            this.chunks = chunks;
        }

        @Override
        public Content.Chunk read() {
            synchronized (chunks) {
                Content.Chunk chunk = chunks.pollFirst();
                if (chunk != null) {
                    return chunk;
                }
            }
            return super.read();
        }

        @Override
        public void demand(Runnable demandCallback) {
            boolean ready;
            synchronized (chunks) {
                ready = !chunks.isEmpty();
            }
            if (ready) {
                demandCallback.run();
            } else {
                super.demand(demandCallback);
            }
        }

        @Override
        public InvocationType getInvocationType() {
            return callback.getInvocationType();
        }

        private void release() {
            synchronized (chunks) {
                chunks.forEach(Content.Chunk::release);
                chunks.clear();
            }
        }

        @Override
        public void succeeded() {
            release();
            callback.succeeded();
        }

        @Override
        public void failed(Throwable failure) {
            release();
            callback.failed(failure);
        }
    }
}
