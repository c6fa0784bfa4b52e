/**
 * Tie-breakers for the rewrites that number rows with ROW_NUMBER() before handing them to code
 * outside DuckDB (MATCH_RECOGNIZE, JavaScript UDTF partitions): rows equal on the written ORDER BY
 * are ordered by their other columns so that the numbering, and so the result, is the same each run.
 */
import type { ResultColumn } from "./types.js";

/** Column types DuckDB orders reliably; the others (VARIANT, ARRAY, OBJECT …) are left out. */
const ORDERABLE = new Set<ResultColumn["type"]>([
  "fixed",
  "real",
  "text",
  "boolean",
  "date",
  "time",
  "timestamp_ntz",
  "timestamp_ltz",
  "timestamp_tz",
  "binary",
]);

/** The ORDER BY keys that break ties: each orderable column, quoted, qualified by `qualifier` when given. */
export function tieBreakers(
  columns: readonly Pick<ResultColumn, "name" | "type">[],
  qualifier?: string | null,
): string[] {
  return columns
    .filter((c) => ORDERABLE.has(c.type))
    .map((c) => `${qualifier ? `${qualifier}.` : ""}"${c.name.replaceAll('"', '""')}"`);
}
