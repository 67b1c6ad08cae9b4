package dev.tessera.admin;

import java.util.Optional;
import java.util.Set;

/** The validated fields of a scope request body (create or PATCH). */
record ScopeFields(
        Optional<String> name,
        Optional<Fields.Nullable<String>> description,
        Optional<Boolean> isDefault,
        Optional<Boolean> includeInMetadata,
        Optional<Boolean> enabled) {

    static final Set<String> FIELDS = Set.of("name", "description", "default", "include_in_metadata", "enabled");
    static final Set<String> READ_ONLY = Set.of("id", "created_at", "updated_at");

    static ScopeFields read(Fields f, boolean create) {
        if (create) {
            f.required("name");
        }
        var name = name(f);
        var description = f.nullableString("description", 0, 1024);
        var isDefault = f.bool("default");
        var inMetadata = f.bool("include_in_metadata");
        var enabled = f.bool("enabled");
        f.done();
        return new ScopeFields(name, description, isDefault, inMetadata, enabled);
    }

    /** Scope names are RFC 6749 scope-tokens: printable ASCII without space, '"' or '\'. */
    private static Optional<String> name(Fields f) {
        return f.string("name", 1, 128).filter(n -> {
            boolean ok = n.chars().allMatch(c -> c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E));
            if (!ok) {
                f.invalid("name", "matches_regex", "must be printable ASCII without spaces, '\"' or '\\' (RFC 6749 scope-token)");
            }
            return ok;
        });
    }
}
