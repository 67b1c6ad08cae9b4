package dev.tessera.store;

import dev.tessera.support.Backend;
import dev.tessera.support.StorageFixture;
import dev.tessera.token.TokenRecord;
import dev.tessera.token.TokenRepository;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** SQLite: committed pages reach the database file off the commit path, and the WAL stays bounded. */
class WalCheckpointerTest {

    @Test
    void aPassiveCheckpointCopiesEveryCommittedPage() throws Exception {
        try (StorageFixture fx = StorageFixture.open(Backend.SQLITE)) {
            write(fx, 10, 20);
            // The background checkpointer stops first: a checkpoint running at the same moment would make ours busy.
            fx.database.checkpointer().close();

            WalCheckpointer.Result r = new WalCheckpointer(fx.database.dataSource()).runOnce();

            assertThat(r.walPages()).isPositive();
            assertThat(r.checkpointedPages()).isEqualTo(r.walPages());
        }
    }

    @Test
    void theWalStaysBoundedUnderManyCommitsAndTheBackgroundCheckpointsRun() throws Exception {
        try (StorageFixture fx = StorageFixture.open(Backend.SQLITE)) {
            long runsBefore = fx.database.checkpointer().runs();

            write(fx, 1_500, 10);

            // SQLite's automatic checkpoint (1,000 pages) still bounds it; a WAL that only grew would be far larger.
            Path wal = Path.of(fx.database.jdbcUrl().substring("jdbc:sqlite:".length()) + "-wal");
            assertThat(Files.size(wal)).isLessThan(8L * 1024 * 1024);
            assertThat(fx.jdbc.count("SELECT COUNT(*) FROM tokens")).isEqualTo(15_000);
            assertThat(fx.database.checkpointer().runs()).isGreaterThan(runsBefore);
        }
    }

    /** {@code commits} transactions of {@code perCommit} token records each, through the token log's writer. */
    private static void write(StorageFixture fx, int commits, int perCommit) throws Exception {
        UUID as = fx.authServerWithoutKey().id();
        String client = fx.client(as, "c").id();
        long now = Timestamps.nowMicros();
        try (TokenRepository.Writer w = new TokenRepository(fx.jdbc).openWriter()) {
            for (int i = 0; i < commits; i++) {
                List<TokenRecord> batch = new ArrayList<>();
                for (int j = 0; j < perCommit; j++) {
                    batch.add(new TokenRecord(as, UUID.randomUUID(), client, List.of("read"), now, now + 3_600_000_000L));
                }
                w.write(batch);
            }
        }
    }
}
