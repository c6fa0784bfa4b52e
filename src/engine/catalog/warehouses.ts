/** CREATE / ALTER / DROP / DESCRIBE / USE WAREHOUSE and SHOW PARAMETERS IN WAREHOUSE (SHOW WAREHOUSES: show/warehouses.ts). */
import type { CatalogContext, CatalogEnv } from "./context.js";
import { alreadyExists, catalogError, invalidValue, notFound } from "./errors.js";
import type { Cursor, PropertyValue } from "./lexer.js";
import { closeRun, openRun, quotaExceeded, settleWarehouse } from "./metering.js";
import type { Warehouse } from "./model.js";
import { displayName } from "./names.js";
import {
  dropGrantsOn,
  renameGrantsOn,
  requireAccountPrivilege,
  requireOwnership,
  seesObject,
  sessionRoles,
  setOwner,
} from "./privileges.js";
import { type CatalogResult, columns, OK, status, ts } from "./results.js";
import { sizeDisplay } from "./sizes.js";

const PARAMETERS: Record<string, { default: number; description: string }> = {
  MAX_CONCURRENCY_LEVEL: {
    default: 8,
    description: "Maximum concurrency level for the warehouse.",
  },
  STATEMENT_QUEUED_TIMEOUT_IN_SECONDS: {
    default: 0,
    description:
      "Timeout in seconds for queued statements: statements will automatically be canceled if they are queued on a warehouse for longer than this amount of time; disabled if set to zero.",
  },
  STATEMENT_TIMEOUT_IN_SECONDS: {
    default: 172800,
    description:
      "Timeout in seconds for statements: statements are automatically canceled if they run for longer; if set to zero, max value (604800) is enforced.",
  },
};

const PROPERTIES = new Set([
  "WAREHOUSE_TYPE",
  "WAREHOUSE_SIZE",
  "MAX_CLUSTER_COUNT",
  "MIN_CLUSTER_COUNT",
  "SCALING_POLICY",
  "AUTO_SUSPEND",
  "AUTO_RESUME",
  "INITIALLY_SUSPENDED",
  "RESOURCE_MONITOR",
  "COMMENT",
  "ENABLE_QUERY_ACCELERATION",
  "QUERY_ACCELERATION_MAX_SCALE_FACTOR",
  "WAIT_FOR_COMPLETION",
  "GENERATION",
  "RESOURCE_CONSTRAINT",
  ...Object.keys(PARAMETERS),
]);

/** Reads `[WITH] KEY = value …` pairs until a word that is not a known property. */
function readProperties(c: Cursor): Map<string, PropertyValue> {
  const props = new Map<string, PropertyValue>();
  c.acceptKw("WITH");
  for (;;) {
    const t = c.peek();
    if (t?.kind !== "word") break;
    const key = t.text.toUpperCase();
    if (key === "WITH") {
      c.next();
      continue;
    }
    if (key === "TAG") {
      c.next();
      skipParens(c);
      continue;
    }
    if (!PROPERTIES.has(key)) c.fail("a warehouse property");
    c.next();
    c.expectSymbol("=");
    props.set(key, c.value());
    c.acceptSymbol(",");
  }
  return props;
}

function skipParens(c: Cursor): void {
  c.expectSymbol("(");
  let depth = 1;
  while (depth > 0) {
    const t = c.next();
    if (t.kind === "symbol" && t.text === "(") depth++;
    if (t.kind === "symbol" && t.text === ")") depth--;
  }
}

function text(v: PropertyValue): string {
  return v.kind === "list" ? v.items.join(",") : v.text;
}

function bool(key: string, v: PropertyValue): boolean {
  const s = text(v).toUpperCase();
  if (s === "TRUE" || s === "1") return true;
  if (s === "FALSE" || s === "0") return false;
  throw invalidValue(`invalid value '${text(v)}' for property '${key}'`);
}

function int(key: string, v: PropertyValue, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(text(v));
  if (v.kind !== "number" || !Number.isInteger(n) || n < min || n > max)
    throw invalidValue(`invalid value '${text(v)}' for property '${key}'`);
  return n;
}

