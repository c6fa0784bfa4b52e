/**
 * How a TIMESTAMP_TZ lives in DuckDB (docs/decisions/007-timestamp-tz-storage.md): DuckDB's
 * TIMESTAMPTZ keeps an instant but no offset, so a TIMESTAMP_TZ is a struct of the UTC wall-clock
 * time and the offset in minutes. Field order makes ORDER BY, MIN and MAX follow the instant.
 */

/** The DuckDB type of a TIMESTAMP_TZ value (column definitions, casts, macro parameters). */
export const TZ_DUCK_TYPE = "STRUCT(merc_tz_utc TIMESTAMP, merc_tz_offset SMALLINT)";

/** True for a DuckDB type text that is the TIMESTAMP_TZ struct (DuckDB quotes the field names). */
export function isTzDuckType(duckType: string): boolean {
  return /^STRUCT\("?merc_tz_utc"? TIMESTAMP, "?merc_tz_offset"? SMALLINT\)$/i.test(duckType.trim());
}
