/**
 * SPLIT_TO_TABLE and STRTOK_SPLIT_TO_TABLE joined laterally to a relation, on the DuckDB text:
 * - SEQ numbers the input rows (the split_to_table page: 1, 2, 3 for the table's rows in order). A
 *   table macro cannot see its caller's rows, so when the input is a column of a base table the call
 *   gets that row's DuckDB rowid + 1 as its `input_seq` argument (functions/table-macros.ts); over a
 *   view, subquery or CTE, which have no row ids, SEQ stays 1;
 * - `LEFT JOIN LATERAL f(…)` without ON, which DuckDB cannot parse, joins like the comma form: the
 *   strtok_split_to_table page shows rows without tokens left out.
 */
import type { QualifiedName } from "./hooks.js";
import { encodeName } from "./identifiers.js";
import type { FoundRelation } from "./resolve.js";
import { type Token, tokenize } from "./split/index.js";

const SPLITTERS = new Set(["MERC_SPLIT_TO_TABLE", "MERC_STRTOK_SPLIT_TO_TABLE"]);

/** The DuckDB name a relation is referred to by in the statement: its alias, else its own name. */
function referenceName(relation: FoundRelation): string | null {
  const alias = (relation.holder as { alias?: unknown } | null)?.alias ?? relation.node.alias;
  const a = alias as { name?: unknown } | null | undefined;
  if (a && typeof a.name === "string") return a.name;
  return relation.holder === null ? null : encodeName(relation.name.name);
}

/** `"Q"."C"` -> Q, `"C"` -> "" (unqualified), anything else -> null. */
function qualifierOf(argument: string): string | null {
  const m = /^"((?:[^"]|"")*)"(?:\s*\.\s*"((?:[^"]|"")*)")?$/.exec(argument.trim());
  if (!m) return null;
  return m[2] === undefined ? "" : (m[1] as string).replaceAll('""', '"');
}

/** Applies both rules above; `isTable` says whether a relation is a base table. */
export function numberTableFunctionRows(
  duckSql: string,
  relations: readonly FoundRelation[],
  isTable: (relation: QualifiedName) => boolean,
): string {
  if (!/MERC_(STRTOK_)?SPLIT_TO_TABLE\s*\(/i.test(duckSql)) return duckSql;
  const sql = duckSql;
  const tokens = tokenize(sql, { backslashEscapes: false }).filter(
    (t) => t.kind !== "line-comment" && t.kind !== "block-comment",
  );
  const ch = (t: Token | undefined): string => (t && t.kind === "punct" ? (sql[t.start] as string) : "");
  const sources = relations.filter((r) => r.holder !== null);
  const edits: { start: number; end: number; text: string }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (!SPLITTERS.has(t.upper ?? "") || ch(tokens[i + 1]) !== "(") continue;
    // The call's first argument and closing parenthesis.
    let depth = 0;
    let firstEnd = -1;
    let close = -1;
    for (let j = i + 1; j < tokens.length; j++) {
      const c = ch(tokens[j]);
      if (c === "(") depth++;
      else if (c === ")" && --depth === 0) {
        close = j;
        break;
      } else if (c === "," && depth === 1 && firstEnd < 0) firstEnd = j;
    }
    if (close < 0 || firstEnd < 0) continue;
    const first = sql.slice((tokens[i + 2] as Token).start, (tokens[firstEnd - 1] as Token).end);
    const qualifier = qualifierOf(first);
    const source =
      qualifier === null
        ? undefined
        : qualifier === ""
          ? sources.length === 1
            ? sources[0]
            : undefined
          : sources.find((r) => referenceName(r) === qualifier);
    const name = source ? referenceName(source) : null;
    if (source && name !== null && isTable(source.name)) {
      const at = (tokens[close] as Token).start;
      edits.push({ start: at, end: at, text: `, input_seq := "${name.replaceAll('"', '""')}".rowid + 1` });
    }
    // `LEFT [OUTER] JOIN LATERAL f(…) [AS] [alias]` with no ON: the comma join's rows.
    const lateral = tokens[i - 1];
    if (lateral?.upper !== "LATERAL" || tokens[i - 2]?.upper !== "JOIN") continue;
    let after = close + 1;
    if (tokens[after]?.upper === "AS") after++;
    if (tokens[after]?.kind === "word" || tokens[after]?.kind === "quoted-identifier") {
      if (
        !["ON", "WHERE", "ORDER", "GROUP", "LIMIT", "QUALIFY", "HAVING"].includes(tokens[after]?.upper ?? "")
      )
        after++;
    }
    if (tokens[after]?.upper === "ON" || tokens[after]?.upper === "USING") continue;
    const join = tokens[i - 2] as Token;
    let left = i - 3;
    if (tokens[left]?.upper === "OUTER") left--;
    if (tokens[left]?.upper !== "LEFT") continue;
    edits.push({ start: (tokens[left] as Token).start, end: join.end, text: "CROSS JOIN" });
  }
  if (edits.length === 0) return duckSql;
  edits.sort((a, b) => b.start - a.start);
  let out = sql;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
