package dev.tessera.snapshot;

import dev.tessera.claim.Claim;
import dev.tessera.template.ClaimTemplate;

/**
 * A claim with its value parsed once, so a token request only evaluates it. {@code error} is
 * set (and {@code template} null) for a stored value that no longer parses; a token that
 * would carry it is refused rather than issued without it.
 */
public record CompiledClaim(Claim claim, ClaimTemplate template, String error) {
}
