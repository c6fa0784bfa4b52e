/**
 * INSERT OVERWRITE INTO t …: Snowflake truncates the target and inserts, inside the statement's
 * transaction. The transpiler prints Hive's `INSERT OVERWRITE TABLE t`, which DuckDB rejects; the
 * statement runs as a DELETE of every row of the target and the plain INSERT, both in one
 * transaction.
 */

const OVERWRITE =
  /^(\s*)INSERT\s+OVERWRITE\s+(?:TABLE\s+|INTO\s+)?((?:"(?:[^"]|"")*"|[^\s("]+)(?:\.(?:"(?:[^"]|"")*"|[^\s(".]+))*)/i;

/** The two DuckDB statements of an INSERT OVERWRITE, or null for any other statement. */
export function splitOverwrite(duckSql: string): { clear: string; insert: string } | null {
  const m = OVERWRITE.exec(duckSql);
  if (!m) return null;
  const target = m[2] as string;
  return {
    clear: `DELETE FROM ${target}`,
    insert: `${m[1]}INSERT INTO ${target}${duckSql.slice(m[0].length)}`,
  };
}
