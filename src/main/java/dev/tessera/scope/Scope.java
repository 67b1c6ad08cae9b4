package dev.tessera.scope;

import java.util.UUID;

/** A scope of one auth server; {@code name} is what clients request and tokens carry. */
public record Scope(
        UUID authServerId,
        UUID id,
        String name,
        String description,
        boolean isDefault,
        boolean includeInMetadata,
        boolean enabled,
        long createdAt,
        long updatedAt) {
}
