package dev.gust.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gust.store.GustStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite file behind a pool of connections. SQLite allows one writer at a time: write
 * transactions are serialised here (and begin IMMEDIATE, so another process waits on the busy
 * timeout instead of failing on a lock upgrade); reads run concurrently thanks to WAL.
 * Thread-safe.
 */
final class Database implements AutoCloseable {
    static final int BUSY_TIMEOUT_MS = 10_000;
    private static final int POOL_SIZE = 4;

    private final Path file;
    private final HikariDataSource pool;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile boolean closed;

    /** Work against one connection. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    private Database(Path file, HikariDataSource pool) {
        this.file = file;
        this.pool = pool;
    }

    /**
     * Opens (creating when needed) the database file and migrates its schema.
     *
     * @param file the SQLite file
     * @return the open database
     */
    static Database open(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        createParent(abs);
        HikariDataSource pool = connect(abs);
        try {
            migrate(pool);
        } catch (FlywayException e) {
            pool.close();
            throw new GustStoreException("could not migrate the schema of " + abs + ": " + e.getMessage(), e);
        }
        return new Database(abs, pool);
    }

    private static HikariDataSource connect(Path abs) {
        try {
            return new HikariDataSource(poolConfig(abs));
        } catch (RuntimeException e) {
            throw new GustStoreException("could not open the database " + abs + ": " + e.getMessage(), e);
        }
    }

    private static void createParent(Path abs) {
        try {
            Files.createDirectories(abs.getParent());
        } catch (IOException e) {
            throw new GustStoreException("could not create the directory of " + abs + ": " + e.getMessage(), e);
        }
    }

    private static HikariConfig poolConfig(Path file) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(BUSY_TIMEOUT_MS);
        sqlite.enforceForeignKeys(true);
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl("jdbc:sqlite:" + file);
        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setPoolName("gust-store-sqlite");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(BUSY_TIMEOUT_MS * 3L);
        return config;
    }

    private static void migrate(HikariDataSource pool) {
        Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration/sqlite")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    /** Runs read-only work on a pooled connection in auto-commit mode. */
    <T> T read(Work<T> work) {
        checkOpen();
        try (Connection c = pool.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** Runs work in one write transaction: all of it commits, or none of it. */
    <T> T write(Work<T> work) {
        checkOpen();
        writeLock.lock();
        try (Connection c = pool.getConnection()) {
            return inTransaction(c, work);
        } catch (SQLException e) {
            throw failure("write", e);
        } finally {
            writeLock.unlock();
        }
    }

    private static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.apply(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private GustStoreException failure(String what, SQLException e) {
        return new GustStoreException("could not " + what + " " + file + ": " + e.getMessage(), e);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the store " + file + " is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
        pool.close();
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
