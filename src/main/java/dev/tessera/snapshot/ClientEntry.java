package dev.tessera.snapshot;

import dev.tessera.client.Client;

import java.util.List;
import java.util.Map;

/** A client as the token endpoint needs it: its settings, enabled secret hashes and template context. */
public record ClientEntry(Client client, List<String> secretHashes, Map<String, Object> templateContext) {
}