/** Applies SET properties to a warehouse record, validating each as Snowflake does. */
function applyProperties(env: CatalogEnv, w: Warehouse, props: Map<string, PropertyValue>): void {
  for (const [key, v] of props) {
    switch (key) {
      case "WAREHOUSE_TYPE": {
        const t = text(v).toUpperCase();
        if (t !== "STANDARD" && t !== "SNOWPARK-OPTIMIZED")
          throw invalidValue(`invalid value '${text(v)}' for property 'WAREHOUSE_TYPE'`);
        w.type = t;
        break;
      }
      case "WAREHOUSE_SIZE": {
        const size = sizeDisplay(text(v));
        if (!size) throw invalidValue(`invalid value '${text(v)}' for property 'WAREHOUSE_SIZE'`);
        if (size !== w.size && w.runningSince !== null) {
          // A resize while running bills the old size up to now and the new size from now.
          const now = env.now();
          closeRun(env, w, now);
          w.size = size;
          openRun(w, now, false);
        }
        w.size = size;
        break;
      }
      case "MAX_CLUSTER_COUNT":
        w.maxClusterCount = int(key, v, 1, 10);
        break;
      case "MIN_CLUSTER_COUNT":
        w.minClusterCount = int(key, v, 1, 10);
        break;
      case "SCALING_POLICY": {
        const p = text(v).toUpperCase();
        if (p !== "STANDARD" && p !== "ECONOMY")
          throw invalidValue(`invalid value '${text(v)}' for property 'SCALING_POLICY'`);
        w.scalingPolicy = p;
        break;
      }
      case "AUTO_SUSPEND":
        w.autoSuspend = v.kind === "word" && v.text === "NULL" ? null : int(key, v);
        if (w.autoSuspend !== null && w.autoSuspend > 0 && w.autoSuspend < 60) w.autoSuspend = 60;
        break;
      case "AUTO_RESUME":
        w.autoResume = bool(key, v);
        break;
      case "INITIALLY_SUSPENDED":
        bool(key, v);
        break;
      case "RESOURCE_MONITOR": {
        const name = text(v);
        if (v.kind === "word" && name === "NULL") w.resourceMonitor = null;
        else {
          if (!env.store.monitors.has(name)) throw notFound("Resource monitor", name);
          w.resourceMonitor = name;
        }
        break;
      }
      case "COMMENT":
        w.comment = text(v);
        break;
      case "ENABLE_QUERY_ACCELERATION":
        w.enableQueryAcceleration = bool(key, v);
        break;
      case "QUERY_ACCELERATION_MAX_SCALE_FACTOR":
        w.queryAccelerationMaxScaleFactor = int(key, v, 0, 100);
        break;
      case "GENERATION":
        w.resourceConstraint = text(v) === "2" ? "STANDARD_GEN_2" : "STANDARD_GEN_1";
        break;
      case "RESOURCE_CONSTRAINT":
        w.resourceConstraint = text(v).toUpperCase();
        break;
      case "WAIT_FOR_COMPLETION":
        break;
      default:
        w.parameters[key] = int(key, v);
    }
  }
  if (w.minClusterCount > w.maxClusterCount)
    throw invalidValue("MIN_CLUSTER_COUNT must be less than or equal to MAX_CLUSTER_COUNT");
}

export function getWarehouse(env: CatalogEnv, name: string): Warehouse {
  const w = env.store.warehouses.get(name);
  if (!w) throw notFound("Warehouse", displayName([name]));
  settleWarehouse(env, w);
  return w;
}

