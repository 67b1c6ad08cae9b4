package dev.tessera.admin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditedResourceTest {
    private static final String AS = "/v1/auth-servers/{authServerId}";

    @Test
    void theResourceIsTheLastCollectionAndItsId() {
        assertThat(AuditedResource.of("/v1/auth-servers", "/v1/auth-servers"))
                .isEqualTo(new AuditedResource("auth_server", null, null));
        assertThat(AuditedResource.of(AS, "/v1/auth-servers/a1"))
                .isEqualTo(new AuditedResource("auth_server", "a1", "a1"));
        assertThat(AuditedResource.of(AS + "/clients/{clientId}/secrets/{clientSecretId}", "/v1/auth-servers/a1/clients/c1/secrets/s1/"))
                .isEqualTo(new AuditedResource("client_secret", "s1", "a1"));
        assertThat(AuditedResource.of(AS + "/clients/{clientId}/tokens", "/v1/auth-servers/a1/clients/c1/tokens"))
                .isEqualTo(new AuditedResource("token", null, "a1"));
        assertThat(AuditedResource.of("/v1/admin-tokens/{adminTokenId}", "/v1/admin-tokens/t1"))
                .isEqualTo(new AuditedResource("admin_token", "t1", null));
    }

    @Test
    void anActionAfterAResourceIsAChangeToThatResource() {
        assertThat(AuditedResource.of(AS + "/clients/{clientId}/rotate", "/v1/auth-servers/a1/clients/c1/rotate"))
                .isEqualTo(new AuditedResource("client", "c1", "a1"));
        assertThat(AuditedResource.of(AS + "/keys/rotate", "/v1/auth-servers/a1/keys/rotate"))
                .isEqualTo(new AuditedResource("signing_key", null, "a1"));
        assertThat(AuditedResource.of(AS + "/widgets", "/v1/auth-servers/a1/widgets"))
                .isEqualTo(new AuditedResource("widget", null, "a1"));
    }
}
