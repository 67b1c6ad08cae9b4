package dev.tessera.authserver;

import java.util.Optional;

/**
 * Where an auth server's issuer lives: {@code {public_url}/{slug}/auth} by default, or
 * {@code https://{slug}.{issuer_domain}/auth} when host-based issuers are configured.
 */
public final class Issuers {
    private final java.util.function.Supplier<String> publicUrl;
    private final Optional<String> issuerDomain;

    /** {@code publicUrl} is a supplier because with port 0 it is known only once the server listens. */
    public Issuers(java.util.function.Supplier<String> publicUrl, Optional<String> issuerDomain) {
        this.publicUrl = publicUrl;
        this.issuerDomain = issuerDomain;
    }

    public String issuer(String slug) {
        return issuerDomain.map(d -> "https://" + slug + "." + d + "/auth").orElseGet(() -> publicUrl.get() + "/" + slug + "/auth");
    }

    public String metadataUri(String slug) {
        return issuer(slug) + "/.well-known/openid-configuration";
    }

    public String jwksUri(String slug) {
        return issuer(slug) + "/.well-known/jwks";
    }

    public Optional<String> issuerDomain() {
        return issuerDomain;
    }
}
