/**
 * SHOW output rows into model objects. Rows are read by column name (lower-case), so columns added
 * by behaviour-change bundles are tolerated and column order does not matter. Each function is pure.
 */
import type { QueryResult } from "../driver/types.js";
import {
  canonicalSql,
  createTextIsSecure,
  extractViewQuery,
  type FutureGrantObject,
  type GrantObject,
  isNullMarker,
  type ModelObject,
  normaliseAutoSuspend,
  normaliseBoolean,
  normaliseComment,
  normaliseFrequency,
  normaliseGrantObjectType,
  normaliseNumber,
  normaliseOptionalName,
  normaliseOwner,
  normalisePrivilege,
  normaliseTaskState,
  normaliseWarehouseSize,
  parseFutureGrantName,
  parseNameList,
  parsePredecessors,
  queryDependencies,
  quoteIdentifier,
  resolveQualifiedName,
  type RoleGrantObject,
  singularObjectType,
  triggersFromShow,
  type UserObject,
  type WarehouseObject,
} from "../model/index.js";

/** One SHOW row by lower-case column name. */
export type ShowRow = Record<string, string | null>;

/** Turns a result into rows keyed by lower-case column name. */
export function rowsOf(result: QueryResult): ShowRow[] {
  const names = result.columns.map((c) => c.name.toLowerCase());
  return result.rows.map((row) => {
    const record: ShowRow = {};
    names.forEach((name, i) => {
      record[name] = row[i] ?? null;
    });
    return record;
  });
}

const text = (row: ShowRow, column: string): string | null => row[column] ?? null;
const ident = (value: string | null | undefined): string => quoteIdentifier(value ?? "");
/** A name SHOW reports in resolved form; null markers -> null. */
const optionalIdent = (value: string | null | undefined): string | null => {
  const name = normaliseOptionalName(value);
  return name === null ? null : quoteIdentifier(name);
};

/** The owner column, DATABASE_ROLE owners qualified with the object's database. */
function ownerOf(row: ShowRow, database?: string): string | undefined {
  const owner = normaliseOwner(text(row, "owner"), text(row, "owner_role_type"));
  if (owner === undefined) return undefined;
  const dbRole = (text(row, "owner_role_type") ?? "").toUpperCase() === "DATABASE_ROLE";
  if (dbRole && owner.includes(".")) return resolveQualifiedName(owner);
  return dbRole && database ? `${database}.${quoteIdentifier(owner)}` : quoteIdentifier(owner);
}

function defined<T extends object>(object: T): T {
  for (const key of Object.keys(object) as (keyof T)[]) if (object[key] === undefined) delete object[key];
  return object;
}

/** SHOW WAREHOUSES. */
export function warehouseFromRow(row: ShowRow): WarehouseObject {
  const type = text(row, "type")?.toUpperCase();
  const scaling = text(row, "scaling_policy")?.toUpperCase();
  return defined({
    kind: "warehouse",
    name: ident(text(row, "name")),
    size: normaliseWarehouseSize(text(row, "size") ?? ""),
    type: type === "STANDARD" || type === "SNOWPARK-OPTIMIZED" ? type : undefined,
    minClusterCount: normaliseNumber(text(row, "min_cluster_count")) ?? undefined,
    maxClusterCount: normaliseNumber(text(row, "max_cluster_count")) ?? undefined,
    scalingPolicy: scaling === "STANDARD" || scaling === "ECONOMY" ? scaling : undefined,
    autoSuspend: "auto_suspend" in row ? normaliseAutoSuspend(text(row, "auto_suspend")) : undefined,
    autoResume: normaliseBoolean(text(row, "auto_resume")),
    resourceMonitor: "resource_monitor" in row ? optionalIdent(text(row, "resource_monitor")) : undefined,
    enableQueryAcceleration: normaliseBoolean(text(row, "enable_query_acceleration")),
    queryAccelerationMaxScaleFactor:
      normaliseNumber(text(row, "query_acceleration_max_scale_factor")) ?? undefined,
    comment: "comment" in row ? normaliseComment(text(row, "comment")) : undefined,
    owner: ownerOf(row),
  } satisfies WarehouseObject);
}

/** SHOW RESOURCE MONITORS. */
export function monitorFromRow(row: ShowRow): ModelObject {
  const end = text(row, "end_time");
  return defined({
    kind: "resource_monitor" as const,
    name: ident(text(row, "name")),
    creditQuota: "credit_quota" in row ? (normaliseNumber(text(row, "credit_quota")) ?? null) : undefined,
    frequency: normaliseFrequency(text(row, "frequency")),
    // A set end time comes back in the session time zone; only "unset" can be compared reliably.
    endTimestamp: "end_time" in row && isNullMarker(end) ? null : undefined,
    notifyUsers:
      "notify_users" in row
        ? parseNameList(text(row, "notify_users")).map((u) => quoteIdentifier(u))
        : undefined,
    triggers: triggersFromShow(
      text(row, "notify_at"),
      text(row, "suspend_at"),
      text(row, "suspend_immediately_at"),
    ),
  });
}

