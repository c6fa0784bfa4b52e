/**
 * SHOW DATABASES / SCHEMAS / TABLES / VIEWS / OBJECTS / COLUMNS and DESCRIBE TABLE / VIEW, read
 * from the core's metadata (the DataObjectDirectory) with owners and visibility from the grants.
 */
import type { CatalogContext, CatalogEnv } from "../context.js";
import type { RelationEntry, SchemaEntry } from "../directory.js";
import { notFound } from "../errors.js";
import type { Cursor } from "../lexer.js";
import { resolveName } from "../objects.js";
import { isOwner, ownerOf, ownerRoleType, type RoleSet, seesObject, sessionRoles } from "../privileges.js";
import { type CatalogResult, columns, num, ts } from "../results.js";
import { applyFilters, inScope, parseShowFilters, scopeOf, settleScope, type ShowScope } from "./filters.js";
import { droppedObjects, holdsPrivileges, tableRetention } from "./history.js";
import { materializedViewsResult } from "./materialized-views.js";
import { tableStageResult } from "./table-stage.js";

/** Objects nobody owns in the catalog are visible to all (see authorise.ts). */
function canSee(env: CatalogEnv, roles: RoleSet, kind: string, name: string[]): boolean {
  return ownerOf(env, kind, name) === null || seesObject(env, roles, kind, name);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function showDatabases(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  terse: boolean,
): Promise<CatalogResult> {
  // HISTORY and WITH PRIVILEGES are mutually exclusive (SHOW DATABASES usage notes).
  const history = c.acceptKw("HISTORY");
  const f = parseShowFilters(c, ctx, { privileges: !history });
  const roles = sessionRoles(env, ctx);
  const live = (await env.directory.databases())
    .filter((d) => canSee(env, roles, "DATABASE", [d.name]))
    .filter((d) => !f.privileges || holdsPrivileges(env, ctx, "DATABASE", [d.name], f.privileges))
    .sort((a, b) => cmp(a.name, b.name))
    .map((d) => ({ ...d, owner: ownerOf(env, "DATABASE", [d.name]), droppedOn: null as number | null }));
  // Dropped databases follow the live ones, as the page's HISTORY example lists them.
  const dropped = history
    ? (await droppedObjects(env, roles)).databases.sort((a, b) => cmp(a.name, b.name))
    : [];
  const picked = applyFilters([...live, ...dropped], f, (d) => d.name);
  if (terse)
    return {
      kind: "SHOW",
      columns: columns(["created_on:d", "name:t", "kind:t", "database_name:t", "schema_name:t"]),
      rows: picked.map((d) => [ts(d.createdOn), d.name, "STANDARD", null, null]),
    };
  const user = env.store.users.get(ctx.user);
  const defaultDb = user?.defaultNamespace?.split(".")[0]?.toUpperCase() ?? null;
  return {
    kind: "SHOW",
    columns: columns([
      "created_on:d",
      "name:t",
      "is_default:t",
      "is_current:t",
      "origin:t",
      "owner:t",
      "comment:t",
      "options:t",
      "retention_time:t",
      ...(history ? (["dropped_on:d"] as const) : []),
      "kind:t",
      "owner_role_type:t",
      "object_visibility:t",
      "data_quality_monitoring_settings:t",
    ]),
    rows: picked.map((d) => {
      const owner = d.owner;
      const isDropped = d.droppedOn !== null;
      // The account's SNOWFLAKE database is an application shared from ACCOUNT_USAGE, unowned and
      // without Time Travel (SHOW DATABASES reference).
      const system = d.name === "SNOWFLAKE" && owner === null && !isDropped;
      return [
        ts(d.createdOn),
        d.name,
        defaultDb === d.name && !isDropped ? "Y" : "N",
        ctx.database === d.name && !isDropped ? "Y" : "N",
        system ? "SNOWFLAKE.ACCOUNT_USAGE" : "",
        owner ?? "",
        d.comment ?? "",
        d.transient ? "TRANSIENT" : "",
        system ? "0" : String(d.retentionTime),
        ...(history ? [d.droppedOn === null ? null : ts(d.droppedOn)] : []),
        system ? "APPLICATION" : "STANDARD",
        owner === null ? "" : isDropped ? "ROLE" : ownerRoleType(env, "DATABASE", [d.name]),
        null,
        null,
      ];
    }),
  };
}

export async function showSchemas(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  terse: boolean,
): Promise<CatalogResult> {
  // HISTORY and WITH PRIVILEGES are mutually exclusive (SHOW SCHEMAS usage notes).
  const history = c.acceptKw("HISTORY");
  const f = parseShowFilters(c, ctx, { privileges: !history });
  const scope = scopeOf(f, ctx);
  const roles = sessionRoles(env, ctx);
  if (scope.database && !(await env.directory.databases()).some((d) => d.name === scope.database))
    throw notFound("Database", scope.database);
  const database = scope.kind === "ACCOUNT" ? undefined : scope.database;
  const byDatabaseAndName = (a: SchemaEntry, b: SchemaEntry) =>
    cmp(a.database, b.database) || cmp(a.name, b.name);
  const live = (await env.directory.schemas(database))
    .filter((s) => canSee(env, roles, "SCHEMA", [s.database, s.name]))
    .filter((s) => !f.privileges || holdsPrivileges(env, ctx, "SCHEMA", [s.database, s.name], f.privileges))
    .sort(byDatabaseAndName)
    .map((s) => ({
      ...s,
      createdOn: virtualCreatedOn(env, s),
      owner: ownerOf(env, "SCHEMA", [s.database, s.name]),
      droppedOn: null as number | null,
    }));
  // Dropped schemas follow the live ones, as the page's HISTORY example lists them.
  const dropped = history
    ? (await droppedObjects(env, roles)).schemas
        .filter((s) => database === undefined || s.database === database)
        .sort(byDatabaseAndName)
    : [];
  const picked = applyFilters([...live, ...dropped], f, (s) => s.name);
  if (terse)
    return {
      kind: "SHOW",
      columns: columns(["created_on:d", "name:t", "kind:t", "database_name:t", "schema_name:t"]),
      rows: picked.map((s) => [ts(s.createdOn), s.name, null, s.database, null]),
    };
  return {
    kind: "SHOW",
    columns: columns([
      "created_on:d",
      "name:t",
      "is_default:t",
      "is_current:t",
      "database_name:t",
      "owner:t",
      "comment:t",
      "options:t",
      "retention_time:t",
      ...(history ? (["dropped_on:d"] as const) : []),
      "owner_role_type:t",
      "object_visibility:t",
    ]),
    rows: picked.map((s) => {
      const owner = s.owner;
      const isDropped = s.droppedOn !== null;
      const options = [s.transient ? "TRANSIENT" : null, s.managedAccess ? "MANAGED ACCESS" : null]
        .filter(Boolean)
        .join(", ");
      return [
        ts(s.createdOn),
        s.name,
        "N",
        !isDropped && ctx.database === s.database && ctx.schema === s.name ? "Y" : "N",
        s.database,
        owner ?? "",
        s.comment ?? "",
        options,
        String(s.retentionTime),
        ...(history ? [s.droppedOn === null ? null : ts(s.droppedOn)] : []),
        owner === null ? "" : isDropped ? "ROLE" : ownerRoleType(env, "SCHEMA", [s.database, s.name]),
        // OBJECT_VISIBILITY (universal search discoverability) is not set on local schemas.
        null,
      ];
    }),
  };
}

/**
 * INFORMATION_SCHEMA is a view of the database, not a stored schema: Snowflake shows it made at the
 * moment of the SHOW (the USE DATABASE page's SHOW SCHEMAS lists it last by created_on).
 */
export function virtualCreatedOn(env: CatalogEnv, s: SchemaEntry): number {
  return s.name === "INFORMATION_SCHEMA" ? env.now() : s.createdOn;
}

const TABLE_COLUMNS = [
  "created_on:d",
  "name:t",
  "database_name:t",
  "schema_name:t",
  "kind:t",
  "comment:t",
  "cluster_by:t",
  "rows:n",
  "bytes:n",
  "owner:t",
  "retention_time:t",
  "automatic_clustering:t",
  "change_tracking:t",
  "search_optimization:t",
  "search_optimization_progress:t",
  "search_optimization_bytes:n",
  "is_external:t",
  "enable_schema_evolution:t",
  "owner_role_type:t",
  "is_event:t",
  "budget:t",
  "is_hybrid:t",
  "is_iceberg:t",
  "is_dynamic:t",
  "is_immutable:t",
] as const;

const VIEW_COLUMNS = [
  "created_on:d",
  "name:t",
  "reserved:t",
  "database_name:t",
  "schema_name:t",
  "owner:t",
  "comment:t",
  "text:t",
  "is_secure:t",
  "is_materialized:t",
  "change_tracking:t",
  "owner_role_type:t",
] as const;

export async function showObjects(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  kind: "TABLE" | "VIEW" | "MATERIALIZED_VIEW" | "OBJECT",
  terse: boolean,
  only: (r: RelationEntry) => boolean = () => true,
): Promise<CatalogResult> {
  const history = kind === "TABLE" && c.acceptKw("HISTORY");
  const f = parseShowFilters(c, ctx);
  // Without IN, the schema in use (the USE SCHEMA page's SHOW TABLES lists only that schema's
  // tables), else the database in use, else the account.
  const inUse: ShowScope | null =
    ctx.database && ctx.schema ? { kind: "SCHEMA", database: ctx.database, schema: ctx.schema } : null;
  const scope = await settleScope(env, ctx, f.scope ?? inUse ?? scopeOf(f, ctx));
  const roles = sessionRoles(env, ctx);
  if (
    scope.kind === "SCHEMA" &&
    !(await env.directory.schemas(scope.database)).some((s) => s.name === scope.schema)
  )
    throw notFound("Schema", `${scope.database}.${scope.schema}`);
  const all = await env.directory.relations(
    scope.kind === "ACCOUNT" ? undefined : scope.database,
    scope.kind === "SCHEMA" ? scope.schema : undefined,
  );
  const list = all
    .filter((r) => inScope(r, scope))
    .filter((r) =>
      kind === "OBJECT"
        ? true
        : kind === "VIEW"
          ? r.kind === "VIEW" || r.kind === "MATERIALIZED_VIEW"
          : r.kind === kind,
    )
    .filter((r) => canSee(env, roles, r.kind, [r.database, r.schema, r.name]) && only(r))
    .sort(byQualifiedName);
  // Dropped tables follow the live ones (as SHOW DATABASES / SCHEMAS HISTORY list theirs).
  const dropped = history
    ? (await droppedObjects(env, roles)).relations.filter((r) => inScope(r, scope)).sort(byQualifiedName)
    : [];
  const picked = applyFilters<RelationEntry & { droppedOn?: number; owner?: string | null }>(
    [...list, ...dropped],
    f,
    (r) => r.name,
  );
  if (!terse && (kind === "TABLE" || kind === "OBJECT")) await countRows(env, picked);
  if (kind === "OBJECT" && !terse) {
    return { kind: "SHOW", columns: columns(OBJECT_COLUMNS), rows: picked.map((r) => objectRow(env, r)) };
  }
  if (terse) {
    return {
      kind: "SHOW",
      columns: columns(["created_on:d", "name:t", "kind:t", "database_name:t", "schema_name:t"]),
      rows: picked.map((r) => [
        ts(r.createdOn),
        r.name,
        r.kind === "TABLE" ? tableKind(r) : kind === "OBJECT" ? "VIEW" : r.kind,
        r.database,
        r.schema,
      ]),
    };
  }
  if (kind === "TABLE") {
    const tableColumns = history
      ? [...TABLE_COLUMNS.slice(0, 11), "dropped_on:d" as const, ...TABLE_COLUMNS.slice(11)]
      : TABLE_COLUMNS;
    return {
      kind: "SHOW",
      columns: columns(tableColumns),
      rows: picked.map((r) => {
        const row = tableRow(env, r);
        if (history) row.splice(11, 0, r.droppedOn === undefined ? null : ts(r.droppedOn));
        return row;
      }),
    };
  }
  if (kind === "MATERIALIZED_VIEW") return materializedViewsResult(env, roles, picked);
  return { kind: "SHOW", columns: columns(VIEW_COLUMNS), rows: picked.map((r) => viewRow(env, roles, r)) };
}

function byQualifiedName(a: RelationEntry, b: RelationEntry): number {
  return cmp(a.database, b.database) || cmp(a.schema, b.schema) || cmp(a.name, b.name);
}

/**
 * Fills in `rows` and `bytes` of the live tables listed (the core counts them, table-stats.ts);
 * views have none, and a dropped table's data is not read (they stay 0).
 */
async function countRows(
  env: CatalogEnv,
  relations: (RelationEntry & { droppedOn?: number })[],
): Promise<void> {
  if (!env.directory.tableStats) return;
  for (const r of relations) {
    if (r.kind !== "TABLE" || r.droppedOn !== undefined) continue;
    const stats = await env.directory.tableStats(r.database, r.schema, r.name);
    r.rows = stats.rows;
    r.bytes = stats.bytes;
  }
}

/**
 * SHOW OBJECTS (tables and views). The page (szeno/snowflake-docs b5c216b): its Output table lacks
 * owner_role_type and budget, its example lacks is_iceberg; this is the union in the example's order.
 * Materialized views show kind VIEW.
 */
const OBJECT_COLUMNS = [
  "created_on:d",
  "name:t",
  "database_name:t",
  "schema_name:t",
  "kind:t",
  "comment:t",
  "cluster_by:t",
  "rows:n",
  "bytes:n",
  "owner:t",
  "retention_time:t",
  "owner_role_type:t",
  "budget:t",
  "is_hybrid:t",
  "is_dynamic:t",
  "is_iceberg:t",
] as const;

function objectRow(env: CatalogEnv, r: RelationEntry) {
  const objectType = r.kind === "TABLE" ? "TABLE" : "VIEW";
  const name = [r.database, r.schema, r.name];
  const owner = ownerOf(env, objectType, name);
  const table = r.kind === "TABLE";
  return [
    ts(r.createdOn),
    r.name,
    r.database,
    r.schema,
    table ? tableKind(r) : "VIEW",
    r.comment ?? "",
    r.clusterBy ?? "",
    table ? tableSize(r, r.rows) : num(0),
    table ? tableSize(r, r.bytes) : num(0),
    owner ?? "",
    table ? (r.transient ? "0" : "1") : "1",
    owner === null ? "" : ownerRoleType(env, objectType, name),
    null,
    r.tableType === "HYBRID" ? "Y" : "N",
    "N",
    "N",
  ];
}

/** SHOW TABLES' kind: TABLE (permanent), TRANSIENT or TEMPORARY. */
function tableKind(r: RelationEntry): string {
  return r.temporary ? "TEMPORARY" : r.transient ? "TRANSIENT" : "TABLE";
}

function tableRow(env: CatalogEnv, r: RelationEntry & { droppedOn?: number; owner?: string | null }) {
  const name = [r.database, r.schema, r.name];
  const isDropped = r.droppedOn !== undefined;
  const owner = isDropped ? (r.owner ?? null) : ownerOf(env, "TABLE", name);
  return [
    ts(r.createdOn),
    r.name,
    r.database,
    r.schema,
    tableKind(r),
    r.comment ?? "",
    r.clusterBy ?? "",
    tableSize(r, r.rows),
    tableSize(r, r.bytes),
    owner ?? "",
    String(tableRetention(r)),
    "OFF",
    r.changeTracking ? "ON" : "OFF",
    "OFF",
    null,
    null,
    "N",
    "N",
    owner === null ? "" : isDropped ? "ROLE" : ownerRoleType(env, "TABLE", name),
    "N",
    null,
    r.tableType === "HYBRID" ? "Y" : "N",
    "N",
    "N",
    "N",
  ];
}

/** SHOW TABLES' rows / bytes: NULL for a hybrid table, as the CREATE HYBRID TABLE page shows. */
function tableSize(r: RelationEntry, value: number | null): ReturnType<typeof num> | null {
  return r.tableType === "HYBRID" ? null : num(value ?? 0);
}

function viewRow(env: CatalogEnv, roles: RoleSet, r: RelationEntry) {
  const name = [r.database, r.schema, r.name];
  const owner = ownerOf(env, r.kind, name);
  // A secure view's text is shown only to its owner.
  const hidden = r.secure && owner !== null && !isOwner(env, roles, r.kind, name);
  return [
    ts(r.createdOn),
    r.name,
    "",
    r.database,
    r.schema,
    owner ?? "",
    r.comment ?? "",
    hidden ? "" : (r.text ?? ""),
    String(r.secure),
    String(r.kind === "MATERIALIZED_VIEW"),
    r.changeTracking ? "ON" : "OFF",
    owner === null ? "" : ownerRoleType(env, r.kind, name),
  ];
}

/** Snowflake's JSON data_type for SHOW COLUMNS, from a SQL type such as NUMBER(38,0). */
export function dataTypeJson(declared: string, nullable: boolean, fixed = false): string {
  // A collated text column's type ends in `COLLATE '<spec>'` (the engine's declared type text).
  const collated = /^(.*?)\s+COLLATE\s+'((?:[^']|'')*)'\s*$/is.exec(declared);
  const sqlType = collated ? (collated[1] as string) : declared;
  const collation = collated ? { collation: (collated[2] as string).replaceAll("''", "'") } : {};
  const m = /^([A-Z_ ]+?)(?:\((\d+)(?:,\s*(\d+))?\))?$/i.exec(sqlType.trim());
  const base = (m?.[1] ?? sqlType).toUpperCase();
  const a = m?.[2] === undefined ? undefined : Number(m[2]);
  const b = m?.[3] === undefined ? undefined : Number(m[3]);
  if (base === "NUMBER" || base === "DECIMAL" || base === "NUMERIC")
    return JSON.stringify({ type: "FIXED", precision: a ?? 38, scale: b ?? 0, nullable });
  if (base === "VARCHAR" || base === "TEXT" || base === "STRING" || base === "CHAR")
    return JSON.stringify({
      type: "TEXT",
      length: a ?? 16777216,
      byteLength: Math.min((a ?? 16777216) * 4, 16777216),
      nullable,
      fixed: false,
      ...collation,
    });
  if (base === "FLOAT" || base === "DOUBLE" || base === "REAL")
    return JSON.stringify({ type: "REAL", nullable });
  if (base.startsWith("TIMESTAMP"))
    return JSON.stringify({ type: base, precision: 0, scale: a ?? 9, nullable });
  if (base === "TIME") return JSON.stringify({ type: "TIME", precision: 0, scale: a ?? 9, nullable });
  if (base === "BINARY")
    return JSON.stringify({
      type: "BINARY",
      length: a ?? 8388608,
      byteLength: a ?? 8388608,
      nullable,
      fixed,
    });
  return JSON.stringify({ type: base, nullable });
}

