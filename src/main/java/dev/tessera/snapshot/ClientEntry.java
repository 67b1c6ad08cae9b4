package dev.tessera.snapshot;

import dev.tessera.client.Client;
import dev.tessera.client.ClientSecret;

import java.util.List;
import java.util.Map;

/**
 * A client as the token endpoint needs it: its settings, enabled secret hashes and template
 * context, and for a {@code client_secret_jwt} client its enabled secrets' encrypted copies.
 */
public record ClientEntry(Client client, List<String> secretHashes, Map<String, Object> templateContext,
                          List<ClientSecret> sealedSecrets) {

    public ClientEntry {
        sealedSecrets = List.copyOf(sealedSecrets);
    }

    /** A client without sealed secrets. */
    public ClientEntry(Client client, List<String> secretHashes, Map<String, Object> templateContext) {
        this(client, secretHashes, templateContext, List.of());
    }
}
