package dev.troupe.persistence.internal;

import java.sql.SQLException;
import java.util.function.Predicate;

/**
 * What differs between the JDBC stores once their SQL is shared.
 *
 * @param storeName the name used in messages, e.g. "SQLite store"
 * @param isDuplicateKey whether an exception is a violated primary key or unique constraint
 * @param beginGroup runs first in each write group's transaction
 */
public record JdbcDialect(String storeName, Predicate<SQLException> isDuplicateKey, SqlWork<?> beginGroup) {}
