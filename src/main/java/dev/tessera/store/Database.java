package dev.tessera.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tessera.config.ConfigException;
import dev.tessera.config.TesseraConfig;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Opens the configured database (an SQLite file in the data directory by default, or
 * PostgreSQL by URL), applies the Flyway migrations and hands out {@link Jdbc}.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL}: a commit is on disk before the
 * call returns, so a response the API sent survives {@code kill -9} and power loss.
 * Write transactions start with {@code BEGIN IMMEDIATE} so concurrent writers queue on the
 * busy timeout instead of failing with "database is locked".
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    static final int CONNECTION_TIMEOUT_MILLIS = 2_000;
    /** Below this much free space on an SQLite database's file system, writes are refused as unavailable. */
    static final long SQLITE_MIN_FREE_BYTES = 256 * 1024;

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final Jdbc jdbc;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.jdbc = new Jdbc(dataSource, dialect);
    }

    public static Database open(TesseraConfig config) {
        String url = config.databaseUrl().orElseGet(() -> sqliteUrl(config.dataDir()));
        Dialect dialect = Dialect.of(url);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setPoolName("tessera-db");
        // A request waits at most this long for a connection: with the database down, requests fail
        // with 503 after two seconds instead of piling up behind the pool.
        hc.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        // Checking an idle connection must not take longer than the wait itself (a silent server).
        hc.setValidationTimeout(1_000);
        if (dialect == Dialect.SQLITE) {
            hc.setMaximumPoolSize(8);
            hc.addDataSourceProperty("journal_mode", "WAL");
            hc.addDataSourceProperty("synchronous", config.sqliteSynchronous());
            hc.addDataSourceProperty("foreign_keys", "true");
            hc.addDataSourceProperty("busy_timeout", Integer.toString(ConnectionLimits.SQLITE_DEFAULT_BUSY_MILLIS));
            hc.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        } else {
            hc.setMaximumPoolSize(16);
            // Bounds for an unreachable or silent server (parameters in the URL take precedence).
            hc.addDataSourceProperty("connectTimeout", "2");
            hc.addDataSourceProperty("socketTimeout", "30");
        }
        try {
            HikariDataSource ds = new HikariDataSource(hc);
            return new Database(ds, dialect);
        } catch (RuntimeException e) {
            throw new ConfigException("cannot open database " + redact(url) + ": " + rootMessage(e));
        }
    }

    /**
     * SQLite gives the -wal and -shm files the database file's permissions, so creating the
     * database file 0600 first (and tightening the three files if they exist) keeps all of them private.
     */
    private static String sqliteUrl(Path dataDir) {
        Path db = dataDir.resolve("tessera.db");
        try {
            PrivateFiles.directory(dataDir);
            PrivateFiles.file(db);
            for (String suffix : new String[]{"-wal", "-shm"}) {
                Path companion = dataDir.resolve("tessera.db" + suffix);
                if (Files.exists(companion)) {
                    PrivateFiles.tighten(companion);
                }
            }
        } catch (IOException e) {
            throw new ConfigException("cannot create data directory " + dataDir + ": " + e.getMessage());
        }
        return "jdbc:sqlite:" + db.toAbsolutePath();
    }

    /** The newest migration in {@code db/migration}; a test keeps the two in step. */
    public static final int SCHEMA_VERSION = 9;

    /**
     * Applies pending migrations; safe to run on every start and from several nodes at once.
     * When the database already has the newest version, Flyway (whose class-path scan costs a
     * few hundred milliseconds of start-up) is not started at all.
     */
    public void migrate() {
        if (appliedVersion() == SCHEMA_VERSION) {
            return;
        }
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .loggers("slf4j")
                .load();
        int applied = flyway.migrate().migrationsExecuted;
        if (applied > 0) {
            log.info("applied {} database migration(s) on {}", applied, dialect.name().toLowerCase());
        }
    }

    /** The highest successfully applied migration, or -1 on a new database. */
    int appliedVersion() {
        try (Connection c = dataSource.getConnection();
             var rs = c.createStatement().executeQuery(
                     "SELECT version FROM flyway_schema_history WHERE success = " + (dialect == Dialect.SQLITE ? "1" : "true"))) {
            int max = -1;
            while (rs.next()) {
                try {
                    max = Math.max(max, Integer.parseInt(rs.getString(1)));
                } catch (NumberFormatException ignored) {
                    // baseline or repeatable rows carry no number
                }
            }
            return max;
        } catch (SQLException e) {
            return -1; // no history table yet
        }
    }

    /**
     * Proves that a write could be committed now: a connection answers, the write lock can be taken
     * within {@code millis} (SQLite: another process may hold it), and an SQLite file system has
     * room. Throws {@link DatabaseUnavailableException} (or the SQL error) otherwise.
     */
    public void probeWrite(int millis) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            checkFreeSpace();
        }
        Connection c = dataSource.getConnection();
        try {
            ConnectionLimits.limit(c, dialect, millis);
            // SQLite begins the transaction IMMEDIATE, i.e. takes the write lock, here.
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                s.execute("SELECT 1");
            }
            c.setAutoCommit(true); // ends the empty transaction
            ConnectionLimits.reset(c, dialect);
            c.close();
        } catch (SQLException | RuntimeException e) {
            PooledConnections.discard(dataSource, c);
            throw e;
        }
    }

    private void checkFreeSpace() {
        String url = dataSource.getJdbcUrl();
        String file = url.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        if (query >= 0) {
            file = file.substring(0, query);
        }
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        try {
            long free = Files.getFileStore(Path.of(file).toAbsolutePath().getParent()).getUsableSpace();
            if (free < SQLITE_MIN_FREE_BYTES) {
                throw new DatabaseUnavailableException("the database's file system is full (" + free + " bytes free)");
            }
        } catch (IOException e) {
            throw new DatabaseUnavailableException("cannot check free space for " + file + ": " + e.getMessage(), e);
        }
    }

    public boolean isReachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    public Jdbc jdbc() {
        return jdbc;
    }

    /** The JDBC URL, for a connection of its own outside the pool (the change listener). */
    public String jdbcUrl() {
        return dataSource.getJdbcUrl();
    }

    public Dialect dialect() {
        return dialect;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage();
    }
}
