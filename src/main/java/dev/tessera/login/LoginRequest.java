package dev.tessera.login;

import java.util.UUID;

/** A stored login request: the authorization request waiting for the login application's decision. */
public record LoginRequest(
        UUID authServerId,
        String clientId,
        AuthorizationRequest request,
        long createdAt,
        long expiresAt,
        Long decidedAt) {
}
