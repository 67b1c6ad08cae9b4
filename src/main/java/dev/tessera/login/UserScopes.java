package dev.tessera.login;

import dev.tessera.client.Client;
import dev.tessera.scope.Scope;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.token.ScopePolicy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Scopes in user flows: the auth server's scopes as for client credentials (allowed ∩ enabled),
 * plus the OpenID scopes {@code openid} and {@code offline_access}, which every client may ask
 * for without the operator defining them (an auth server's own scope of that name wins).
 */
public final class UserScopes {
    public static final Set<String> BUILT_IN = Set.of("openid", "offline_access");

    private UserScopes() {
    }

    /** The scopes granted for these names, or the first name the client may not have. */
    public static ScopePolicy.Decision decide(AuthServerConfig server, Client client, List<String> names) {
        List<String> configured = new ArrayList<>();
        List<Scope> builtIn = new ArrayList<>();
        for (String name : names) {
            if (BUILT_IN.contains(name) && !server.scopesByName().containsKey(name)) {
                if (builtIn.stream().noneMatch(s -> s.name().equals(name))) {
                    builtIn.add(builtIn(server, name));
                }
            } else {
                configured.add(name);
            }
        }
        ScopePolicy.Decision d = configured.isEmpty() && !names.isEmpty()
                ? new ScopePolicy.Decision(List.of(), null)
                : ScopePolicy.decide(client, configured, server.scopesByName(), server.scopes());
        if (!d.ok()) {
            return d;
        }
        List<Scope> all = new ArrayList<>(builtIn);
        all.addAll(d.granted());
        return new ScopePolicy.Decision(List.copyOf(all), null);
    }

    public static Optional<String> firstNotIn(List<String> names, List<String> allowed) {
        return names.stream().filter(n -> !allowed.contains(n)).findFirst();
    }

    private static Scope builtIn(AuthServerConfig server, String name) {
        UUID id = UUID.nameUUIDFromBytes(("tessera-built-in-scope:" + name).getBytes(StandardCharsets.UTF_8));
        return new Scope(server.server().id(), id, name, "", false, false, true, 0, 0);
    }
}
