package dev.tessera.token;

import java.util.List;
import java.util.UUID;

/** What is recorded of every issued access token: never the token itself. */
public record TokenRecord(
        UUID authServerId,
        UUID id,
        String clientId,
        List<String> grantedScopeNames,
        long createdAt,
        long expiresAt) {
}
