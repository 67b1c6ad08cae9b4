// An example login application for Tessera's interactive flows (docs/INTERACTIVE-FLOWS.md).
// No dependencies: run it with `java LoginApp.java` (Java 21+).
//
//   TESSERA_ISSUER  the auth server's issuer, e.g. http://localhost:8080/abcdefghijklmnop/auth
//   CLIENT_ID, CLIENT_SECRET   the client whose login_uri points here (it authenticates with them)
//   PORT            where to listen (default 9000; 0 picks a free port). Prints "listening on <port>".
//
// It plays the client's own backend: shows a sign-in form for a login_challenge, checks the user's
// password (a demo user table), and accepts the challenge with the user's subject, the scopes the
// user ticked and a few claims; or rejects it. Then it sends the browser where Tessera says.
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.regex.Pattern;

public class LoginApp {
    record User(String password, String subject, String name, String email) {}

    static final Map<String, User> USERS = Map.of(
            "alice", new User("wonderland", "user-alice", "Alice Liddell", "alice@example.com"),
            "bob", new User("builder", "user-bob", "Bob Builder", "bob@example.com"));
    static final String ISSUER = System.getenv("TESSERA_ISSUER");
    static final String BASIC = "Basic " + Base64.getEncoder().encodeToString((enc(System.getenv("CLIENT_ID")) + ":"
            + enc(System.getenv("CLIENT_SECRET"))).getBytes(StandardCharsets.UTF_8));
    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1",
                Integer.parseInt(Objects.requireNonNullElse(System.getenv("PORT"), "9000"))), 0);
        server.createContext("/login", LoginApp::login);
        server.start();
        System.out.println("listening on " + server.getAddress().getPort());
    }

    static void login(HttpExchange ex) throws java.io.IOException {
        try {
            if (ex.getRequestMethod().equals("GET")) {
                String challenge = form(ex.getRequestURI().getRawQuery()).get("login_challenge");
                // What is being asked: which client, which scopes (authenticated as the client).
                String details = call("GET", challenge, null);
                StringBuilder page = new StringBuilder("<h1>Sign in to " + esc(field(details, "client_id"))
                        + "</h1><form method=post action=/login><input type=hidden name=login_challenge value=\""
                        + esc(challenge) + "\">User <input name=username> Password <input name=password type=password><br>");
                for (String scope : array(details, "requested_scopes")) {
                    page.append("<label><input type=checkbox name=scope value=\"").append(esc(scope))
                            .append("\" checked> ").append(esc(scope)).append("</label><br>");
                }
                reply(ex, 200, page.append("<button name=decision value=allow>Allow</button>"
                        + "<button name=decision value=deny>Deny</button></form>").toString(), null);
                return;
            }
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> f = form(body);
            List<String> scopes = new ArrayList<>();
            for (String pair : body.split("&")) {
                if (pair.startsWith("scope=")) scopes.add(URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8));
            }
            User user = USERS.get(f.getOrDefault("username", ""));
            String answer;
            if (!"allow".equals(f.get("decision"))) {
                answer = call("POST", f.get("login_challenge") + "/reject", "{\"error_description\":\"the user said no\"}");
            } else if (user == null || !java.security.MessageDigest.isEqual(user.password().getBytes(),
                    f.getOrDefault("password", "").getBytes())) {
                reply(ex, 401, "<p>Wrong user name or password. Go back and try again.</p>", null);
                return;
            } else {
                answer = call("POST", f.get("login_challenge") + "/accept", "{\"subject\":" + json(user.subject())
                        + ",\"scopes\":[" + String.join(",", scopes.stream().map(LoginApp::json).toList()) + "]"
                        + ",\"claims\":{\"name\":" + json(user.name()) + ",\"email\":" + json(user.email()) + "}"
                        + ",\"auth_time\":" + System.currentTimeMillis() / 1000 + ",\"amr\":[\"pwd\"]}");
            }
            reply(ex, 302, "", field(answer, "redirect_to"));
        } catch (Exception e) {
            reply(ex, 400, "<p>" + esc(String.valueOf(e.getMessage())) + "</p>", null);
        }
    }

    /** GET {issuer}/login-requests/{challenge}, or POST .../accept|reject, as the client. */
    static String call(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ISSUER + "/login-requests/" + path))
                .header("Authorization", BASIC).header("Accept", "application/json");
        b = json == null ? b.GET() : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("Tessera answered " + r.statusCode() + ": " + r.body());
        return r.body();
    }

    static void reply(HttpExchange ex, int status, String html, String location) throws java.io.IOException {
        if (location != null) ex.getResponseHeaders().set("Location", location);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    // Just enough JSON and form handling for Tessera's flat answers.
    static String field(String json, String name) {
        var m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return m.find() ? m.group(1).replace("\\/", "/").replace("\\u0026", "&").replace("\\\"", "\"") : null;
    }

    static List<String> array(String json, String name) {
        var m = Pattern.compile("\"" + name + "\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
        List<String> out = new ArrayList<>();
        if (m.find()) for (var s : Pattern.compile("\"([^\"]*)\"").matcher(m.group(1)).results().toList()) out.add(s.group(1));
        return out;
    }

    static Map<String, String> form(String s) {
        Map<String, String> out = new HashMap<>();
        if (s != null) for (String pair : s.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(Objects.requireNonNull(s, "set CLIENT_ID and CLIENT_SECRET"), StandardCharsets.UTF_8);
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