export async function showColumns(env: CatalogEnv, ctx: CatalogContext, c: Cursor): Promise<CatalogResult> {
  const f = parseShowFilters(c, ctx, ["TABLE", "VIEW"]);
  const roles = sessionRoles(env, ctx);
  let relations: RelationEntry[];
  if (f.scope?.kind === "OBJECT") {
    const name = resolveName(ctx, "TABLE", f.scope.object!);
    const rel = (await env.directory.relations(name[0], name[1])).find((r) => r.name === name[2]);
    if (!rel || !canSee(env, roles, rel.kind, name))
      throw notFound(f.scope.object!.length ? "Table" : "Object", name.join("."));
    relations = [rel];
  } else {
    const scope = await settleScope(env, ctx, scopeOf(f, ctx));
    relations = (
      await env.directory.relations(
        scope.kind === "ACCOUNT" ? undefined : scope.database,
        scope.kind === "SCHEMA" ? scope.schema : undefined,
      )
    )
      .filter((r) => inScope(r, scope))
      .filter((r) => canSee(env, roles, r.kind, [r.database, r.schema, r.name]));
  }
  relations.sort((a, b) => cmp(a.database, b.database) || cmp(a.schema, b.schema) || cmp(a.name, b.name));
  const rows: (string | null)[][] = [];
  for (const r of relations) {
    for (const col of await env.directory.columns(r.database, r.schema, r.name)) {
      if (f.like && !f.like(col.name)) continue;
      rows.push([
        r.name,
        r.schema,
        col.name,
        col.dataTypeJson ?? dataTypeJson(col.type, col.nullable, col.fixed),
        String(col.nullable),
        col.autoincrement ? "" : (col.default ?? ""),
        "COLUMN",
        "",
        col.comment ?? "",
        r.database,
        col.autoincrement ?? "",
        null,
      ]);
    }
  }
  return {
    kind: "SHOW",
    columns: columns([
      "table_name:t",
      "schema_name:t",
      "column_name:t",
      "data_type:t",
      "null?:t",
      "default:t",
      "kind:t",
      "expression:t",
      "comment:t",
      "database_name:t",
      "autoincrement:t",
      "schema_evolution_record:t",
    ]),
    rows: f.limit === null ? rows : rows.slice(0, f.limit),
  };
}

