package dev.tessera.faults;

import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;
import dev.tessera.support.TestServer;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client deleted in the database (by another node whose change has not arrived yet) while this
 * node's snapshot still knows it: its token cannot be recorded, and the answer says why.
 */
class DeletedClientTokenTest {

    @BothBackends
    void aTokenForAClientDeletedBehindTheSnapshotIsInvalidClient(Backend backend) {
        TestServer server = Servers.get(backend);
        OAuthFixture f = new OAuthFixture(server, "http://api.test").client(List.of(), Map.of());
        f.accessToken(null); // loads the auth server's snapshot, which now knows the client
        // Straight in the database: no change event, so the snapshot still authenticates the client.
        int deleted = server.app().database().jdbc().update("DELETE FROM clients WHERE auth_server_id = ? AND id = ?",
                f.serverId, f.clientId);
        assertThat(deleted).isEqualTo(1);

        var r = f.tokenPost(null);

        assertThat(r.status()).as(r.toString()).isEqualTo(401);
        assertThat(r.text("error")).isEqualTo("invalid_client");
        assertThat(server.app().database().jdbc().count("SELECT COUNT(*) FROM tokens WHERE client_id = ?", f.clientId))
                .isZero();
    }
}
