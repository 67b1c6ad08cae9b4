package dev.tessera.http;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reading request bodies and bearer tokens, shared by the management API and the OAuth
 * endpoints. Failures are plain exceptions here: each API turns them into its own error
 * shape (problem+json or RFC 6749 JSON), so the two never mix.
 */
public final class RequestBodies {
    private RequestBodies() {
    }

    /** The body is larger than allowed (declared or actual). */
    public static final class TooLarge extends RuntimeException {
        public TooLarge() {
            super("request body too large", null, false, false);
        }
    }

    /** The body did not arrive within the time limit ({@link BodyReception}). */
    public static final class TimedOut extends RuntimeException {
        public TimedOut() {
            super("request body timed out", null, false, false);
        }
    }

    /** The body could not be read (the client went away, or a broken stream). */
    public static final class Unreadable extends RuntimeException {
        public Unreadable() {
            super("request body could not be read", null, false, false);
        }
    }

    /**
     * Reads at most {@code maxBytes}; a larger body is refused before it is buffered. The body
     * has already been received by {@link BodyReception}, which also says whether it was too
     * large or too slow to arrive.
     */
    public static byte[] read(Context ctx, int maxBytes) {
        if (ctx.attribute(BodyReception.TIMED_OUT) != null) {
            throw new TimedOut();
        }
        if (ctx.attribute(BodyReception.TOO_LARGE) != null || ctx.req().getContentLengthLong() > maxBytes) {
            throw new TooLarge();
        }
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared >= 0) {
                // The usual case: a buffer of the declared size, not one of maxBytes (16 KiB for an
                // OAuth form of a few hundred bytes, on every token request). Jetty delivers no more
                // than Content-Length, and fewer bytes end the stream early.
                byte[] bytes = in.readNBytes((int) declared);
                if (bytes.length < declared) {
                    throw new Unreadable();
                }
                return bytes;
            }
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new TooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw new Unreadable();
        }
    }

    /** The token of an {@code Authorization: Bearer} header (RFC 6750 §2.1; the scheme is case-insensitive). */
    public static Optional<String> bearerToken(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
