package dev.tessera.token;

import dev.tessera.client.Client;
import dev.tessera.scope.Scope;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which scopes a client gets (DESIGN §3): requested ⊆ (allowed ∩ enabled), else
 * {@code invalid_scope}; with nothing requested, the enabled default scopes it is allowed.
 */
public final class ScopePolicy {
    private ScopePolicy() {
    }

    /** The outcome: the granted scopes, or the first requested name that was refused. */
    public record Decision(List<Scope> granted, String refused) {
        public boolean ok() {
            return refused == null;
        }
    }

    public static boolean allowed(Client client, Scope scope) {
        return scope.enabled() && (client.allowAllScopes() || client.allowScopes().contains(scope.id()));
    }

    /**
     * @param requested    the scope names the request named, in order; empty when it named none
     * @param scopesByName every scope of the auth server
     * @param inOrder      every scope of the auth server in creation order (for defaults)
     */
    public static Decision decide(Client client, Collection<String> requested, Map<String, Scope> scopesByName,
                                  List<Scope> inOrder) {
        List<Scope> granted = new ArrayList<>();
        if (requested.isEmpty()) {
            for (Scope s : inOrder) {
                if (s.isDefault() && allowed(client, s)) {
                    granted.add(s);
                }
            }
            return new Decision(List.copyOf(granted), null);
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String name : requested) {
            if (!seen.add(name)) {
                continue;
            }
            Scope s = scopesByName.get(name);
            if (s == null || !allowed(client, s)) {
                return new Decision(List.of(), name);
            }
            granted.add(s);
        }
        return new Decision(List.copyOf(granted), null);
    }

    /** Splits a {@code scope} parameter (space-delimited, RFC 6749 §3.3). */
    public static List<String> split(String scope) {
        List<String> out = new ArrayList<>();
        for (String part : scope.split(" ")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }
}
