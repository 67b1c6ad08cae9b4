package dev.tessera.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import dev.tessera.openapi.ApiDescription;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Tessera's own OpenAPI 3.1 description ({@link ApiDescription}, exactly as the server serves it)
 * as a checker of real exchanges: the operation must be described, its status listed, the
 * response's content type declared and its body valid against the declared schema (JSON Schema
 * 2020-12, the dialect of OpenAPI 3.1, with formats such as {@code uuid} and {@code date-time}
 * asserted). A request body the server accepted (2xx) must also fit the documented request schema.
 *
 * <p>The request validator used for Kong's 3.0 description reads no 3.1 schema (it ignores
 * {@code type: [string, "null"]} and lets anything through), hence networknt's validator here.
 */
public final class TesseraApiDescription {
    /** A name for the document, so that its {@code $ref}s resolve; nothing is fetched from it. */
    private static final String BASE = "https://tessera.invalid/openapi.json";
    private static final String API_PREFIX = "/v1";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    /** One operation of the document: its method, path template and where it sits in the document. */
    public record Operation(String method, String template, Pattern pattern, int literals, String pointer, JsonNode node) {
        public String name() {
            return method.toUpperCase() + " " + template;
        }

        public boolean isTesseraAddition() {
            return node.path("x-tessera-addition").asBoolean(false);
        }
    }

    private static final TesseraApiDescription INSTANCE = new TesseraApiDescription();

    private final JsonNode document = ApiDescription.tree();
    private final List<Operation> operations = readOperations(document);
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private TesseraApiDescription() {
        String json = new String(ApiDescription.json(), StandardCharsets.UTF_8);
        registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), b -> b
                .schemas(Map.of(BASE, json))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    public static TesseraApiDescription get() {
        return INSTANCE;
    }

    public JsonNode document() {
        return document.deepCopy();
    }

    public List<Operation> operations() {
        return operations;
    }

    /** The described operation a request to {@code method path} (path under /v1) reaches, if any. */
    public Optional<Operation> find(String method, String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return operations.stream()
                .filter(o -> o.method().equalsIgnoreCase(method) && o.pattern().matcher(p).matches())
                .max(Comparator.comparingInt(Operation::literals));
    }

    /** Whether this exchange is one the description covers: a request to the management API. */
    public static boolean covers(HttpRequest request) {
        String path = request.uri().getRawPath();
        return path != null && (path.equals(API_PREFIX) || path.startsWith(API_PREFIX + "/"));
    }

    /** What is wrong with one exchange, by the description; empty when it fits (or is not covered). */
    public List<String> check(Http.Exchange exchange) {
        HttpRequest request = exchange.request();
        if (!covers(request)) {
            return List.of();
        }
        Http.Response response = exchange.response();
        String path = request.uri().getRawPath().substring(API_PREFIX.length());
        List<String> problems = new ArrayList<>(check(request.method(), path, exchange.requestBody(), response.status(),
                response.header("Content-Type"), response.body()));
        if (response.status() >= 200 && response.status() < 300) {
            find(request.method().equalsIgnoreCase("HEAD") ? "GET" : request.method(), path)
                    .ifPresent(op -> problems.addAll(checkQuery(op, request.uri().getRawQuery())));
        }
        return problems;
    }

    private static final Pattern DEEP_OBJECT = Pattern.compile("([a-z_]+)\\[([a-z_]+)](?:\\[([a-z_]+)])?");

