/**
 * SHOW [TERSE] STREAMS and DESCRIBE STREAM (szeno/snowflake-docs show-streams.md: the Output table's
 * columns in its order; TERSE's subset with `kind` and `tableOn`). DESCRIBE prints the same columns
 * for one stream. Streams on tables only: source_type `Table`, base_tables empty, type DELTA,
 * invalid_reason `N/A`; stale_after is when the stream was last consumed (or created) plus the
 * table's retention extended to 14 days.
 */
import type { CellValue } from "../../types.js";
import type { CatalogContext, CatalogEnv } from "../context.js";
import type { StreamEntry } from "../directory.js";
import { notFound } from "../errors.js";
import type { Cursor } from "../lexer.js";
import { displayName } from "../names.js";
import { resolveName } from "../objects.js";
import { ownerOf, ownerRoleType } from "../privileges.js";
import { type CatalogResult, columns, ts } from "../results.js";
import { applyFilters, parseShowFilters, scopeOf, settleScope } from "./filters.js";
import { visibleInScope, visibleTo } from "./scoped-objects.js";

const STREAM_COLUMNS = [
  "created_on:d",
  "name:t",
  "database_name:t",
  "schema_name:t",
  "owner:t",
  "comment:t",
  "table_name:t",
  "source_type:t",
  "base_tables:t",
  "type:t",
  "stale:t",
  "mode:t",
  "stale_after:d",
  "invalid_reason:t",
  "owner_role_type:t",
] as const;

const TERSE_COLUMNS = [
  "created_on:d",
  "name:t",
  "kind:t",
  "database_name:t",
  "schema_name:t",
  "tableOn:t",
] as const;

function streamRow(env: CatalogEnv, s: StreamEntry): CellValue[] {
  const name = [s.database, s.schema, s.name];
  return [
    ts(s.createdOn),
    s.name,
    s.database,
    s.schema,
    ownerOf(env, "STREAM", name) ?? "",
    s.comment ?? "",
    s.tableName,
    "Table",
    "",
    "DELTA",
    s.stale || s.staleAfter < env.now() ? "true" : "false",
    s.mode,
    ts(s.staleAfter),
    "N/A",
    ownerRoleType(env, "STREAM", name),
  ];
}

function terseRow(s: StreamEntry): CellValue[] {
  return [ts(s.createdOn), s.name, "DELTA", s.database, s.schema, s.tableName];
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** SHOW [TERSE] STREAMS [LIKE …] [IN …] [STARTS WITH …] [LIMIT … [FROM …]]. */
export async function showStreams(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  terse: boolean,
): Promise<CatalogResult> {
  const f = parseShowFilters(c, ctx);
  const scope = await settleScope(env, ctx, scopeOf(f, ctx));
  const found = await visibleInScope(env, ctx, scope, "STREAM", (d, s) => env.directory.streams?.(d, s));
  // Ordered by database, schema and name, as the page says.
  const list = found.sort(
    (a, b) => cmp(a.database, b.database) || cmp(a.schema, b.schema) || cmp(a.name, b.name),
  );
  const shown = applyFilters(list, f, (x) => x.name);
  if (terse) return { kind: "SHOW", columns: columns(TERSE_COLUMNS), rows: shown.map(terseRow) };
  return { kind: "SHOW", columns: columns(STREAM_COLUMNS), rows: shown.map((s) => streamRow(env, s)) };
}

/** DESC[RIBE] STREAM name: SHOW STREAMS's row for it. */
export async function describeStream(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
): Promise<CatalogResult> {
  const name = resolveName(ctx, "STREAM", c.name());
  if (!c.atEnd()) c.fail("end of statement");
  const [database, schema, stream] = name as [string, string, string];
  const found = env.directory.streams ? await env.directory.streams(database, schema) : [];
  const s = found.find((x) => x.name === stream);
  if (!s || !visibleTo(env, ctx, "STREAM")(s)) throw notFound("Stream", displayName(name));
  return { kind: "DESCRIBE", columns: columns(STREAM_COLUMNS), rows: [streamRow(env, s)] };
}
