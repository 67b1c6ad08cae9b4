package dev.tessera.admin;

import dev.tessera.authserver.AccessTokenType;
import dev.tessera.authserver.SigningAlgorithm;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The validated fields of an auth server request body (create or PATCH). */
record AuthServerFields(
        Optional<String> name,
        Optional<Fields.Nullable<String>> description,
        Optional<String> audience,
        Optional<SigningAlgorithm> signingAlgorithm,
        Optional<AccessTokenType> accessTokenType,
        Optional<Map<String, String>> labels,
        Optional<Map<String, Fields.Nullable<String>>> labelUpdates,
        boolean labelsNull,
        Optional<List<String>> trustedOrigins,
        Optional<Boolean> requirePkce,
        Optional<Fields.Nullable<Integer>> keyRotationPeriodDays) {

    static final Set<String> FIELDS = Set.of("name", "description", "audience", "signing_algorithm",
            "access_token_typ", "labels", "trusted_origins", "require_pkce",
            "key_rotation_period_days");
    static final Set<String> READ_ONLY = Set.of("id", "issuer", "metadata_uri", "jwks_uri", "created_at",
            "updated_at");

    /** Create: name and audience required, labels without nulls. PATCH: labels may remove keys with null. */
    static AuthServerFields read(Fields f, boolean create) {
        if (create) {
            f.required("name");
            f.required("audience");
        }
        var name = f.string("name", 1, 255);
        var description = f.nullableString("description", 0, 1024);
        var audience = f.string("audience", 1, 2048);
        var alg = f.oneOf("signing_algorithm", SigningAlgorithm.NAMES, SigningAlgorithm::valueOf);
        var typ = f.oneOf("access_token_typ", AccessTokenType.NAMES, t -> AccessTokenType.of(t).orElseThrow());
        Optional<Map<String, String>> labels = create ? f.labels("labels") : Optional.empty();
        Optional<Map<String, Fields.Nullable<String>>> labelUpdates = create ? Optional.empty() : f.labelUpdates("labels", true);
        var origins = f.stringArray("trusted_origins", 0, 16, 512, AuthServerFields::originProblem);
        var requirePkce = f.bool("require_pkce");
        var rotationDays = rotationPeriod(f);
        f.done();
        return new AuthServerFields(name, description, audience, alg, typ, labels, labelUpdates, f.isNull("labels"), origins,
                requirePkce, rotationDays);
    }

    /** key_rotation_period_days: whole days, 1 to 3650 (ten years), or null for rotation on demand only. */
    private static Optional<Fields.Nullable<Integer>> rotationPeriod(Fields f) {
        if (f.isNull("key_rotation_period_days")) {
            return Optional.of(new Fields.Nullable<>(null));
        }
        return f.integer("key_rotation_period_days", 1, 3650).map(Fields.Nullable::new);
    }

    /** An origin is scheme://host[:port] with http or https, nothing more (CORS compares it exactly). */
    static String originProblem(String v) {
        try {
            URI u = new URI(v);
            boolean ok = ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null
                    && (u.getRawPath() == null || u.getRawPath().isEmpty()) && u.getRawQuery() == null
                    && u.getRawFragment() == null && u.getRawUserInfo() == null;
            return ok ? null : "must be an origin such as https://app.example.com (scheme, host and optional port)";
        } catch (java.net.URISyntaxException e) {
            return "must be an origin such as https://app.example.com";
        }
    }
}
