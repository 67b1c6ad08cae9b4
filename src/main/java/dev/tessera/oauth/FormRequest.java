package dev.tessera.oauth;

import dev.tessera.http.RequestBodies;
import io.javalin.http.Context;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A POSTed {@code application/x-www-form-urlencoded} body, parsed strictly (RFC 6749 §3.2:
 * a parameter sent twice is an error), plus Basic client credentials, which are
 * form-URL-decoded per RFC 6749 Appendix B ({@code +} and {@code %20} are both a space).
 * Query parameters are never read: secrets do not belong in URLs.
 */
public final class FormRequest {
    public static final int MAX_BODY = 16 * 1024;

    private final Map<String, String> params;
    private final Optional<BasicCredentials> basic;
    private final String source;

    private FormRequest(Map<String, String> params, Optional<BasicCredentials> basic, String source) {
        this.params = params;
        this.basic = basic;
        this.source = source;
    }

    /** The address the request came from (the peer of the connection), for throttling failed authentications. */
    public String source() {
        return source;
    }

    public record BasicCredentials(String clientId, String secret) {
    }

    public static FormRequest from(Context ctx) {
        String type = ctx.header("Content-Type");
        if (type == null || !type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("application/x-www-form-urlencoded")) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "the request body must be application/x-www-form-urlencoded");
        }
        byte[] body = bodyBytes(ctx);
        return new FormRequest(parse(new String(body, StandardCharsets.UTF_8)), basic(ctx.header("Authorization")),
                String.valueOf(ctx.req().getRemoteAddr()));
    }

    /**
     * The body of an issuer endpoint's request (at most {@value #MAX_BODY} bytes), or the OAuth
     * error for one too large (413), too slow (408) or unreadable: for forms and the JSON bodies
     * of the login-request endpoints alike.
     */
    public static byte[] bodyBytes(Context ctx) {
        try {
            return RequestBodies.read(ctx, MAX_BODY);
        } catch (RequestBodies.TooLarge e) {
            throw new OAuthException(OAuthError.BODY_TOO_LARGE, "the request body is larger than " + MAX_BODY + " bytes");
        } catch (RequestBodies.TimedOut e) {
            throw new OAuthException(OAuthError.BODY_TIMEOUT, "the request body did not arrive in time");
        } catch (RequestBodies.Unreadable e) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "the request body could not be read");
        }
    }

    /** No form, only the Basic credentials of a request with another body (the login-request endpoints' JSON). */
    public static FormRequest credentialsOnly(Context ctx) {
        return new FormRequest(Map.of(), basic(ctx.header("Authorization")), String.valueOf(ctx.req().getRemoteAddr()));
    }

    static Map<String, String> parse(String body) {
        Map<String, String> out = new HashMap<>();
        if (body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (out.putIfAbsent(name, value) != null) {
                throw new OAuthException(OAuthError.INVALID_REQUEST, "parameter '" + name + "' is repeated");
            }
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "the request body is not valid form encoding");
        }
    }

    static Optional<BasicCredentials> basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new OAuthException(OAuthError.INVALID_CLIENT, "malformed Basic credentials", null, true);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new OAuthException(OAuthError.INVALID_CLIENT, "malformed Basic credentials", null, true);
        }
        try {
            return Optional.of(new BasicCredentials(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw new OAuthException(OAuthError.INVALID_CLIENT, "malformed Basic credentials", null, true);
        }
    }

    /** A parameter, or empty when absent or empty (RFC 6749 §3.1: empty means omitted). */
    public Optional<String> get(String name) {
        String v = params.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    public String require(String name) {
        return get(name).orElseThrow(() -> new OAuthException(OAuthError.INVALID_REQUEST, "parameter '" + name + "' is required"));
    }

    public Optional<BasicCredentials> basic() {
        return basic;
    }
}
