/**
 * Inline masking policies: `CREATE TABLE t (c type WITH MASKING POLICY p [USING (c, …)])` and the
 * same clause in a view's column list. The transpiler does not parse the clause, so it is cut out
 * of the column definitions and handed to the catalog as `ALTER … MODIFY COLUMN c SET MASKING
 * POLICY …` once the object exists.
 */
import type { QualifiedName } from "../hooks.js";
import { normaliseIdentifier } from "../identifiers.js";
import type { StatementContext } from "../session.js";
import { display } from "./relations.js";

/** A column's masking clause: the column and the text after `MASKING POLICY`. */
export interface InlineMask {
  column: string;
  clause: string;
}

const PART = String.raw`(?:"(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_$]*)`;
const CLAUSE = new RegExp(
  String.raw`\s+(?:WITH\s+)?MASKING\s+POLICY\s+(${PART}(?:\s*\.\s*${PART}){0,2}(?:\s+USING\s*\([^)]*\))?)`,
  "i",
);

/** Splits column definitions at top-level commas (outside parentheses, strings and quotes). */
function splitDefinitions(defs: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < defs.length; i++) {
    const ch = defs[i]!;
    if (ch === "'" || ch === '"') {
      const close = defs.indexOf(ch, i + 1);
      i = close < 0 ? defs.length : close;
    } else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "," && depth === 0) {
      out.push(defs.slice(start, i));
      start = i + 1;
    }
  }
  out.push(defs.slice(start));
  return out;
}

/** The column definitions without their masking clauses, and the clauses. */
export function withoutInlineMasks(defs: string): { defs: string; masks: InlineMask[] } {
  if (!/MASKING\s+POLICY/i.test(defs)) return { defs, masks: [] };
  const masks: InlineMask[] = [];
  const parts = splitDefinitions(defs).map((def) => {
    const m = CLAUSE.exec(def);
    if (!m) return def;
    const first = /^\s*("(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_$]*)/.exec(def);
    if (first) {
      const written = first[1]!;
      const quoted = written.startsWith('"');
      const column = normaliseIdentifier(quoted ? written.slice(1, -1).replace(/""/g, '"') : written, quoted);
      masks.push({ column, clause: m[1]! });
    }
    return def.slice(0, m.index) + def.slice(m.index + m[0].length);
  });
  return { defs: parts.join(","), masks };
}

/** Sets each inline masking policy on the new table or view (the catalog checks and stores it). */
export async function setInlineMasks(
  ctx: StatementContext,
  kind: "TABLE" | "VIEW",
  name: QualifiedName,
  masks: readonly InlineMask[],
): Promise<void> {
  for (const m of masks)
    await ctx.engine.catalog.tryExecute(
      ctx.session.hookContext(),
      `ALTER ${kind} ${display(name)} MODIFY COLUMN "${m.column.replace(/"/g, '""')}" SET MASKING POLICY ${m.clause}`,
    );
}