export async function createWarehouse(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  orReplace: boolean,
): Promise<CatalogResult> {
  const roles = sessionRoles(env, ctx);
  requireAccountPrivilege(env, roles, "CREATE WAREHOUSE");
  const ifNotExists = c.acceptKw("IF", "NOT", "EXISTS");
  if (orReplace && ifNotExists)
    throw catalogError(
      "002029",
      "42601",
      "SQL compilation error:\nOR REPLACE and IF NOT EXISTS are incompatible.",
    );
  const name = c.ident("warehouse name");
  const props = readProperties(c);
  if (!c.atEnd()) c.fail("a warehouse property");
  const existing = env.store.warehouses.get(name);
  if (existing && ifNotExists) return status(`${displayName([name])} already exists, statement succeeded.`);
  if (existing && !orReplace) throw alreadyExists("Object", displayName([name]));
  const now = env.now();
  const w: Warehouse = {
    name,
    type: "STANDARD",
    size: "X-Small",
    minClusterCount: 1,
    maxClusterCount: 1,
    scalingPolicy: "STANDARD",
    autoSuspend: 600,
    autoResume: true,
    state: "STARTED",
    resourceMonitor: null,
    comment: "",
    enableQueryAcceleration: false,
    queryAccelerationMaxScaleFactor: 8,
    parameters: {},
    createdOn: now,
    resumedOn: now,
    updatedOn: now,
    owner: ctx.role,
    runningSince: null,
    runMinimum: true,
    lastActivity: null,
    suspendedByMonitor: null,
  };
  if (props.has("MAX_CLUSTER_COUNT") && !props.has("MIN_CLUSTER_COUNT")) w.maxClusterCount = 10;
  applyProperties(env, w, props);
  const initiallySuspended =
    props.has("INITIALLY_SUSPENDED") && bool("INITIALLY_SUSPENDED", props.get("INITIALLY_SUSPENDED")!);
  if (existing) closeRun(env, existing, now);
  if (initiallySuspended) w.state = "SUSPENDED";
  else openRun(w, now, true);
  await env.store.putWarehouse(w);
  if (!existing) await setOwner(env, "WAREHOUSE", [name], ctx.role);
  // Snowflake makes a newly created warehouse the session's current warehouse.
  return {
    ...status(`Warehouse ${displayName([name])} successfully created.`),
    session: { warehouse: name },
  };
}

export async function alterWarehouse(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
): Promise<CatalogResult> {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const name = c.atEnd() || c.isKw("SUSPEND") || c.isKw("RESUME") ? ctx.warehouse : c.ident("warehouse name");
  if (!name)
    throw catalogError(
      "000606",
      "57P03",
      "No active warehouse selected in the current session. Select an active warehouse with the 'use warehouse' command.",
    );
  const w = env.store.warehouses.get(name);
  if (!w) {
    if (ifExists) return status(OK);
    throw notFound("Warehouse", displayName([name]));
  }
  settleWarehouse(env, w);
  const roles = sessionRoles(env, ctx);
  const now = env.now();
  if (c.acceptKw("SUSPEND")) {
    requireWarehousePrivilege(env, roles, name, ["OPERATE"]);
    if (w.state === "SUSPENDED")
      throw catalogError(
        "090064",
        "22000",
        `Invalid state. Warehouse '${displayName([name])}' cannot be suspended.`,
      );
    closeRun(env, w, now);
    w.state = "SUSPENDED";
  } else if (c.acceptKw("RESUME")) {
    requireWarehousePrivilege(env, roles, name, ["OPERATE"]);
    const ifSuspended = c.acceptKw("IF", "SUSPENDED");
    if (w.state === "STARTED") {
      if (!ifSuspended)
        throw catalogError(
          "090063",
          "22000",
          `Invalid state. Warehouse '${displayName([name])}' cannot be resumed because it is not suspended.`,
        );
    } else {
      if (w.suspendedByMonitor) throw quotaExceeded(displayName([name]), w.suspendedByMonitor);
      w.state = "STARTED";
      w.resumedOn = now;
      openRun(w, now, true);
    }
  } else if (c.acceptKw("ABORT", "ALL", "QUERIES")) {
    requireWarehousePrivilege(env, roles, name, ["OPERATE"]);
  } else if (c.acceptKw("RENAME", "TO")) {
    requireOwnership(env, roles, "WAREHOUSE", "Warehouse", [name]);
    const to = c.ident("new name");
    if (env.store.warehouses.has(to)) throw alreadyExists("Object", displayName([to]));
    await env.store.deleteWarehouse(name);
    w.name = to;
    await renameGrantsOn(env, "WAREHOUSE", [name], [to]);
    w.updatedOn = now;
    await env.store.putWarehouse(w);
    return status(OK);
  } else if (c.acceptKw("SET")) {
    const props = readProperties(c);
    if (props.size === 0) c.fail("a warehouse property");
    if ([...props.keys()].every((k) => k === "RESOURCE_MONITOR")) {
      if (!roles.roles.has("ACCOUNTADMIN"))
        throw catalogError(
          "003001",
          "42501",
          "SQL access control error:\nInsufficient privileges to operate on account",
        );
    } else requireWarehousePrivilege(env, roles, name, ["MODIFY"]);
    applyProperties(env, w, props);
  } else if (c.acceptKw("UNSET")) {
    requireWarehousePrivilege(env, roles, name, ["MODIFY"]);
    do {
      const key = c.ident("property name");
      unsetProperty(w, key);
    } while (c.acceptSymbol(","));
  } else c.fail("SUSPEND, RESUME, RENAME, SET or UNSET");
  if (!c.atEnd()) c.fail("end of statement");
  w.updatedOn = now;
  await env.store.putWarehouse(w);
  return status(OK);
}

