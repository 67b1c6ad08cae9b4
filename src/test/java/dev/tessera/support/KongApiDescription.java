package dev.tessera.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.whitelist.StatusType;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import com.atlassian.oai.validator.whitelist.rule.WhitelistRule;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.allOf;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.anyOf;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageContainsSubstring;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageHasKey;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.methodIs;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageContainsRegexp;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.responseStatusIs;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.responseStatusTypeIs;

/**
 * Kong Identity's OpenAPI description of the management API, as a validator of real
 * request/response pairs. The file is Kong's; the project does not copy it (its rules say
 * reference text stays outside the repository), so it is read from {@code ../shared/reference/}
 * beside the clone, where the developers' machines and CI have it.
 *
 * <p>{@link #EXTENSIONS} is the complete list of places where Tessera deliberately differs;
 * docs/API.md ("Differences from Kong Identity") lists the same entries.
 */
public final class KongApiDescription {
    public static final Path LOCATION = Path.of("..", "shared", "reference", "kong-identity-v1-openapi.yaml");

    /** A deliberate difference from Kong's description, and what it tells the validator to ignore. */
    public record Extension(String name, String why, WhitelistRule ignore) {
    }

    public static final List<Extension> EXTENSIONS = List.of(
            new Extension("401 on every operation",
                    "Kong's description declares bearer security but no 401 response; Tessera answers a missing "
                            + "or unknown admin token with a 401 problem",
                    allOf(responseStatusIs(401), messageHasKey("validation.response.status.unknown"))),
            new Extension("400 for a malformed id or query parameter everywhere",
                    "a path id that is not a UUID, or a bad page[...], sort or filter[...], is a 400 naming it, "
                            + "also on operations (get, list, delete) for which Kong's description lists no 400",
                    allOf(responseStatusIs(400), messageHasKey("validation.response.status.unknown"))),
            new Extension("client_secret in the PUT response",
                    "PUT .../clients/{clientId} answers with the client_secret it was given, as POST does "
                            + "with the one it generated",
                    allOf(aboutTheResponse(), methodIs(PathItem.HttpMethod.PUT),
                            messageHasKey("validation.response.body.schema.additionalProperties"),
                            listsOnly(Set.of("client_secret"), "client_secret"))),
            new Extension("filter[field]=value on text fields",
                    "filter[name]=x is short for filter[name][eq]=x on the fields Kong filters with eq/contains",
                    allOf(aboutTheRequest(), messageHasKey("validation.request.parameter.schema.type"),
                            messageContainsSubstring("allowed: [\"object\"]"))),
            new Extension("access_token_typ on auth servers",
                    "the typ header of an auth server's access tokens, JWT (default) or at+jwt for RFC 9068 validators",
                    addedFields("access_token_typ")),
            new Extension("require_pkce on auth servers and allow_direct_authorization on clients",
                    "interactive flows (docs/INTERACTIVE-FLOWS.md): PKCE required of every client of an auth server; "
                            + "a client's permission to get codes for users it signed in itself",
                    addedFields("require_pkce", "allow_direct_authorization")),
            new Extension("client_secret_basic and authorization_code",
                    "token_endpoint_auth_method also takes client_secret_basic, and grant_types authorization_code",
                    allOf(anyOf(messageHasKey("validation.request.body.schema.enum"),
                                    messageHasKey("validation.response.body.schema.enum")),
                            anyOf(messageContainsSubstring("(\"client_secret_basic\")"),
                                    messageContainsSubstring("(\"authorization_code\")")))),
            new Extension("declarative configuration",
                    "GET /v1/config exports the configuration by name, POST /v1/config:plan and /v1/config:apply "
                            + "plan and apply a configuration file (docs/CONFIG-AS-CODE.md), as tessera apply/export do",
                    allOf(messageHasKey("validation.request.path.missing"),
                            messageContainsRegexp("request '/v1/config(:plan|:apply)?'"))),
            new Extension("GET /v1/auth-servers/{authServerId}/token-activity",
                    "tokens issued per client over the last hour or day, for the web console's activity charts",
                    allOf(messageHasKey("validation.request.path.missing"), messageContainsSubstring("/token-activity"))),
            new Extension("jwks, jwks_uri and the JWT client authentication methods",
                    "a client may register public keys, inline (jwks) or by URL (jwks_uri; shown only when set), and "
                            + "token_endpoint_auth_method takes client_secret_jwt and private_key_jwt (RFC 7523)",
                    anyOf(addedFields("jwks", "jwks_uri"),
                            allOf(anyOf(messageHasKey("validation.request.body.schema.enum"),
                                            messageHasKey("validation.response.body.schema.enum")),
                                    anyOf(messageContainsSubstring("(\"client_secret_jwt\")"),
                                            messageContainsSubstring("(\"private_key_jwt\")"))))),
            new Extension("key_rotation_period_days on auth servers",
                    "days between scheduled signing-key rotations (1..3650), or null for rotation on demand only",
                    addedFields("key_rotation_period_days")),
            new Extension("ES256, ES384 and EdDSA signing algorithms",
                    "signing_algorithm also takes ES256, ES384 and EdDSA (Ed25519)",
                    allOf(anyOf(messageHasKey("validation.request.body.schema.enum"),
                                    messageHasKey("validation.response.body.schema.enum")),
                            anyOf(messageContainsSubstring("(\"ES256\")"), messageContainsSubstring("(\"ES384\")"),
                                    messageContainsSubstring("(\"EdDSA\")")))),
            new Extension("signing keys of an auth server",
                    "GET/POST /auth-servers/{authServerId}/keys, POST .../keys/rotate, GET .../keys/{kid}: the key "
                            + "lifecycle, rotation and import, which Kong's description does not have",
                    allOf(messageHasKey("validation.request.path.missing"),
                            (message, operation, request, response) -> request != null
                                    && request.getPath().matches("/v1/auth-servers/[^/]+/keys(/[^/]+)?"))));

