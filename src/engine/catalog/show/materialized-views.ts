/**
 * SHOW MATERIALIZED VIEWS: the columns of the show-materialized-views page's Output table, which
 * differ from SHOW VIEWS' (a materialized view has rows, bytes, a base table and refresh state). The
 * local engine computes a materialized view when it is read, so it is never behind its base table:
 * refreshed_on is its creation, compacted_on NULL, behind_by 0s, invalid false.
 */
import type { CatalogEnv } from "../context.js";
import type { RelationEntry } from "../directory.js";
import { isOwner, ownerOf, ownerRoleType, type RoleSet } from "../privileges.js";
import { type CatalogResult, columns, num, ts } from "../results.js";

const MATERIALIZED_VIEW_COLUMNS = [
  "created_on:d",
  "name:t",
  "reserved:t",
  "database_name:t",
  "schema_name:t",
  "cluster_by:t",
  "rows:n",
  "bytes:n",
  "source_database_name:t",
  "source_schema_name:t",
  "source_table_name:t",
  "refreshed_on:d",
  "compacted_on:d",
  "owner:t",
  "invalid:t",
  "invalid_reason:t",
  "behind_by:t",
  "comment:t",
  "text:t",
  "is_secure:t",
  "automatic_clustering:t",
  "owner_role_type:t",
] as const;

const NAME_PART = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)`;
/** The one table a materialized view reads (Snowflake allows a single base table). */
const BASE_TABLE = new RegExp(String.raw`\bFROM\s+(${NAME_PART}(?:\s*\.\s*${NAME_PART}){0,2})`, "i");

function partName(written: string): string {
  const t = written.trim();
  return t.startsWith('"') ? t.slice(1, -1).replaceAll('""', '"') : t.toUpperCase();
}

/** The base table's database, schema and name, resolved in the view's schema; nulls if unread. */
function baseTable(r: RelationEntry): [string | null, string | null, string | null] {
  const m = r.text === null ? null : BASE_TABLE.exec(r.text.replace(/^[\s\S]*?\bAS\b/i, ""));
  if (!m) return [null, null, null];
  const parts = (m[1] as string).match(new RegExp(NAME_PART, "g"))?.map(partName) ?? [];
  const name = parts[parts.length - 1] ?? null;
  const schema = parts.length >= 2 ? (parts[parts.length - 2] as string) : r.schema;
  const database = parts.length === 3 ? (parts[0] as string) : r.database;
  return [database, schema, name];
}

/** The rows SHOW MATERIALIZED VIEWS prints for the views already picked (filters applied). */
export async function materializedViewsResult(
  env: CatalogEnv,
  roles: RoleSet,
  picked: RelationEntry[],
): Promise<CatalogResult> {
  const rows = [];
  for (const r of picked) {
    const name = [r.database, r.schema, r.name];
    const owner = ownerOf(env, r.kind, name);
    const hidden = r.secure && owner !== null && !isOwner(env, roles, r.kind, name);
    // The view's rows are its query's, counted as a table's are (table-stats.ts).
    const stats = env.directory.tableStats
      ? await env.directory.tableStats(r.database, r.schema, r.name).catch(() => null)
      : null;
    rows.push([
      ts(r.createdOn),
      r.name,
      "",
      r.database,
      r.schema,
      r.clusterBy ?? "",
      num(stats?.rows ?? null),
      num(stats?.bytes ?? null),
      ...baseTable(r),
      ts(r.createdOn),
      null,
      owner ?? "",
      "false",
      null,
      "0s",
      r.comment ?? "",
      hidden ? "" : (r.text ?? ""),
      String(r.secure),
      r.clusterBy ? "ON" : "OFF",
      owner === null ? "" : ownerRoleType(env, r.kind, name),
    ]);
  }
  return { kind: "SHOW", columns: columns(MATERIALIZED_VIEW_COLUMNS), rows };
}
