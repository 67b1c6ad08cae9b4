package dev.tessera.admin;

import dev.tessera.client.Client;
import dev.tessera.client.ClientJwks;
import dev.tessera.http.InvalidParameter;
import dev.tessera.http.Json;
import dev.tessera.http.ProblemException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** The validated fields of a client request body (create, PUT or PATCH). */
record ClientFields(
        Optional<String> name,
        Optional<List<String>> grantTypes,
        Optional<List<String>> responseTypes,
        Optional<List<String>> redirectUris,
        Optional<Fields.Nullable<String>> loginUri,
        Optional<Integer> accessTokenDuration,
        Optional<Integer> idTokenDuration,
        Optional<Boolean> allowAllScopes,
        Optional<List<UUID>> allowScopes,
        Optional<java.util.Map<String, Fields.Nullable<String>>> labels,
        boolean labelsNull,
        Optional<String> authMethod,
        Optional<String> clientSecret,
        Optional<Boolean> allowDirectAuthorization,
        Optional<Fields.Nullable<String>> jwks,
        Optional<Fields.Nullable<String>> jwksUri) {

    static final Set<String> FIELDS = Set.of("name", "grant_types", "response_types", "redirect_uris", "login_uri",
            "access_token_duration", "id_token_duration", "allow_all_scopes", "allow_scopes", "labels",
            "token_endpoint_auth_method", "client_secret", "allow_direct_authorization", "jwks", "jwks_uri");
    static final Set<String> READ_ONLY = Set.of("id", "created_at", "updated_at");
    private static final Pattern CLIENT_ID = Pattern.compile("[-_A-Za-z0-9]{1,36}");
    static final int MAX_SECRET_LENGTH = 512;
    /** HS256 needs a key of at least 256 bits (RFC 7518 §3.2): a client_secret_jwt secret has 32 characters or more. */
    static final int MIN_JWT_SECRET_LENGTH = 32;

    enum Mode { CREATE, REPLACE, UPDATE }

    static ClientFields read(Fields f, Mode mode) {
        if (mode != Mode.UPDATE) {
            f.required("name");
            f.required("grant_types");
            f.required("response_types");
        }
        if (mode == Mode.REPLACE) {
            f.required("client_secret");
        }
        if (mode == Mode.CREATE && f.has("client_secret")) {
            f.invalid("client_secret", "unknown_property", "is generated on create; set it with PUT or PATCH");
        }
        var name = f.string("name", 1, 255);
        var grants = f.enumArray("grant_types", Client.GRANT_TYPES, 1);
        var responses = f.enumArray("response_types", Client.RESPONSE_TYPES, 1);
        var redirects = f.stringArray("redirect_uris", 0, 32, 2048, ClientFields::redirectUriProblem);
        var login = f.nullableString("login_uri", 1, 2048).filter(v -> {
            String problem = v.value() == null ? null : redirectUriProblem(v.value());
            if (problem != null) {
                f.invalid("login_uri", "invalid", problem);
            }
            return problem == null;
        });
        var access = f.integer("access_token_duration", Client.MIN_DURATION, Client.MAX_DURATION);
        var id = f.integer("id_token_duration", Client.MIN_DURATION, Client.MAX_DURATION);
        var allowAll = f.bool("allow_all_scopes");
        var allowScopes = f.uuidArray("allow_scopes", 1000);
        var labels = f.labelUpdates("labels", mode == Mode.UPDATE);
        var method = f.oneOf("token_endpoint_auth_method", Client.AUTH_METHODS, m -> m);
        var secret = mode == Mode.CREATE ? Optional.<String>empty() : f.string("client_secret", 1, MAX_SECRET_LENGTH);
        var direct = f.bool("allow_direct_authorization");
        Optional<Fields.Nullable<String>> jwks = f.nullableObject("jwks").flatMap(v -> {
            String stored = v.value() == null ? null : registeredJwks(f, v.value());
            return v.value() != null && stored == null ? Optional.empty() : Optional.of(new Fields.Nullable<>(stored));
        });
        var jwksUri = f.nullableString("jwks_uri", 1, 2048).filter(v -> {
            String problem = v.value() == null ? null : redirectUriProblem(v.value());
            if (problem != null) {
                f.invalid("jwks_uri", "invalid", problem);
            }
            return problem == null;
        });
        f.done();
        return new ClientFields(name, grants, responses, redirects, login, access, id, allowAll, allowScopes, labels,
                f.isNull("labels"), method, secret, direct, jwks, jwksUri);
    }

    /** The stored (public) form of a {@code jwks} field, or null after reporting why it is refused. */
    private static String registeredJwks(Fields f, com.fasterxml.jackson.databind.JsonNode value) {
        try {
            return ClientJwks.parseRegistered(Json.write(value)).toString();
        } catch (ClientJwks.InvalidJwks e) {
            f.invalid("jwks", "invalid", e.getMessage());
            return null;
        }
    }

    /** A PATCH: {@link #checkAuthentication} on the result, and a new secret when the client turns to client_secret_jwt. */
    static void checkMethodChange(Client before, Client after, Optional<String> newSecret) {
        checkAuthentication(after, newSecret, "client_secret");
        if (Client.SECRET_JWT.equals(after.tokenEndpointAuthMethod())
                && !Client.SECRET_JWT.equals(before.tokenEndpointAuthMethod()) && newSecret.isEmpty()) {
            throw ProblemException.invalid(InvalidParameter.of("body", "client_secret", "dependent_fields",
                    "is required when token_endpoint_auth_method changes to client_secret_jwt: existing secrets "
                            + "are stored only as hashes, which cannot key an HMAC"));
        }
    }

    /**
     * Rules on the client as it will be stored (after a PATCH is applied): keys for
     * {@code private_key_jwt}, and a secret long enough for {@code client_secret_jwt}'s HMAC.
     *
     * @param newSecret   the secret this request sets, if any
     * @param secretField the request field that carries it
     */
    static void checkAuthentication(Client c, Optional<String> newSecret, String secretField) {
        if (c.jwks() != null && c.jwksUri() != null) {
            throw ProblemException.invalid(InvalidParameter.of("body", "jwks_uri", "invalid",
                    "cannot be set together with jwks; register the keys one way"));
        }
        if (Client.PRIVATE_KEY_JWT.equals(c.tokenEndpointAuthMethod()) && c.jwks() == null && c.jwksUri() == null) {
            throw ProblemException.invalid(InvalidParameter.of("body", "jwks", "dependent_fields",
                    "or jwks_uri is required when token_endpoint_auth_method is private_key_jwt"));
        }
        if (Client.SECRET_JWT.equals(c.tokenEndpointAuthMethod()) && newSecret.isPresent()
                && newSecret.get().length() < MIN_JWT_SECRET_LENGTH) {
            throw ProblemException.invalid(InvalidParameter.min("body", secretField, "min_length", MIN_JWT_SECRET_LENGTH,
                    "must be at least " + MIN_JWT_SECRET_LENGTH + " characters long for client_secret_jwt (HS256 needs a "
                            + "256-bit key)"));
        }
    }

    static boolean isValidClientId(String id) {
        return id != null && CLIENT_ID.matcher(id).matches();
    }

    /** Absolute https URI without fragment; plain http only for loopback hosts (RFC 8252 §7.3). */
    static String redirectUriProblem(String v) {
        try {
            URI u = new URI(v);
            if (!u.isAbsolute() || u.getHost() == null) {
                return "must be an absolute URI";
            }
            if (u.getRawFragment() != null || v.indexOf('#') >= 0) {
                return "must not contain a fragment";
            }
            if (u.getRawUserInfo() != null) {
                return "must not contain a user name or password";
            }
            boolean loopback = u.getHost().equals("localhost") || u.getHost().equals("127.0.0.1")
                    || u.getHost().equals("[::1]");
            if (!"https".equals(u.getScheme()) && !("http".equals(u.getScheme()) && loopback)) {
                return "must use https (http is allowed only for localhost, 127.0.0.1 and [::1])";
            }
            return null;
        } catch (URISyntaxException e) {
            return "must be a valid URI";
        }
    }
}
