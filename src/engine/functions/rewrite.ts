/**
 * Text rewrites around the transpiler, done on tokens so strings and comments are never touched.
 * - before translation (Snowflake SQL): calls the transpiler gets wrong are renamed to `MERC_*`
 *   macros it passes through untouched;
 * - after translation (DuckDB SQL): constructs DuckDB lacks and a macro cannot express (window
 *   functions, keyword calls) are spelled out.
 */
import {
  applyEdits,
  type Edit,
  findCalls,
  lex,
  overClauseEnd,
  quoteLiteral,
  stringLiteralValue,
} from "./calls.js";
import { isDateTimeFormat, snowflakeFormatToStrftime } from "./formats.js";

const BEFORE_NAMES = new Set(["TO_CHAR", "TO_VARCHAR"]);
const AFTER_NAMES = new Set(["RATIO_TO_REPORT", "CURRENT_TIMESTAMP", "LOCALTIMESTAMP"]);

/** Fix-ups on Snowflake SQL before it goes to the transpiler. Returns the input when nothing applies. */
export function rewriteBeforeTranslate(sql: string): string {
  if (!/TO_CHAR|TO_VARCHAR/i.test(sql)) return sql;
  const lexed = lex(sql, true);
  const edits: Edit[] = [];
  for (const call of findCalls(lexed, BEFORE_NAMES)) {
    const format = stringLiteralValue(sql, call.args[1]?.token ?? null);
    if (call.args.length !== 2 || format === null || !isDateTimeFormat(format)) continue;
    const pattern = snowflakeFormatToStrftime(format);
    if (pattern === null) continue;
    edits.push({ start: call.nameStart, end: call.nameEnd, text: "MERC_TO_CHAR" });
    edits.push({ start: call.args[1]!.start, end: call.args[1]!.end, text: quoteLiteral(pattern) });
  }
  return edits.length === 0 ? sql : applyEdits(sql, edits).sql;
}

/** Fix-ups on the transpiler's DuckDB SQL. Returns the input when nothing applies. */
export function rewriteAfterTranslate(sql: string): string {
  if (!/RATIO_TO_REPORT|CURRENT_TIMESTAMP|LOCALTIMESTAMP/i.test(sql)) return sql;
  let current = sql;
  // Nested occurrences overlap their outer edit; each pass rewrites the outermost ones.
  for (let pass = 0; pass < 8; pass++) {
    const lexed = lex(current, false);
    const edits: Edit[] = [];
    for (const call of findCalls(lexed, AFTER_NAMES)) {
      if (call.name === "RATIO_TO_REPORT") {
        const over = overClauseEnd(lexed, call.after);
        const arg = call.args[0];
        if (!over || !arg || call.args.length !== 1) continue;
        const window = current.slice(over.start, over.end);
        edits.push({
          start: call.nameStart,
          end: over.end,
          text: `(CAST((${arg.text}) AS DOUBLE) / NULLIF(SUM(${arg.text}) ${window}, 0))`,
        });
      } else if (call.args.length === 0) {
        edits.push({ start: call.nameStart, end: call.end, text: call.name });
      }
    }
    if (edits.length === 0) break;
    const applied = applyEdits(current, edits);
    current = applied.sql;
    if (applied.skipped === 0) break;
  }
  return current;
}
