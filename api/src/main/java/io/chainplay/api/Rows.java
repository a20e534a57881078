package io.chainplay.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Null-safe column readers shared by the repositories. */
public final class Rows {

    private Rows() {}

    /** A {@code numeric(p,0)} column, exact. */
    public static BigInteger integer(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : value.toBigIntegerExact();
    }

    // pgjdbc maps timestamptz to OffsetDateTime (in UTC), not to Instant.
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    public static Long longOrNull(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, Long.class);
    }

    public static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, Integer.class);
    }

    public static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, Double.class);
    }

    /** A wallet or id parameter: checked as a Solana key, or a 400 with {@code code}. */
    public static String requireKey(String value, String code, String what) {
        if (value != null && !PublicKeys.isPublicKey(value)) {
            throw ApiException.badRequest(
                    code,
                    what
                            + " must be a Solana public key (base58 of 32 bytes), got "
                            + ApiException.quote(value));
        }
        return value;
    }
}