export async function describeRelation(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  kind: "TABLE" | "VIEW",
): Promise<CatalogResult> {
  const name = resolveName(ctx, kind, c.name());
  // TYPE = COLUMNS (the default) or STAGE (a table's stage properties).
  let type = "COLUMNS";
  if (c.acceptKw("TYPE")) {
    c.acceptSymbol("=");
    type = c.ident("COLUMNS or STAGE").toUpperCase();
  }
  const rel = (await env.directory.relations(name[0], name[1])).find((r) => r.name === name[2]);
  const roles = sessionRoles(env, ctx);
  if (!rel || !canSee(env, roles, rel.kind, name))
    throw notFound(kind === "TABLE" ? "Table" : "View", name.join("."));
  if (type === "STAGE" && rel.kind === "TABLE")
    return tableStageResult(rel.stageOptions ?? { fileFormat: {}, copyOptions: {} });
  const attachment = env.store.attachments.get(JSON.stringify(name));
  const rows = (await env.directory.columns(name[0]!, name[1]!, name[2]!)).map((col) => [
    col.name,
    col.type,
    "COLUMN",
    col.nullable ? "Y" : "N",
    col.default,
    col.primaryKey ? "Y" : "N",
    col.uniqueKey ? "Y" : "N",
    null,
    null,
    col.comment,
    attachment?.columns.includes(col.name) ? attachment.policy.join(".") : null,
    null,
  ]);
  return {
    kind: "DESCRIBE",
    columns: columns([
      "name:t",
      "type:t",
      "kind:t",
      "null?:t",
      "default:t",
      "primary key:t",
      "unique key:t",
      "check:t",
      "expression:t",
      "comment:t",
      "policy name:t",
      "privacy domain:t",
    ]),
    rows,
  };
}
