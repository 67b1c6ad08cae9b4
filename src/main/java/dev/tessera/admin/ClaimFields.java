package dev.tessera.admin;

import dev.tessera.claim.Claim;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** The validated fields of a claim request body (create or PATCH). */
record ClaimFields(
        Optional<String> name,
        Optional<String> value,
        Optional<Boolean> includeInToken,
        Optional<Boolean> includeInAllScopes,
        Optional<List<UUID>> includeInScopes,
        Optional<Boolean> enabled) {

    static final int MAX_VALUE_LENGTH = 4096;
    static final int MAX_SCOPES = 100;
    static final Set<String> FIELDS = Set.of("name", "value", "include_in_token", "include_in_all_scopes",
            "include_in_scopes", "enabled");
    static final Set<String> READ_ONLY = Set.of("id", "created_at", "updated_at");

    /** @param valueCheck the problem with a claim value (a template that does not parse, ...), or null */
    static ClaimFields read(Fields f, boolean create, Function<String, String> valueCheck) {
        if (create) {
            f.required("name");
            f.required("value");
        }
        var name = f.string("name", 1, 255).filter(n -> {
            if (Claim.RESERVED_NAMES.contains(n)) {
                f.invalid("name", "invalid", "is a registered claim the token sets itself; choose another name");
                return false;
            }
            return true;
        });
        var value = f.string("value", 1, MAX_VALUE_LENGTH).filter(v -> {
            String problem = valueCheck.apply(v);
            if (problem != null) {
                f.invalid("value", "invalid", problem);
                return false;
            }
            return true;
        });
        var inToken = f.bool("include_in_token");
        var inAll = f.bool("include_in_all_scopes");
        var scopes = f.uuidArray("include_in_scopes", MAX_SCOPES);
        var enabled = f.bool("enabled");
        f.done();
        return new ClaimFields(name, value, inToken, inAll, scopes, enabled);
    }
}
