package dev.troupe.persistence.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.troupe.persistence.PersistenceFailureException;
import dev.troupe.persistence.PostgresSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Opens a PostgreSQL store: the pool, the schema (if the settings say so) and the check that it exists. */
public final class PostgresConnections {
    private PostgresConnections() {}

    /** The migration script, in this module's jar. */
    public static final String SCHEMA_SCRIPT = "/db/postgres/V1__troupe_journal.sql";

    /**
     * The key of the advisory lock each write transaction takes first (the letters "troupe"): it puts the
     * transactions of every writer of the database in one order, the order of their offsets.
     */
    private static final long WRITE_LOCK = 0x74726f757065L;

    private static final List<String> TABLES =
            List.of("event_journal", "event_tag", "journal_metadata", "snapshot_store", "projection_offset");

    static final JdbcDialect DIALECT = new JdbcDialect("PostgreSQL store", PostgresConnections::isUniqueViolation,
            PostgresConnections::lockWrites);

    /** The parts of a store on the server of {@code settings}. Blocks while it connects. */
    public static JdbcParts open(PostgresSettings settings) {
        HikariDataSource pool = pool(settings);
        try {
            if (settings.createSchema()) {
                applySchema(pool);
            }
            checkSchema(pool);
        } catch (SQLException | IOException | RuntimeException e) {
            pool.close();
            throw new PersistenceFailureException("Could not open the PostgreSQL store at " + settings.jdbcUrl()
                    + ": " + e.getMessage(), e);
        }
        return JdbcParts.start(ConnectionSource.pooled(pool), ConnectionSource.pooled(pool),
                settings.readConnections(), settings.maxGroupSize(), settings.serializer(), DIALECT,
                "troupe-postgres");
    }

    private static HikariDataSource pool(PostgresSettings settings) {
        try {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(settings.jdbcUrl());
            config.setUsername(settings.user());
            config.setPassword(settings.password());
            config.setMaximumPoolSize(settings.readConnections() + 1);
            config.setPoolName("troupe-postgres");
            return new HikariDataSource(config);
        } catch (NoClassDefFoundError e) {
            throw new PersistenceFailureException("PostgresStore needs com.zaxxer:HikariCP and "
                    + "org.postgresql:postgresql on the class path; troupe-persistence declares them optional, so "
                    + "add both to your build", e);
        } catch (RuntimeException e) {
            throw new PersistenceFailureException("Could not connect to PostgreSQL at " + settings.jdbcUrl()
                    + " as " + settings.user() + ": " + e.getMessage()
                    + (e.getMessage() != null && e.getMessage().contains("suitable driver")
                            ? " (is org.postgresql:postgresql on the class path?)" : ""), e);
        }
    }

    private static void applySchema(HikariDataSource pool) throws SQLException, IOException {
        String script;
        try (InputStream in = PostgresConnections.class.getResourceAsStream(SCHEMA_SCRIPT)) {
            if (in == null) {
                throw new IOException("The schema script " + SCHEMA_SCRIPT + " is missing from the jar");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                lockWrites(connection); // two processes starting at once: one creates, the other finds
                statement.execute(script);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static void checkSchema(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            for (String table : TABLES) {
                query.setString(1, table);
                try (ResultSet result = query.executeQuery()) {
                    result.next();
                    if (!result.getBoolean(1)) {
                        throw new SQLException("the table " + table + " is missing: apply the schema script "
                                + SCHEMA_SCRIPT.substring(1)
                                + " (in troupe-persistence's jar, see docs/persistence.md) "
                                + "or open the store with PostgresSettings.withSchemaCreation(true)");
                    }
                }
            }
        }
    }

    private static Void lockWrites(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, WRITE_LOCK);
            lock.executeQuery().close();
        }
        return null;
    }

    /** SQLState 23505, unique_violation; a batch reports it on the exception it chains. */
    private static boolean isUniqueViolation(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if ("23505".equals(next.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
