/**
 * Multi-table INSERT (`INSERT [OVERWRITE] { ALL | FIRST } [WHEN … THEN] INTO … [ELSE INTO …] <subquery>`),
 * which neither the transpiler nor DuckDB has. Each INTO clause becomes one single-table
 * `INSERT INTO target [(cols)] SELECT <values> FROM (<subquery>) WHERE <its condition>` run through
 * the ordinary query path (translation, authorisation, row access), all in one transaction. The
 * subquery is a derived table, so WHEN and VALUES see only its select list (its aliases and `$n`),
 * as Snowflake requires. For FIRST a clause's condition also requires that no earlier WHEN held;
 * ELSE runs where none held. OVERWRITE empties every target first.
 */

import { commitStreamOffsets, discardStreamOffsets } from "../streams/offsets.js";
import { sfErrors } from "../errors.js";
import { countsResult, type HandlerOutput } from "../result.js";
import type { StatementContext } from "../session.js";
import { type Token, tokenize } from "../split/index.js";

/** One INTO clause with the condition it runs under (null: always). */
interface IntoClause {
  target: string;
  columns: string[] | null;
  values: string[] | null;
  condition: string | null;
}

interface MultiInsert {
  overwrite: boolean;
  first: boolean;
  clauses: IntoClause[];
  subquery: string;
}

/** Whether a statement is a multi-table INSERT. */
export function isMultiTableInsert(sql: string): boolean {
  return /^\s*INSERT\s+(?:OVERWRITE\s+)?(?:ALL|FIRST)\b/i.test(sql);
}

/** Splits a comma list at depth 0. */
function splitList(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (const t of tokenize(text)) {
    if (t.kind !== "punct") continue;
    const c = text[t.start];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, t.start).trim());
      start = t.end;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((p) => p.length > 0);
}

/** Parses the statement's clauses; a malformed one is Snowflake's syntax error. */
export function parseMultiInsert(sql: string): MultiInsert {
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const text = (t: Token | undefined): string => (t ? sql.slice(t.start, t.end) : "");
  const punct = (t: Token | undefined, c: string): boolean => t?.kind === "punct" && sql[t.start] === c;
  const closeOf = (open: number): number => {
    let depth = 0;
    for (let j = open; j < tokens.length; j++) {
      if (punct(tokens[j], "(")) depth++;
      else if (punct(tokens[j], ")") && --depth === 0) return j;
    }
    throw sfErrors.compilation("syntax error: unbalanced parentheses in multi-table INSERT");
  };
  let i = 1;
  const overwrite = tokens[i]?.upper === "OVERWRITE";
  if (overwrite) i++;
  const first = tokens[i]?.upper === "FIRST";
  i++;
  const clauses: IntoClause[] = [];
  const whens: string[] = [];
  let condition: string | null = null;
  let conditional = false;
  const notAny = (conds: string[]): string => conds.map((c) => `NOT COALESCE((${c}), FALSE)`).join(" AND ");
  while (i < tokens.length) {
    const word = tokens[i]?.upper;
    if (word === "WHEN") {
      conditional = true;
      let j = i + 1;
      let depth = 0;
      while (j < tokens.length && !(depth === 0 && tokens[j]?.upper === "THEN")) {
        if (punct(tokens[j], "(")) depth++;
        else if (punct(tokens[j], ")")) depth--;
        j++;
      }
      if (j >= tokens.length)
        throw sfErrors.compilation("syntax error: WHEN without THEN in multi-table INSERT");
      const own = sql.slice((tokens[i + 1] as Token).start, (tokens[j - 1] as Token).end);
      condition = first && whens.length > 0 ? `(${own}) AND ${notAny(whens)}` : own;
      whens.push(own);
      i = j + 1;
      continue;
    }
    if (word === "ELSE") {
      condition = whens.length > 0 ? notAny(whens) : null;
      i++;
      continue;
    }
    if (word === "INTO") {
      let j = i + 1;
      while (tokens[j + 1] && punct(tokens[j + 1], ".")) j += 2;
      const target = sql.slice((tokens[i + 1] as Token).start, (tokens[j] as Token).end);
      j++;
      let columns: string[] | null = null;
      if (punct(tokens[j], "(")) {
        const close = closeOf(j);
        columns = splitList(sql.slice((tokens[j] as Token).end, (tokens[close] as Token).start));
        j = close + 1;
      }
      let values: string[] | null = null;
      if (tokens[j]?.upper === "VALUES" && punct(tokens[j + 1], "(")) {
        const close = closeOf(j + 1);
        values = splitList(sql.slice((tokens[j + 1] as Token).end, (tokens[close] as Token).start));
        j = close + 1;
      }
      clauses.push({ target, columns, values, condition: conditional ? condition : null });
      i = j;
      continue;
    }
    break;
  }
  const rest = tokens[i];
  if (!rest || clauses.length === 0)
    throw sfErrors.compilation(`syntax error: unexpected '${text(rest) || "<EOF>"}' in multi-table INSERT`);
  if (first && !conditional)
    throw sfErrors.compilation(
      "syntax error: INSERT FIRST needs WHEN clauses; an unconditional multi-table insert is INSERT ALL",
    );
  return { overwrite, first, clauses, subquery: sql.slice(rest.start).replace(/;\s*$/, "") };
}

