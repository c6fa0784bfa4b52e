/**
 * A driven clock for SQL: when the catalog's clock is driven (tests, as metering uses it), the
 * current-time functions follow it too, so a view over CURRENT_DATE() gives a known answer. The
 * translated DuckDB SQL calls `merc_now()` instead of DuckDB's transaction time, and each statement
 * sets the session variable it reads. With the system clock nothing changes.
 */
import { tokenize } from "./split/index.js";

/** Installed once per engine: DuckDB's time unless a statement set the driven one. */
export const CLOCK_MACRO =
  "CREATE OR REPLACE MACRO merc_now() AS COALESCE(getvariable('merc_now'), get_current_timestamp())";

/** Run before a statement on the session's connection: the driven time, to the microsecond. */
export function setClockStatement(nowMs: number): string {
  return `SET VARIABLE merc_now = TIMESTAMPTZ '${new Date(nowMs).toISOString()}'`;
}

/** DuckDB's current-time keywords and calls, and what each becomes on the driven clock. */
const REPLACEMENTS: Record<string, string> = {
  CURRENT_TIMESTAMP: "merc_now()",
  NOW: "merc_now()",
  GET_CURRENT_TIMESTAMP: "merc_now()",
  TRANSACTION_TIMESTAMP: "merc_now()",
  CURRENT_DATE: "CAST(merc_now() AS DATE)",
  TODAY: "CAST(merc_now() AS DATE)",
  LOCALTIMESTAMP: "CAST(merc_now() AS TIMESTAMP)",
  // The context family's macros (functions/context-macros.ts) for CURRENT_TIMESTAMP / CURRENT_DATE.
  MERC_CURRENT_TIMESTAMP: "merc_now()",
  MERC_CURRENT_DATE: "CAST(merc_now() AS DATE)",
};

/** DuckDB SQL with its current-time keywords (bare or called with `()`) reading the driven clock. */
export function followDrivenClock(duckSql: string): string {
  if (!/CURRENT_|NOW|TODAY|LOCALTIMESTAMP|TRANSACTION_TIMESTAMP/i.test(duckSql)) return duckSql;
  const tokens = tokenize(duckSql, { backslashEscapes: false });
  let out = "";
  let at = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const replacement = t.kind === "word" ? REPLACEMENTS[t.upper ?? ""] : undefined;
    if (replacement === undefined) continue;
    // Not a column or function qualified by something (`t.now`), not a name being defined.
    const before = tokens[i - 1];
    if (before && duckSql.slice(before.start, before.end) === ".") continue;
    const open = tokens[i + 1];
    const close = tokens[i + 2];
    const called =
      open !== undefined &&
      close !== undefined &&
      duckSql.slice(open.start, open.end) === "(" &&
      duckSql.slice(close.start, close.end) === ")";
    // NOW, TODAY and the *_TIMESTAMP functions are calls; CURRENT_DATE / LOCALTIMESTAMP may be bare.
    if (!called && (t.upper === "NOW" || t.upper === "TODAY" || t.upper === "GET_CURRENT_TIMESTAMP"))
      continue;
    if (!called && t.upper === "TRANSACTION_TIMESTAMP") continue;
    const end = called ? close!.end : t.end;
    out += duckSql.slice(at, t.start) + replacement;
    at = end;
    if (called) i += 2;
  }
  return at === 0 ? duckSql : out + duckSql.slice(at);
}