/** SHOW ROLES. The counter columns (assigned_to_users, granted_roles, …) are never compared. */
export function roleFromRow(row: ShowRow): ModelObject {
  return defined({
    kind: "role" as const,
    name: ident(text(row, "name")),
    comment: "comment" in row ? normaliseComment(text(row, "comment")) : undefined,
    owner: ownerOf(row),
  });
}

/** SHOW USERS. */
export function userFromRow(row: ShowRow): UserObject {
  const type = text(row, "type")?.toUpperCase();
  return defined({
    kind: "user",
    name: ident(text(row, "name")),
    type: type === "PERSON" || type === "SERVICE" || type === "LEGACY_SERVICE" ? type : undefined,
    loginName: isNullMarker(text(row, "login_name")) ? undefined : text(row, "login_name")!.toUpperCase(),
    defaultRole: "default_role" in row ? optionalIdent(text(row, "default_role")) : undefined,
    defaultWarehouse: "default_warehouse" in row ? optionalIdent(text(row, "default_warehouse")) : undefined,
    defaultNamespace:
      "default_namespace" in row
        ? isNullMarker(text(row, "default_namespace"))
          ? null
          : resolveQualifiedName(text(row, "default_namespace")!)
        : undefined,
    disabled: normaliseBoolean(text(row, "disabled")),
    hasRsaPublicKey: normaliseBoolean(text(row, "has_rsa_public_key")),
    comment: "comment" in row ? normaliseComment(text(row, "comment")) : undefined,
  } satisfies UserObject);
}

/** Reported grant object names are SQL-ready except that unusual parts may come back unquoted. */
function grantObjectName(objectType: string, name: string | null): string {
  if (objectType === "ACCOUNT" || !name) return "";
  // Functions and procedures carry their signature: keep as reported.
  if (name.includes("(")) return name;
  return name;
}

/**
 * SHOW GRANTS TO ROLE r: privileges (GrantObject) and roles granted to r (`USAGE` on `ROLE`,
 * a RoleGrantObject). Search-optimisation phantom grants (`…IDX_MV_…`) are dropped.
 */
export function grantsFromRows(rows: ShowRow[]): (GrantObject | RoleGrantObject)[] {
  const objects: (GrantObject | RoleGrantObject)[] = [];
  for (const row of rows) {
    const grantedTo = (text(row, "granted_to") ?? "ROLE").toUpperCase();
    if (grantedTo !== "ROLE") continue;
    const role = ident(text(row, "grantee_name"));
    const objectType = normaliseGrantObjectType(text(row, "granted_on") ?? "");
    const name = text(row, "name");
    if (objectType === "ROLE") {
      const child = ident(name);
      objects.push({
        kind: "role_grant",
        name: `${child} -> ROLE ${role}`,
        role: child,
        granteeType: "ROLE",
        grantee: role,
      });
      continue;
    }
    if (objectType === "MATERIALIZED_VIEW" && name?.includes("IDX_MV_")) continue;
    const privilege = normalisePrivilege(text(row, "privilege") ?? "");
    const objectName = grantObjectName(objectType, name);
    const grantOption = normaliseBoolean(text(row, "grant_option"));
    objects.push(
      defined({
        kind: "grant",
        name: `${privilege} ON ${objectType}${objectName ? ` ${objectName}` : ""} -> ${role}`,
        privilege,
        objectType,
        objectName,
        role,
        grantOption,
      } satisfies GrantObject),
    );
  }
  return objects;
}

/** SHOW GRANTS OF ROLE r: who holds r (roles and users). */
export function roleGrantsOfRows(role: string, rows: ShowRow[]): RoleGrantObject[] {
  const objects: RoleGrantObject[] = [];
  for (const row of rows) {
    const grantedTo = (text(row, "granted_to") ?? "").toUpperCase();
    if (grantedTo !== "ROLE" && grantedTo !== "USER") continue;
    const grantee = ident(text(row, "grantee_name"));
    objects.push({
      kind: "role_grant",
      name: `${role} -> ${grantedTo} ${grantee}`,
      role,
      granteeType: grantedTo,
      grantee,
    });
  }
  return objects;
}