    /**
     * Not differences but the test's own needs and the validator's limits: requests the test
     * sends to be refused break the description on purpose (their responses are still checked);
     * the validator reads one level of a deepObject parameter ({@code filter[name][contains]}
     * looks like a property named {@code name][contains}) and does not convert its values
     * ({@code filter[enabled]=true} stays the string "true").
     */
    private static final List<Extension> HARNESS = List.of(
            new Extension("refused requests", "sent to be refused",
                    allOf(aboutTheRequest(), responseStatusTypeIs(StatusType.CLIENT_ERROR))),
            new Extension("nested deepObject", "validator limit",
                    allOf(aboutTheRequest(), messageHasKey("validation.request.parameter.schema.additionalProperties"),
                            messageContainsSubstring("]["))),
            new Extension("deepObject values are strings", "validator limit",
                    allOf(aboutTheRequest(), messageHasKey("validation.request.parameter.schema.type"),
                            messageContainsSubstring("Instance type (string)"),
                            messageContainsSubstring("allowed: [\"boolean\"]"))));

    private final OpenApiInteractionValidator validator;

    private KongApiDescription(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    private static Optional<KongApiDescription> loaded;

    /**
     * The description, or empty when {@code ../shared/reference/} is not beside the clone.
     * Built once per test run: parsing and compiling Kong's schemas takes seconds.
     */
    public static synchronized Optional<KongApiDescription> load() {
        if (loaded == null) {
            loaded = read();
        }
        return loaded;
    }

    private static Optional<KongApiDescription> read() {
        Path file = LOCATION.toAbsolutePath().normalize();
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        ValidationErrorsWhitelist whitelist = ValidationErrorsWhitelist.create();
        for (Extension e : concat(EXTENSIONS, HARNESS)) {
            whitelist = whitelist.withRule(e.name(), e.ignore());
        }
        return Optional.of(new KongApiDescription(OpenApiInteractionValidator
                .createForInlineApiSpecification(withoutExampleOnlyOverrides(file))
                .withBasePathOverride("/v1")
                // Kong's errors and created client are allOf compositions; merged, the check for
                // properties Kong does not describe applies to the whole object.
                .withResolveCombinators(true)
                .withWhitelist(whitelist)
                .build()));
    }

    /**
     * Kong's 403/404/409 errors extend the base error with {@code allOf} parts that repeat
     * {@code status}, {@code title}, ... carrying only an example. Merged (which the check for
     * undescribed properties needs), such an untyped part would override the base type, so it
     * is dropped here; examples constrain nothing.
     */
    private static String withoutExampleOnlyOverrides(Path file) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readLocation(file.toUri().toString(), null, options);
        OpenAPI api = parsed.getOpenAPI();
        if (api == null) {
            throw new IllegalStateException("cannot read " + file + ": " + parsed.getMessages());
        }
        for (Schema<?> schema : api.getComponents().getSchemas().values()) {
            if (schema.getAllOf() == null) {
                continue;
            }
            for (Schema<?> part : schema.getAllOf()) {
                if (part.getProperties() != null) {
                    part.getProperties().values().removeIf(p -> p.getType() == null && p.getTypes() == null
                            && p.get$ref() == null && p.getAllOf() == null && p.getOneOf() == null);
                }
            }
        }
        return Json.pretty(api);
    }

