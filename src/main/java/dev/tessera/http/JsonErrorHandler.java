package dev.tessera.http;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Answers the requests Jetty refuses before any route runs (a malformed request line, an
 * ambiguous or over-long URI, an oversized header, a bad Host) in the JSON shape of the API the
 * request was addressed to, where Jetty would write an HTML page. When Jetty could not parse a
 * path at all (a malformed request line, a URI too long to read) plain JSON is the only honest
 * choice. Never a stack trace.
 */
public final class JsonErrorHandler extends ErrorHandler {
    private static final Logger requestLog = LoggerFactory.getLogger("tessera.request");

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        Throwable cause = (Throwable) request.getAttribute(ERROR_EXCEPTION);
        String reason = (String) request.getAttribute(ERROR_MESSAGE);
        if (cause instanceof HttpException http) {
            status = http.getCode();
            if (reason == null) {
                reason = http.getReason();
            }
        }
        if (status < 400 || status > 599) {
            status = 500;
        }
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        String unparsed = TargetRememberingConnectionFactory.unparsedTarget(request);
        ErrorShape shape = ErrorShape.forPath(unparsed != null ? ErrorShape.pathOf(unparsed) : path);
        String detail = detail(status, reason);
        String trace = Long.toUnsignedString(ThreadLocalRandom.current().nextLong());
        requestLog.info("{} {} {} refused before routing: {} trace={}", request.getMethod(), path, status, detail, trace);

        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Trace-Id", trace);
        if ("HEAD".equals(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, shape.contentType);
        byte[] body = Json.write(shape.body(status, detail, trace)).getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /**
     * Jetty's reason (such as "Ambiguous URI path separator") says what was wrong; it is kept
     * when it is short printable ASCII, so that nothing of the request is echoed unescaped.
     */
    private static String detail(int status, String reason) {
        if (status >= 500) {
            return "The server could not complete the request";
        }
        String base = switch (status) {
            case 414 -> "The request URI is too long";
            case 431 -> "The request headers are too large";
            default -> "The request is malformed";
        };
        if (reason == null || reason.length() > 80 || !reason.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
                || reason.equals(HttpStatus.getMessage(status))) {
            return base;
        }
        return base + ": " + reason;
    }

    /** The three error dialects of Tessera's HTTP surface. */
    enum ErrorShape {
        /** The management API: RFC 9457 problem details. */
        PROBLEM("application/problem+json"),
        /** An issuer's endpoints: RFC 6749 §5.2 error JSON. */
        OAUTH("application/json;charset=UTF-8"),
        /** Health, metrics and anything unparsed: plain JSON. */
        PLAIN("application/json");

        final String contentType;

        ErrorShape(String contentType) {
            this.contentType = contentType;
        }

        /**
         * {@code /v1...} is the management API; {@code /{slug}/auth...}, {@code /auth...} (host-based
         * issuers) and {@code /.well-known/...} are OAuth endpoints.
         */
        static ErrorShape forPath(String path) {
            if (path == null) {
                return PLAIN;
            }
            if (path.equals("/v1") || path.startsWith("/v1/")) {
                return PROBLEM;
            }
            if (path.startsWith("/.well-known/") || path.equals("/auth") || path.startsWith("/auth/")
                    || path.matches("/[^/]+/auth(/.*)?")) {
                return OAUTH;
            }
            return PLAIN;
        }

        /** The path part of a raw request target (origin or absolute form), for classification only. */
        static String pathOf(String target) {
            String t = target;
            int scheme = t.indexOf("://");
            if (scheme > 0 && scheme < 8) {
                int slash = t.indexOf('/', scheme + 3);
                t = slash < 0 ? "/" : t.substring(slash);
            }
            int query = t.indexOf('?');
            return query < 0 ? t : t.substring(0, query);
        }

        Map<String, Object> body(int status, String detail, String trace) {
            Map<String, Object> body = new LinkedHashMap<>();
            if (this == OAUTH) {
                body.put("error", status >= 500 ? "server_error" : "invalid_request");
                body.put("error_description", detail);
                return body;
            }
            body.put("status", status);
            body.put("title", HttpStatus.getMessage(status));
            if (this == PROBLEM) {
                body.put("type", "https://httpstatuses.com/" + status);
                body.put("instance", "tessera:trace:" + trace);
            }
            body.put("detail", detail);
            return body;
        }
    }
}