/** UNSET resets most properties to their defaults, with the quirks Snowflake has. */
function unsetProperty(w: Warehouse, key: string): void {
  switch (key) {
    case "WAREHOUSE_TYPE":
    case "SCALING_POLICY":
      throw invalidValue(`invalid type of property 'null' for '${key}'`);
    case "WAREHOUSE_SIZE":
      w.size = "X-Small";
      break;
    case "MAX_CLUSTER_COUNT":
    case "MIN_CLUSTER_COUNT":
      if (key === "MAX_CLUSTER_COUNT") w.maxClusterCount = 1;
      else w.minClusterCount = 1;
      break;
    case "AUTO_SUSPEND":
      w.autoSuspend = 0;
      break;
    case "AUTO_RESUME":
      w.autoResume = false;
      break;
    case "RESOURCE_MONITOR":
      w.resourceMonitor = null;
      break;
    case "COMMENT":
      w.comment = "";
      break;
    case "ENABLE_QUERY_ACCELERATION":
      w.enableQueryAcceleration = false;
      break;
    case "QUERY_ACCELERATION_MAX_SCALE_FACTOR":
      w.queryAccelerationMaxScaleFactor = 8;
      break;
    default:
      if (key in PARAMETERS) delete w.parameters[key];
      else throw invalidValue(`invalid property '${key}' for 'WAREHOUSE'`);
  }
}

function requireWarehousePrivilege(
  env: CatalogEnv,
  roles: ReturnType<typeof sessionRoles>,
  name: string,
  privileges: string[],
): void {
  if (hasWarehouse(env, roles, name, privileges)) return;
  requireOwnership(env, roles, "WAREHOUSE", "Warehouse", [name]);
}

function hasWarehouse(
  env: CatalogEnv,
  roles: ReturnType<typeof sessionRoles>,
  name: string,
  privileges: string[],
) {
  return [...env.store.grants.values()].some(
    (g) =>
      g.objectType === "WAREHOUSE" &&
      g.objectName[0] === name &&
      (g.privilege === "OWNERSHIP" || privileges.includes(g.privilege)) &&
      (g.granteeKind === "ROLE" ? roles.roles.has(g.grantee) : roles.databaseRoles.has(g.grantee)),
  );
}

export async function dropWarehouse(env: CatalogEnv, ctx: CatalogContext, c: Cursor): Promise<CatalogResult> {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const name = c.ident("warehouse name");
  const w = env.store.warehouses.get(name);
  if (!w) {
    if (ifExists)
      return status(`Drop statement executed successfully (${displayName([name])} already dropped).`);
    throw notFound("Warehouse", displayName([name]));
  }
  requireOwnership(env, sessionRoles(env, ctx), "WAREHOUSE", "Warehouse", [name]);
  closeRun(env, w, env.now());
  await env.store.deleteWarehouse(name);
  await dropGrantsOn(env, "WAREHOUSE", [name]);
  return status(`${displayName([name])} successfully dropped.`);
}