    /**
     * The query parameters of a request the server accepted must be documented: plain ones by
     * name; deepObject ones ({@code filter[name][contains]}) by a property of the parameter's
     * schema and, when given, an operator that property allows.
     */
    public List<String> checkQuery(Operation op, String rawQuery) {
        List<String> problems = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return problems;
        }
        Map<String, JsonNode> declared = new java.util.HashMap<>();
        op.node().path("parameters").forEach(p -> {
            JsonNode param = deref(p);
            if ("query".equals(param.path("in").asText())) {
                declared.put(param.path("name").asText(), param);
            }
        });
        for (String pair : rawQuery.split("&")) {
            String name = java.net.URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
            if (declared.containsKey(name)) {
                continue;
            }
            var m = DEEP_OBJECT.matcher(name);
            JsonNode param = m.matches() ? declared.get(m.group(1)) : null;
            JsonNode property = param == null || !"deepObject".equals(param.path("style").asText()) ? null
                    : deref(deref(param.path("schema")).path("properties").path(m.group(2)));
            if (property == null || property.isMissingNode()) {
                problems.add(op.name() + " accepted an undocumented query parameter '" + name + "'");
            } else if (m.group(3) != null && !allowsOperator(property, m.group(3))) {
                problems.add(op.name() + " accepted an undocumented operator in '" + name + "'");
            }
        }
        return problems;
    }

    private boolean allowsOperator(JsonNode filter, String operator) {
        for (JsonNode alternative : filter.path("oneOf")) {
            if (deref(alternative).path("properties").has(operator)) {
                return true;
            }
        }
        return filter.path("properties").has(operator);
    }

    /** A node, or the node its {@code $ref} points to. */
    private JsonNode deref(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : document.at(ref.asText().substring(1));
    }

    /** The same check on an exchange built by hand, e.g. to show what it refuses. */
    public List<String> check(String method, String path, String requestBody, int status, String contentType, String body) {
        List<String> problems = new ArrayList<>();
        // HEAD is GET without the body (RFC 9110 §9.3.2); descriptions list GET only.
        boolean head = method.equalsIgnoreCase("HEAD");
        Optional<Operation> found = find(head ? "GET" : method, path);
        if (found.isEmpty()) {
            if (status < 400) {
                problems.add("undocumented operation answered " + status);
            }
            return problems;
        }
        Operation op = found.get();
        if (status >= 200 && status < 300 && requestBody != null) {
            checkRequestBody(op, requestBody, problems);
        }
        String key = Integer.toString(status);
        JsonNode responses = op.node().path("responses");
        String responsePointer;
        if (responses.has(key)) {
            responsePointer = op.pointer() + "/responses/" + key;
        } else if (responses.has("default")) {
            responsePointer = op.pointer() + "/responses/default";
        } else {
            problems.add(op.name() + ": status " + status + " is not documented");
            return problems;
        }
        JsonNode described = at(responsePointer);
        if (described.has("$ref")) {
            responsePointer = described.get("$ref").asText().substring(1);
            described = at(responsePointer);
        }
        JsonNode content = described.path("content");
        boolean hasBody = body != null && !body.isEmpty();
        if (head) {
            return problems;
        }
        if (content.isMissingNode() || content.isEmpty()) {
            if (hasBody) {
                problems.add(op.name() + " " + status + ": a body where none is documented");
            }
            return problems;
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase();
        if (!content.has(mediaType)) {
            problems.add(op.name() + " " + status + ": content type '" + contentType + "', documented: "
                    + fieldNames(content));
            return problems;
        }
        if (!hasBody) {
            problems.add(op.name() + " " + status + ": no body, documented: " + mediaType);
            return problems;
        }
        if (mediaType.endsWith("json")) {
            String schemaPointer = responsePointer + "/content/" + escape(mediaType) + "/schema";
            for (var error : schema(schemaPointer).validate(body, InputFormat.JSON)) {
                problems.add(op.name() + " " + status + " response: " + error);
            }
        }
        return problems;
    }

    private void checkRequestBody(Operation op, String requestBody, List<String> problems) {
        String pointer = op.pointer() + "/requestBody/content/application~1json/schema";
        if (at(pointer).isMissingNode()) {
            problems.add(op.name() + ": accepted a JSON body, but none is documented");
            return;
        }
        try {
            Http.JSON.readTree(requestBody);
        } catch (IOException e) {
            return; // not JSON: the server refused it, or the check above has nothing to say
        }
        for (var error : schema(pointer).validate(requestBody, InputFormat.JSON)) {
            problems.add(op.name() + " accepted a request body the description does not allow: " + error);
        }
    }

    /** The compiled schema at a JSON pointer into the document (compiled once, kept). */
    public Schema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(BASE + "#" + uriFragment(p))));
    }

    private JsonNode at(String pointer) {
        return document.at(pointer);
    }

    private static List<Operation> readOperations(JsonNode document) {
        List<Operation> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            StringBuilder regex = new StringBuilder();
            int literals = 0;
            for (String segment : path.getKey().substring(1).split("/")) {
                regex.append('/');
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    regex.append("[^/]+");
                } else {
                    regex.append(Pattern.quote(segment));
                    literals++;
                }
            }
            Pattern pattern = Pattern.compile(regex.toString());
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op != null) {
                    out.add(new Operation(method, path.getKey(), pattern, literals,
                            "/paths/" + escape(path.getKey()) + "/" + method, op));
                }
            }
        }
        return List.copyOf(out);
    }

    /** A JSON pointer token: {@code ~} and {@code /} escaped (RFC 6901). */
    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** A JSON pointer as a URI fragment: everything but unreserved characters, '/' and '~' percent-encoded. */
    private static String uriFragment(String pointer) {
        StringBuilder out = new StringBuilder();
        for (byte b : pointer.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