/** SHOW FUTURE GRANTS IN SCHEMA|DATABASE: `grant_on`, `grant_to`, name `DB.S.<TABLE>`. */
export function futureGrantsFromRows(rows: ShowRow[]): FutureGrantObject[] {
  const objects: FutureGrantObject[] = [];
  for (const row of rows) {
    const grantTo = (text(row, "grant_to") ?? text(row, "granted_to") ?? "ROLE").toUpperCase();
    if (grantTo !== "ROLE") continue;
    const { container, scope } = parseFutureGrantName(text(row, "name") ?? "");
    const objectType = singularObjectType(text(row, "grant_on") ?? text(row, "granted_on") ?? "");
    const privilege = normalisePrivilege(text(row, "privilege") ?? "");
    const role = ident(text(row, "grantee_name"));
    const containerName = resolveQualifiedName(container);
    objects.push(
      defined({
        kind: "future_grant",
        name: `${privilege} ON FUTURE ${objectType} IN ${scope} ${containerName} -> ${role}`,
        privilege,
        objectType,
        scope,
        container: containerName,
        role,
        grantOption: normaliseBoolean(text(row, "grant_option")),
      } satisfies FutureGrantObject),
    );
  }
  return objects;
}

/** SHOW VIEWS: the query is taken from `text` (the CREATE statement) and compared as tokens. */
export function viewFromRow(row: ShowRow): ModelObject | undefined {
  if (normaliseBoolean(text(row, "is_materialized")) === true) return undefined;
  const database = ident(text(row, "database_name"));
  const schema = ident(text(row, "schema_name"));
  if (schema === "INFORMATION_SCHEMA") return undefined;
  const createText = text(row, "text");
  // A secure view's text is hidden unless our role owns it: then the query cannot be compared.
  const query = isNullMarker(createText) ? undefined : extractViewQuery(createText!);
  const secure =
    normaliseBoolean(text(row, "is_secure")) ?? (createText ? createTextIsSecure(createText) : undefined);
  return defined({
    kind: "view" as const,
    name: `${database}.${schema}.${ident(text(row, "name"))}`,
    database,
    schema,
    query: query ?? "",
    queryCanonical: query === undefined ? undefined : canonicalSql(query),
    secure,
    comment: "comment" in row ? normaliseComment(text(row, "comment")) : undefined,
    owner: ownerOf(row, database),
    dependsOn: query
      ? queryDependencies(query, text(row, "database_name") ?? "", text(row, "schema_name") ?? "")
      : undefined,
  }) as ModelObject;
}

/** SHOW ROW ACCESS POLICIES (signature and body need DESCRIBE per policy: not read). */
export function policyFromRow(row: ShowRow): ModelObject {
  const database = ident(text(row, "database_name"));
  const schema = ident(text(row, "schema_name"));
  return defined({
    kind: "row_access_policy" as const,
    name: `${database}.${schema}.${ident(text(row, "name"))}`,
    database,
    schema,
    comment: "comment" in row ? normaliseComment(text(row, "comment")) : undefined,
    owner: ownerOf(row, database),
  });
}

/**
 * DESCRIBE ROW ACCESS POLICY: the body, which SHOW does not report. The signature is left out on
 * purpose: DESCRIBE prints types in Snowflake's resolved spelling, and a false signature difference
 * would be a change the planner must refuse (a signature cannot be altered).
 */
export function policyBodyFromDescribe(row: ShowRow): { body: string; bodyText: string } | undefined {
  const body = text(row, "body");
  if (body === null || body.trim() === "") return undefined;
  return { body: canonicalSql(body), bodyText: body.trim() };
}

/** SHOW TASKS. */
export function taskFromRow(row: ShowRow): ModelObject {
  const database = ident(text(row, "database_name"));
  const schema = ident(text(row, "schema_name"));
  const definition = text(row, "definition");
  const condition = text(row, "condition");
  return defined({
    kind: "task" as const,
    name: `${database}.${schema}.${ident(text(row, "name"))}`,
    database,
    schema,
    warehouse: "warehouse" in row ? optionalIdent(text(row, "warehouse")) : undefined,
    schedule: "schedule" in row ? normaliseOptionalName(text(row, "schedule")) : undefined,
    after:
      "predecessors" in row
        ? parsePredecessors(text(row, "predecessors")).map(resolveQualifiedName).sort()
        : undefined,
    condition: "condition" in row ? (isNullMarker(condition) ? null : canonicalSql(condition!)) : undefined,
    definition: definition ?? undefined,
    definitionCanonical: definition ? canonicalSql(definition) : undefined,
    state: normaliseTaskState(text(row, "state")),
    comment: "comment" in row ? normaliseComment(text(row, "comment")) : undefined,
    owner: ownerOf(row, database),
  });
}
