/**
 * SHOW SEQUENCES and DESCRIBE SEQUENCE. Neither page (szeno/snowflake-docs b5c216b) prints an Output
 * table or a result: the columns are the ones Snowflake prints, one row per sequence, DESCRIBE the
 * same columns for one sequence. `next_value` is what NEXTVAL would return now (DuckDB's sequence
 * state); `ordered` is N (Snowflake creates NOORDER sequences unless ORDER is written).
 */
import type { CellValue } from "../../types.js";
import type { CatalogContext, CatalogEnv } from "../context.js";
import type { SequenceEntry } from "../directory.js";
import { notFound } from "../errors.js";
import type { Cursor } from "../lexer.js";
import { displayName } from "../names.js";
import { resolveName } from "../objects.js";
import { ownerOf, ownerRoleType } from "../privileges.js";
import { type CatalogResult, columns, num, ts } from "../results.js";
import { applyFilters, parseShowFilters, scopeOf, settleScope } from "./filters.js";
import { visibleInScope, visibleTo } from "./scoped-objects.js";

const SEQUENCE_COLUMNS = [
  "created_on:d",
  "name:t",
  "schema_name:t",
  "database_name:t",
  "next_value:n",
  "interval:n",
  "owner:t",
  "comment:t",
  "ordered:t",
  "owner_role_type:t",
] as const;

/** The value NEXTVAL returns next: the start before first use, else the last value plus the step. */
async function nextValue(ctx: CatalogContext, s: SequenceEntry): Promise<number> {
  if (!ctx.connection) return s.start;
  const quote = (v: string) => `'${v.replaceAll("'", "''")}'`;
  const reader = await ctx.connection.runAndReadAll(
    `SELECT last_value FROM duckdb_sequences() WHERE schema_name = ${quote(s.duckSchema)} AND sequence_name = ${quote(s.duckName)}`,
  );
  const last = reader.getRows()[0]?.[0];
  return last === null || last === undefined ? s.start : Number(last) + s.increment;
}

async function sequenceRow(env: CatalogEnv, ctx: CatalogContext, s: SequenceEntry): Promise<CellValue[]> {
  const name = [s.database, s.schema, s.name];
  return [
    ts(s.createdOn),
    s.name,
    s.schema,
    s.database,
    num(await nextValue(ctx, s)),
    num(s.increment),
    ownerOf(env, "SEQUENCE", name) ?? "",
    s.comment ?? "",
    "N",
    ownerRoleType(env, "SEQUENCE", name),
  ];
}

/** SHOW SEQUENCES [LIKE …] [IN …] [STARTS WITH …] [LIMIT … [FROM …]]. */
export async function showSequences(env: CatalogEnv, ctx: CatalogContext, c: Cursor): Promise<CatalogResult> {
  const f = parseShowFilters(c, ctx);
  const scope = await settleScope(env, ctx, scopeOf(f, ctx));
  const found = await visibleInScope(env, ctx, scope, "SEQUENCE", (d, s) => env.directory.sequences?.(d, s));
  const list = found.sort(
    (a, b) => cmp(a.name, b.name) || cmp(a.database, b.database) || cmp(a.schema, b.schema),
  );
  const rows: CellValue[][] = [];
  for (const s of applyFilters(list, f, (x) => x.name)) rows.push(await sequenceRow(env, ctx, s));
  return { kind: "SHOW", columns: columns(SEQUENCE_COLUMNS), rows };
}

/** DESC[RIBE] SEQUENCE name: SHOW SEQUENCES's row for it. */
export async function describeSequence(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
): Promise<CatalogResult> {
  const name = resolveName(ctx, "SEQUENCE", c.name());
  if (!c.atEnd()) c.fail("end of statement");
  const [database, schema, sequence] = name as [string, string, string];
  const found = env.directory.sequences ? await env.directory.sequences(database, schema) : [];
  const s = found.find((x) => x.name === sequence);
  if (!s || !visibleTo(env, ctx, "SEQUENCE")(s)) throw notFound("Sequence", displayName(name));
  return { kind: "DESCRIBE", columns: columns(SEQUENCE_COLUMNS), rows: [await sequenceRow(env, ctx, s)] };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
