package dev.tessera.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends bytes exactly as written over a plain socket, for requests no HTTP client would send
 * (malformed request lines, {@code %00} in paths, oversized headers), and reads one response.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** A response as it came off the wire: status line, headers (lower-cased names) and body. */
    public record Response(int status, String head, String body) {
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return head + "\r\n\r\n" + body;
        }
    }

    /** Sends {@code request} (already CRLF-terminated) to 127.0.0.1:port and reads until the server closes or the body ends. */
    public static Response send(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads one response from a connection the caller opened (with its read timeout set). */
    public static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int headEnd = -1;
        int contentLength = -1;
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                bytes.write(buf, 0, n);
                String sofar = bytes.toString(StandardCharsets.ISO_8859_1);
                if (headEnd < 0) {
                    headEnd = sofar.indexOf("\r\n\r\n");
                    if (headEnd >= 0) {
                        contentLength = contentLength(sofar.substring(0, headEnd));
                    }
                }
                if (headEnd >= 0 && contentLength >= 0 && bytes.size() >= headEnd + 4 + contentLength) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new IllegalStateException("no complete response within 10 s: " + bytes.toString(StandardCharsets.ISO_8859_1));
        }
        byte[] all = bytes.toByteArray();
        if (headEnd < 0) {
            throw new IllegalStateException("no HTTP response head in: " + new String(all, StandardCharsets.ISO_8859_1));
        }
        String head = new String(all, 0, headEnd, StandardCharsets.ISO_8859_1);
        String body = new String(all, headEnd + 4, all.length - headEnd - 4, StandardCharsets.UTF_8);
        int status = Integer.parseInt(head.substring(9, 12));
        return new Response(status, head, body);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return -1;
    }
}