    /** Every field Tessera adds to Kong's resources; a message may list several of them at once. */
    private static final Set<String> ADDED_FIELDS = Set.of("access_token_typ", "require_pkce", "allow_direct_authorization",
            "jwks", "jwks_uri", "key_rotation_period_days");
    private static final Pattern LISTED = Pattern.compile("\\[(\"[^\\]]*\")\\]");

    /**
     * An undescribed-property message that names one of {@code fields} and nothing but Tessera's
     * added fields (the validator lists all of an object's extra properties in one message).
     */
    private static WhitelistRule addedFields(String... fields) {
        return listsOnly(Set.of(), fields);
    }

    /** Like {@link #addedFields}, also allowing {@code others} in the list. */
    private static WhitelistRule listsOnly(Set<String> others, String... fields) {
        return (message, operation, request, response) -> {
            if (!message.getKey().equals("validation.request.body.schema.additionalProperties")
                    && !message.getKey().equals("validation.response.body.schema.additionalProperties")) {
                return false;
            }
            Matcher m = LISTED.matcher(message.getMessage());
            if (!m.find()) {
                return false;
            }
            Set<String> listed = new HashSet<>();
            for (String quoted : m.group(1).split(",")) {
                listed.add(quoted.strip().replace("\"", ""));
            }
            boolean named = Arrays.stream(fields).anyMatch(listed::contains);
            listed.removeAll(others);
            return ADDED_FIELDS.containsAll(listed) && named;
        };
    }

    // The library's isRequest()/isResponse() hold whenever a request/response exists, i.e. always
    // when a pair is validated; what matters is which side the message is about.
    private static WhitelistRule aboutTheRequest() {
        return (message, operation, request, response) -> message.getKey().startsWith("validation.request.");
    }

    private static WhitelistRule aboutTheResponse() {
        return (message, operation, request, response) -> message.getKey().startsWith("validation.response.");
    }

    private static List<Extension> concat(List<Extension> a, List<Extension> b) {
        List<Extension> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The validator's complaints about one exchange, after the extensions are ignored. */
    public ValidationReport validate(Http.Exchange exchange) {
        return validator.validate(request(exchange), response(exchange.response()));
    }

    /** Validates a request and response built by hand, e.g. to show what the validator refuses. */
    public ValidationReport validate(SimpleRequest request, SimpleResponse response) {
        return validator.validate(request, response);
    }

    private static SimpleRequest request(Http.Exchange exchange) {
        URI uri = exchange.request().uri();
        var builder = new SimpleRequest.Builder(Request.Method.valueOf(exchange.request().method()), uri.getRawPath());
        exchange.request().headers().map().forEach(builder::withHeader);
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                builder.withQueryParam(decode(kv[0]), kv.length == 2 ? decode(kv[1]) : "");
            }
        }
        if (exchange.requestBody() != null) {
            builder.withBody(exchange.requestBody());
        }
        return builder.build();
    }

    private static SimpleResponse response(Http.Response r) {
        var builder = SimpleResponse.Builder.status(r.status());
        r.raw().headers().map().forEach(builder::withHeader);
        if (!r.body().isEmpty()) {
            builder.withBody(r.body());
        }
        return builder.build();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** Every message of a report, one per line, for an assertion's description. */
    public static String describe(Http.Exchange exchange, ValidationReport report) {
        List<String> lines = new ArrayList<>();
        lines.add(exchange.request().method() + " " + exchange.request().uri().getRawPath()
                + (exchange.request().uri().getRawQuery() == null ? "" : "?" + exchange.request().uri().getRawQuery())
                + " -> " + exchange.response().status());
        report.getMessages().forEach(m -> describe(m, "  ", lines));
        return String.join("\n", lines);
    }

    private static void describe(ValidationReport.Message m, String indent, List<String> lines) {
        lines.add(indent + "[" + m.getKey() + "] " + m.getMessage().replace('\n', ' '));
        m.getAdditionalInfo().forEach(info -> lines.add(indent + "  " + info.replace('\n', ' ')));
        m.getNestedMessages().forEach(n -> describe(n, indent + "  ", lines));
    }
}