/** The single-table INSERT of one INTO clause; DEFAULT values leave their column to its default. */
function clauseInsert(clause: IntoClause, subquery: string): string {
  let columns = clause.columns;
  let values = clause.values;
  if (values?.some((v) => /^default$/i.test(v))) {
    if (columns?.length !== values.length)
      throw sfErrors.compilation(
        "The local engine needs the target's column list with DEFAULT in a multi-table INSERT.",
      );
    const keep = values.map((v) => !/^default$/i.test(v));
    columns = columns.filter((_, k) => keep[k]);
    values = values.filter((_, k) => keep[k]);
  }
  const list = columns ? ` (${columns.join(", ")})` : "";
  const select = values ? values.join(", ") : "*";
  const where = clause.condition === null ? "" : ` WHERE ${clause.condition}`;
  return `INSERT INTO ${clause.target}${list} SELECT ${select} FROM (${subquery})${where}`;
}

/** Runs a multi-table INSERT; `runInsert` executes one single-table INSERT (the query handler). */
export async function handleMultiTableInsert(
  ctx: StatementContext,
  runInsert: (ctx: StatementContext) => Promise<HandlerOutput>,
): Promise<HandlerOutput> {
  const plan = parseMultiInsert(ctx.sql);
  const own = !ctx.session.inTransaction;
  if (own) await ctx.connection.run("BEGIN TRANSACTION");
  const counts: [string, number][] = [];
  try {
    if (plan.overwrite) {
      for (const target of new Set(plan.clauses.map((c) => c.target))) {
        await runInsert({ ...ctx, sql: `DELETE FROM ${target}`, words: ["DELETE"], heldTransaction: own });
      }
    }
    for (const clause of plan.clauses) {
      const out = await runInsert({
        ...ctx,
        sql: clauseInsert(clause, plan.subquery),
        words: ["INSERT"],
        heldTransaction: own,
      });
      const rows = Number((out as { rows?: unknown[][] }).rows?.[0]?.[0] ?? 0);
      counts.push([`number of rows inserted into ${clause.target.toUpperCase()}`, rows]);
    }
    if (own) await ctx.connection.run("COMMIT");
    // Every INTO read the same stream changes; the streams move once the whole INSERT has committed.
    if (own) await commitStreamOffsets(ctx);
  } catch (error) {
    if (own) {
      await ctx.connection.run("ROLLBACK").catch(() => undefined);
      discardStreamOffsets(ctx.session);
    }
    throw error;
  }
  return countsResult("INSERT", counts);
}