export async function useWarehouse(env: CatalogEnv, ctx: CatalogContext, c: Cursor): Promise<CatalogResult> {
  const name = c.ident("warehouse name");
  if (!c.atEnd()) c.fail("end of statement");
  const roles = sessionRoles(env, ctx);
  if (!env.store.warehouses.has(name) || !seesObject(env, roles, "WAREHOUSE", [name]))
    throw notFound("Object", displayName([name]));
  if (!hasWarehouse(env, roles, name, ["USAGE"]))
    throw catalogError(
      "003001",
      "42501",
      `SQL access control error:\nInsufficient privileges to operate on warehouse '${displayName([name])}'`,
    );
  return { kind: "USE", columns: columns(["status:t"]), rows: [[OK]], session: { warehouse: name } };
}

export function describeWarehouse(env: CatalogEnv, ctx: CatalogContext, c: Cursor): CatalogResult {
  const name = c.ident("warehouse name");
  const w = env.store.warehouses.get(name);
  if (!w || !seesObject(env, sessionRoles(env, ctx), "WAREHOUSE", [name]))
    throw notFound("Warehouse", displayName([name]));
  return {
    kind: "DESCRIBE",
    columns: columns(["created_on:d", "name:t", "kind:t"]),
    rows: [[ts(w.createdOn), w.name, "WAREHOUSE"]],
  };
}

/** SHOW PARAMETERS IN WAREHOUSE w: key, value, default, level, description, type. */
export function showWarehouseParameters(
  env: CatalogEnv,
  ctx: CatalogContext,
  like: ((s: string) => boolean) | null,
  name: string,
): CatalogResult {
  const w = env.store.warehouses.get(name);
  if (!w || !seesObject(env, sessionRoles(env, ctx), "WAREHOUSE", [name]))
    throw notFound("Warehouse", displayName([name]));
  const rows = Object.entries(PARAMETERS)
    .filter(([key]) => !like || like(key))
    .map(([key, p]) => {
      const set = w.parameters[key];
      return [
        key,
        String(set ?? p.default),
        String(p.default),
        set === undefined ? "" : "WAREHOUSE",
        p.description,
        "NUMBER",
      ];
    });
  return {
    kind: "SHOW",
    columns: columns(["key:t", "value:t", "default:t", "level:t", "description:t", "type:t"]),
    rows,
  };
}

/** GET_DDL('WAREHOUSE', name). */
export function warehouseDdl(w: Warehouse): string {
  const props = [
    `warehouse_type='${w.type}'`,
    `warehouse_size='${w.size}'`,
    `max_cluster_count=${w.maxClusterCount}`,
    `min_cluster_count=${w.minClusterCount}`,
    `scaling_policy=${w.scalingPolicy}`,
    `auto_suspend=${w.autoSuspend ?? "NULL"}`,
    `auto_resume=${String(w.autoResume).toUpperCase()}`,
    "initially_suspended=TRUE",
    ...(w.resourceMonitor ? [`resource_monitor=${displayName([w.resourceMonitor])}`] : []),
    `enable_query_acceleration=${String(w.enableQueryAcceleration).toUpperCase()}`,
    `query_acceleration_max_scale_factor=${w.queryAccelerationMaxScaleFactor}`,
    ...(w.comment ? [`comment='${w.comment.replace(/'/g, "\\'")}'`] : []),
    // The warehouse's parameters follow its properties, defaults included (GET_DDL reference).
    ...Object.entries(PARAMETERS).map(([key, p]) => `${key.toLowerCase()}=${w.parameters[key] ?? p.default}`),
  ];
  return `create or replace warehouse ${displayName([w.name])}\nwith\n\t${props.join("\n\t")}\n;`;
}
