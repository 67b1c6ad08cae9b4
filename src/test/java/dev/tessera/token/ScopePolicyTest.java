package dev.tessera.token;

import dev.tessera.client.Client;
import dev.tessera.scope.Scope;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ScopePolicyTest {
    private static final UUID SERVER = UUID.randomUUID();
    private final Scope read = scope("read", false, true);
    private final Scope write = scope("write", true, true);
    private final Scope admin = scope("admin", true, true);
    private final Scope disabled = scope("disabled", true, false);
    private final List<Scope> all = List.of(read, write, admin, disabled);
    private final Map<String, Scope> byName = new HashMap<>();

    {
        all.forEach(s -> byName.put(s.name(), s));
    }

    private static Scope scope(String name, boolean isDefault, boolean enabled) {
        return new Scope(SERVER, UUID.randomUUID(), name, "", isDefault, false, enabled, 0, 0);
    }

    private static Client client(boolean allowAll, List<UUID> allowed) {
        return new Client(SERVER, "c", "c", List.of("client_credentials"), List.of("token"), List.of(), null, 300, 300,
                allowAll, allowed, Map.of(), "client_secret_post", null, null, 0, 0);
    }

    private List<String> granted(Client c, List<String> requested) {
        ScopePolicy.Decision d = ScopePolicy.decide(c, requested, byName, all);
        assertThat(d.ok()).isTrue();
        return d.granted().stream().map(Scope::name).toList();
    }

    @Test
    void requestedScopesMustBeAllowedAndEnabled() {
        Client c = client(false, List.of(read.id(), write.id(), disabled.id()));
        assertThat(granted(c, List.of("write", "read"))).containsExactly("write", "read");
        assertThat(ScopePolicy.decide(c, List.of("read", "admin"), byName, all).refused()).isEqualTo("admin");
        assertThat(ScopePolicy.decide(c, List.of("disabled"), byName, all).refused()).isEqualTo("disabled");
        assertThat(ScopePolicy.decide(c, List.of("nope"), byName, all).refused()).isEqualTo("nope");
    }

    @Test
    void withoutARequestTheAllowedEnabledDefaultsAreGranted() {
        assertThat(granted(client(false, List.of(read.id(), write.id(), disabled.id())), List.of())).containsExactly("write");
        assertThat(granted(client(true, List.of()), List.of())).containsExactly("write", "admin");
        assertThat(granted(client(false, List.of()), List.of())).isEmpty();
    }

    @Test
    void allowAllScopesStillExcludesDisabledOnes() {
        Client c = client(true, List.of());
        assertThat(granted(c, List.of("admin", "read"))).containsExactly("admin", "read");
        assertThat(ScopePolicy.decide(c, List.of("disabled"), byName, all).ok()).isFalse();
    }

    @Test
    void repeatedNamesAreGrantedOnceAndSplittingIgnoresExtraSpaces() {
        Client c = client(true, List.of());
        assertThat(granted(c, ScopePolicy.split("  read  read write "))).containsExactly("read", "write");
        assertThat(ScopePolicy.split("")).isEmpty();
    }
}
