/** SQL text helpers used by the template helpers: identifier quoting and string literals. */

/** Snowflake's reserved keywords: as identifiers they must be quoted. */
const RESERVED = new Set(
  (
    "ALL ALTER AND ANY AS BETWEEN BY CASE CAST CHECK COLUMN CONNECT CONNECTION CONSTRAINT CREATE CROSS CURRENT " +
    "CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER DATABASE DELETE DISTINCT DROP ELSE EXISTS FALSE " +
    "FOLLOWING FOR FROM FULL GRANT GROUP GSCLUSTER HAVING ILIKE IN INCREMENT INNER INSERT INTERSECT INTO IS ISSUE " +
    "JOIN LATERAL LEFT LIKE LOCALTIME LOCALTIMESTAMP MINUS NATURAL NOT NULL OF ON OR ORDER ORGANIZATION QUALIFY " +
    "REGEXP REVOKE RIGHT RLIKE ROW ROWS SAMPLE SCHEMA SELECT SET SOME START TABLE TABLESAMPLE THEN TO TRIGGER TRUE " +
    "TRY_CAST UNION UNIQUE UPDATE USING VALUES VIEW WHEN WHENEVER WHERE WINDOW WITH"
  ).split(" "),
);

/**
 * Quotes one identifier part for Snowflake. Upper-case names that are valid unquoted identifiers and
 * not reserved words are left as they are (Snowflake stores unquoted names upper-case, so `RAW` and
 * `"RAW"` are the same object); anything else is double-quoted with `"` doubled, which keeps its case.
 */
export function quoteIdentifier(name: string): string {
  if (/^[A-Z_][A-Z0-9_$]*$/.test(name) && !RESERVED.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes and joins the parts of a qualified name: `MERCURIOS_DATA.RAW."sales"`. */
export function qualifiedName(parts: readonly string[]): string {
  return parts.map(quoteIdentifier).join(".");
}

/**
 * A Snowflake single-quoted string literal. Snowflake treats backslash as an escape character inside
 * single quotes, so both `\` and `'` are escaped.
 */
export function sqlString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** A SQL literal for a scalar: strings quoted, numbers and booleans as they are, null as NULL. */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return sqlString(String(value));
}
