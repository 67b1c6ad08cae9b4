package dev.tessera.login;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where the browser goes with an authorization response (RFC 6749 §4.1.2 and §4.2.2, OAuth 2.0
 * Multiple Response Type Encoding Practices, Form Post Response Mode): the registered redirect
 * URI with the parameters in its query (keeping the query it already has) or in its fragment,
 * or an HTML page that posts them.
 */
public final class AuthorizationResponses {
    private AuthorizationResponses() {
    }

    public static String redirect(String redirectUri, String responseMode, Map<String, String> params) {
        String encoded = encode(params);
        if (responseMode.equals("fragment")) {
            return redirectUri + "#" + encoded;
        }
        return redirectUri + (redirectUri.contains("?") ? "&" : "?") + encoded;
    }

    public static String encode(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        params.forEach((k, v) -> {
            if (v != null) {
                if (!b.isEmpty()) {
                    b.append('&');
                }
                b.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return b.toString();
    }

    /** A page that posts the parameters to the redirect URI as soon as it loads (form_post). */
    public static String formPostPage(String redirectUri, Map<String, String> params) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Submit</title></head>"
                + "<body onload=\"document.forms[0].submit()\"><form method=\"post\" action=\"")
                .append(html(redirectUri)).append("\">");
        params.forEach((k, v) -> {
            if (v != null) {
                b.append("<input type=\"hidden\" name=\"").append(html(k)).append("\" value=\"").append(html(v)).append("\">");
            }
        });
        return b.append("<noscript><button type=\"submit\">Continue</button></noscript></form></body></html>").toString();
    }

    public static String html(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
