package dev.tessera.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A thin layer over JDBC: explicit SQL, positional parameters, no reflection.
 * Reads run in auto-commit; {@link #inTransaction} commits once at the end.
 */
public final class Jdbc {
    private final DataSource dataSource;
    private final Dialect dialect;

    Jdbc(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** For the rare component that keeps a connection of its own (the token log writer). */
    public DataSource dataSource() {
        return dataSource;
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return withConnection(tx -> tx.query(sql, mapper, params));
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        return withConnection(tx -> tx.queryOne(sql, mapper, params));
    }

    public long count(String sql, Object... params) {
        return withConnection(tx -> tx.count(sql, params));
    }

    public int update(String sql, Object... params) {
        return withConnection(tx -> tx.update(sql, params));
    }

    /**
     * Several reads on one connection in auto-commit mode. No write transaction is opened, so
     * on SQLite a read never takes the write lock (write transactions begin IMMEDIATE).
     */
    public <T> T read(TxWork<T> work) {
        return withConnection(work);
    }

    /** Runs the work in one transaction; it is committed (durably) when this method returns. */
    public <T> T inTransaction(TxWork<T> work) {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw DataAccessException.from(e, dialect);
        }
        boolean reusable = false;
        try {
            c.setAutoCommit(false);
            try {
                T result = work.run(new Tx(c, dialect));
                commit(c);
                return result;
            } catch (RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } catch (SQLException e) {
                rollbackQuietly(c, e);
                throw DataAccessException.from(e, dialect);
            } finally {
                c.setAutoCommit(true);
                reusable = true;
            }
        } catch (SQLException e) {
            throw DataAccessException.from(e, dialect);
        } finally {
            // A connection whose begin, commit or reset failed goes, not back to the pool.
            if (reusable) {
                closeQuietly(c);
            } else {
                PooledConnections.discard(dataSource, c);
            }
        }
    }

    /**
     * Commits by switching auto-commit back on. The SQLite driver's {@code commit()} begins the
     * next transaction straight away, and when that begin finds the lock taken it throws although
     * the commit happened: the caller would report a failure for data that is stored.
     */
    public static void commit(Connection c) throws SQLException {
        c.setAutoCommit(true);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the pool has logged it
        }
    }

    public void execute(TxAction work) {
        inTransaction(tx -> {
            work.run(tx);
            return null;
        });
    }

    /** One statement in auto-commit mode on a pooled connection. */
    private <T> T withConnection(TxWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(new Tx(c, dialect));
        } catch (SQLException e) {
            throw DataAccessException.from(e, dialect);
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @FunctionalInterface
    public interface TxWork<T> {
        T run(Tx tx) throws SQLException;
    }

    @FunctionalInterface
    public interface TxAction {
        void run(Tx tx) throws SQLException;
    }
}
