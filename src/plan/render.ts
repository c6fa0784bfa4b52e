/**
 * DDL for one difference. Every difference either renders to statements or throws PlanError:
 * nothing is skipped silently.
 */
import type { ObjectDifference, PropertyDifference } from "../diff/index.js";
import { PlanError } from "../errors/index.js";
import {
  type FutureGrantObject,
  type GrantObject,
  type ModelObject,
  objectLabel,
  pluralObjectType,
  quoteString,
  type ResourceMonitorObject,
  type RoleGrantObject,
  type RowAccessPolicyObject,
  type TaskObject,
  type UserObject,
  type ViewObject,
  type WarehouseObject,
} from "../model/index.js";

/** One statement of a plan. */
export interface RenderedStatement {
  sql: string;
  destructive: boolean;
  /** Why (`create`, `alter warehouse_size`, `revoke unexpected grant`, …). */
  reason: string;
}

const ddlType = (objectType: string) => objectType.replace(/_/g, " ");
const bool = (value: boolean) => (value ? "TRUE" : "FALSE");
const str = (value: string | null | undefined) =>
  value === null || value === undefined ? "NULL" : quoteString(value);

function cannotRender(difference: ObjectDifference, what: string, hint: string): never {
  throw new PlanError("PLAN_UNRENDERABLE", `cannot render ${what} for ${difference.label}`, {
    location: { object: difference.label },
    hint,
  });
}

// ── warehouses ──────────────────────────────────────────────────────────────────────────────────

const WAREHOUSE_PARAMS: Record<string, string> = {
  size: "WAREHOUSE_SIZE",
  type: "WAREHOUSE_TYPE",
  minClusterCount: "MIN_CLUSTER_COUNT",
  maxClusterCount: "MAX_CLUSTER_COUNT",
  scalingPolicy: "SCALING_POLICY",
  autoSuspend: "AUTO_SUSPEND",
  autoResume: "AUTO_RESUME",
  initiallySuspended: "INITIALLY_SUSPENDED",
  resourceMonitor: "RESOURCE_MONITOR",
  enableQueryAcceleration: "ENABLE_QUERY_ACCELERATION",
  queryAccelerationMaxScaleFactor: "QUERY_ACCELERATION_MAX_SCALE_FACTOR",
  comment: "COMMENT",
};

function warehouseValue(property: string, value: unknown): string {
  if (value === null) return "NULL";
  if (typeof value === "boolean") return bool(value);
  if (property === "comment" || property === "type") return quoteString(String(value));
  return String(value);
}

function createWarehouse(w: WarehouseObject): RenderedStatement[] {
  const settings = Object.entries(WAREHOUSE_PARAMS)
    .filter(([property]) => {
      const value = (w as unknown as Record<string, unknown>)[property];
      return value !== undefined && !(value === null && property !== "autoSuspend");
    })
    .map(
      ([property, param]) =>
        `${param} = ${warehouseValue(property, (w as unknown as Record<string, unknown>)[property])}`,
    );
  return [
    {
      sql: `CREATE WAREHOUSE ${w.name}${settings.length ? ` WITH ${settings.join(" ")}` : ""}`,
      destructive: false,
      reason: "create",
    },
  ];
}

function alterWarehouse(name: string, properties: PropertyDifference[]): RenderedStatement[] {
  const sets: string[] = [];
  const unsets: string[] = [];
  for (const p of properties) {
    const param = WAREHOUSE_PARAMS[p.property];
    if (!param) throw new PlanError("PLAN_UNRENDERABLE", `cannot render ${p.label} for WAREHOUSE ${name}`);
    if (p.declared === null && (p.property === "resourceMonitor" || p.property === "comment"))
      unsets.push(param);
    else sets.push(`${param} = ${warehouseValue(p.property, p.declared)}`);
  }
  const statements: RenderedStatement[] = [];
  const reason = `alter ${properties.map((p) => p.label).join(", ")}`;
  if (sets.length)
    statements.push({ sql: `ALTER WAREHOUSE ${name} SET ${sets.join(" ")}`, destructive: false, reason });
  if (unsets.length)
    statements.push({
      sql: `ALTER WAREHOUSE ${name} UNSET ${unsets.join(", ")}`,
      destructive: false,
      reason,
    });
  return statements;
}

// ── resource monitors ───────────────────────────────────────────────────────────────────────────

function triggersClause(m: ResourceMonitorObject): string {
  return (m.triggers ?? []).map((t) => `ON ${t.percent} PERCENT DO ${t.action}`).join(" ");
}

function monitorSettings(m: Partial<ResourceMonitorObject>, changing: Set<string> | undefined): string[] {
  const want = (property: string) => changing === undefined || changing.has(property);
  const settings: string[] = [];
  if (m.creditQuota !== undefined && want("creditQuota"))
    settings.push(`CREDIT_QUOTA = ${m.creditQuota ?? "NULL"}`);
  if (m.frequency !== undefined && want("frequency")) {
    // FREQUENCY and START_TIMESTAMP must be set together.
    settings.push(`FREQUENCY = ${m.frequency}`);
    settings.push(
      `START_TIMESTAMP = ${!m.startTimestamp || m.startTimestamp.toUpperCase() === "IMMEDIATELY" ? "IMMEDIATELY" : quoteString(m.startTimestamp)}`,
    );
  } else if (changing === undefined && m.startTimestamp !== undefined) {
    settings.push(
      `START_TIMESTAMP = ${m.startTimestamp.toUpperCase() === "IMMEDIATELY" ? "IMMEDIATELY" : quoteString(m.startTimestamp)}`,
    );
  }
  if (m.endTimestamp !== undefined && want("endTimestamp"))
    settings.push(`END_TIMESTAMP = ${str(m.endTimestamp)}`);
  if (m.notifyUsers !== undefined && want("notifyUsers"))
    settings.push(`NOTIFY_USERS = (${m.notifyUsers.join(", ")})`);
  return settings;
}

function createMonitor(m: ResourceMonitorObject): RenderedStatement[] {
  const settings = monitorSettings(m, undefined);
  const triggers = triggersClause(m);
  return [
    {
      sql: `CREATE RESOURCE MONITOR ${m.name}${settings.length ? ` WITH ${settings.join(" ")}` : ""}${triggers ? ` TRIGGERS ${triggers}` : ""}`,
      destructive: false,
      reason: "create",
    },
  ];
}

function alterMonitor(
  difference: ObjectDifference,
  desired: ResourceMonitorObject,
  attachedWarehouses: readonly WarehouseObject[],
): RenderedStatement[] {
  const changing = new Set(difference.properties.map((p) => p.property));
  const reason = `alter ${difference.properties.map((p) => p.label).join(", ")}`;
  if (changing.has("triggers") && (desired.triggers ?? []).length === 0) {
    // Snowflake cannot remove every trigger in place: the monitor is recreated and re-attached.
    return [
      {
        sql: `DROP RESOURCE MONITOR ${desired.name}`,
        destructive: true,
        reason: "recreate to remove all triggers",
      },
      ...createMonitor(desired),
      ...attachedWarehouses.map((w) => ({
        sql: `ALTER WAREHOUSE ${w.name} SET RESOURCE_MONITOR = ${desired.name}`,
        destructive: false,
        reason: "re-attach after recreate",
      })),
    ];
  }
  const settings = monitorSettings(desired, changing);
  const triggers = changing.has("triggers") ? triggersClause(desired) : "";
  return [
    {
      sql: `ALTER RESOURCE MONITOR ${desired.name}${settings.length ? ` SET ${settings.join(" ")}` : ""}${triggers ? ` TRIGGERS ${triggers}` : ""}`,
      destructive: false,
      reason,
    },
  ];
}

// ── roles, grants ───────────────────────────────────────────────────────────────────────────────

function grantOn(g: GrantObject): string {
  return g.objectType === "ACCOUNT" ? "ACCOUNT" : `${ddlType(g.objectType)} ${g.objectName}`;
}

function grantSql(g: GrantObject): string {
  return `GRANT ${g.privilege} ON ${grantOn(g)} TO ROLE ${g.role}${g.grantOption ? " WITH GRANT OPTION" : ""}`;
}

function revokeSql(g: GrantObject): string {
  return `REVOKE ${g.privilege} ON ${grantOn(g)} FROM ROLE ${g.role}`;
}

function futureOn(g: FutureGrantObject): string {
  return `FUTURE ${pluralObjectType(g.objectType)} IN ${g.scope} ${g.container}`;
}

function roleGrantSql(g: RoleGrantObject, revoke: boolean): string {
  return revoke
    ? `REVOKE ROLE ${g.role} FROM ${g.granteeType} ${g.grantee}`
    : `GRANT ROLE ${g.role} TO ${g.granteeType} ${g.grantee}`;
}

// ── users ───────────────────────────────────────────────────────────────────────────────────────

const USER_PARAMS: Record<string, string> = {
  type: "TYPE",
  loginName: "LOGIN_NAME",
  defaultRole: "DEFAULT_ROLE",
  defaultWarehouse: "DEFAULT_WAREHOUSE",
  defaultNamespace: "DEFAULT_NAMESPACE",
  disabled: "DISABLED",
  comment: "COMMENT",
};

function userValue(property: string, value: unknown): string {
  if (typeof value === "boolean") return bool(value);
  if (property === "loginName" || property === "comment" || property === "defaultNamespace")
    return str(value as string);
  return String(value);
}

function createUser(u: UserObject): RenderedStatement[] {
  const settings: string[] = [];
  for (const [property, param] of Object.entries(USER_PARAMS)) {
    const value = (u as unknown as Record<string, unknown>)[property];
    if (value !== undefined && value !== null) settings.push(`${param} = ${userValue(property, value)}`);
  }
  if (u.rsaPublicKey) settings.push(`RSA_PUBLIC_KEY = ${quoteString(u.rsaPublicKey)}`);
  return [
    {
      sql: `CREATE USER ${u.name}${settings.length ? ` ${settings.join(" ")}` : ""}`,
      destructive: false,
      reason: "create",
    },
  ];
}

function alterUser(difference: ObjectDifference, u: UserObject): RenderedStatement[] {
  const sets: string[] = [];
  const unsets: string[] = [];
  for (const p of difference.properties) {
    if (p.property === "hasRsaPublicKey") {
      if (!u.rsaPublicKey)
        cannotRender(difference, "rsa_public_key", "Declare rsaPublicKey with a value for this environment.");
      sets.push(`RSA_PUBLIC_KEY = ${quoteString(u.rsaPublicKey)}`);
      continue;
    }
    const param = USER_PARAMS[p.property];
    if (!param) cannotRender(difference, p.label, "This property cannot be changed by mercurios.");
    if (p.declared === null) unsets.push(param);
    else sets.push(`${param} = ${userValue(p.property, p.declared)}`);
  }
  const reason = `alter ${difference.properties.map((p) => p.label).join(", ")}`;
  const statements: RenderedStatement[] = [];
  if (sets.length)
    statements.push({ sql: `ALTER USER ${u.name} SET ${sets.join(" ")}`, destructive: false, reason });
  if (unsets.length)
    statements.push({ sql: `ALTER USER ${u.name} UNSET ${unsets.join(", ")}`, destructive: false, reason });
  return statements;
}

// ── policies, views, tasks ──────────────────────────────────────────────────────────────────────

function createPolicy(p: RowAccessPolicyObject, difference: ObjectDifference): RenderedStatement[] {
  if (!p.signature || !p.bodyText) cannotRender(difference, "the policy", "Declare signature and body.");
  const signature = p.signature.map((a) => `${a.name} ${a.type}`).join(", ");
  return [
    {
      sql: `CREATE ROW ACCESS POLICY ${p.name} AS (${signature}) RETURNS BOOLEAN -> ${p.bodyText}${p.comment ? ` COMMENT = ${quoteString(p.comment)}` : ""}`,
      destructive: false,
      reason: "create",
    },
  ];
}

function alterPolicy(difference: ObjectDifference, p: RowAccessPolicyObject): RenderedStatement[] {
  const statements: RenderedStatement[] = [];
  for (const property of difference.properties) {
    if (property.property === "body") {
      statements.push({
        sql: `ALTER ROW ACCESS POLICY ${p.name} SET BODY -> ${p.bodyText}`,
        destructive: false,
        reason: "alter body",
      });
    } else if (property.property === "comment") {
      statements.push({
        sql: p.comment
          ? `ALTER ROW ACCESS POLICY ${p.name} SET COMMENT = ${quoteString(p.comment)}`
          : `ALTER ROW ACCESS POLICY ${p.name} UNSET COMMENT`,
        destructive: false,
        reason: "alter comment",
      });
    } else {
      cannotRender(
        difference,
        `a change of ${property.label}`,
        "A policy's signature cannot be altered: detach it from its views, drop it by hand, then apply again.",
      );
    }
  }
  return statements;
}

function viewDdl(v: ViewObject, replace: boolean): RenderedStatement[] {
  const statements: RenderedStatement[] = [
    {
      sql: `CREATE ${replace ? "OR REPLACE " : ""}${v.secure ? "SECURE " : ""}VIEW ${v.name}${replace ? " COPY GRANTS" : ""} AS\n${v.query}`,
      destructive: false,
      reason: replace ? "replace (query changed)" : "create",
    },
  ];
  if (v.comment)
    statements.push({
      sql: `ALTER VIEW ${v.name} SET COMMENT = ${quoteString(v.comment)}`,
      destructive: false,
      reason: "comment",
    });
  for (const [column, text] of Object.entries(v.columnComments ?? {})) {
    statements.push({
      sql: `ALTER VIEW ${v.name} ALTER COLUMN ${column} COMMENT ${quoteString(text)}`,
      destructive: false,
      reason: "column comment",
    });
  }
  if (v.rowAccessPolicy) {
    statements.push({
      sql: `ALTER VIEW ${v.name} ADD ROW ACCESS POLICY ${v.rowAccessPolicy.policy} ON (${v.rowAccessPolicy.columns.join(", ")})`,
      destructive: false,
      reason: "row access policy",
    });
  }
  return statements;
}

function alterView(difference: ObjectDifference, v: ViewObject): RenderedStatement[] {
  const changing = new Set(difference.properties.map((p) => p.property));
  if (changing.has("queryCanonical")) return viewDdl(v, true);
  const statements: RenderedStatement[] = [];
  for (const p of difference.properties) {
    if (p.property === "secure") {
      statements.push({
        sql: `ALTER VIEW ${v.name} ${v.secure ? "SET" : "UNSET"} SECURE`,
        destructive: false,
        reason: "alter secure",
      });
    } else if (p.property === "comment") {
      statements.push({
        sql: v.comment
          ? `ALTER VIEW ${v.name} SET COMMENT = ${quoteString(v.comment)}`
          : `ALTER VIEW ${v.name} UNSET COMMENT`,
        destructive: false,
        reason: "alter comment",
      });
    } else
      cannotRender(difference, p.label, "Report this as a bug: every compared view property should render.");
  }
  return statements;
}

function createTask(t: TaskObject, replace: boolean): RenderedStatement[] {
  const parts = [`CREATE ${replace ? "OR REPLACE " : ""}TASK ${t.name}`];
  if (t.warehouse) parts.push(`WAREHOUSE = ${t.warehouse}`);
  if (t.schedule) parts.push(`SCHEDULE = ${quoteString(t.schedule)}`);
  if (t.comment) parts.push(`COMMENT = ${quoteString(t.comment)}`);
  if (t.after && t.after.length > 0) parts.push(`AFTER ${t.after.join(", ")}`);
  if (t.condition) parts.push(`WHEN ${t.condition}`);
  parts.push(`AS\n${t.definition ?? ""}`);
  const statements: RenderedStatement[] = [
    { sql: parts.join(" "), destructive: false, reason: replace ? "replace" : "create" },
  ];
  if (t.state === "started")
    statements.push({ sql: `ALTER TASK ${t.name} RESUME`, destructive: false, reason: "resume" });
  return statements;
}

function alterTask(difference: ObjectDifference, t: TaskObject): RenderedStatement[] {
  const changing = difference.properties.map((p) => p.property);
  if (changing.length === 1 && changing[0] === "state") {
    return [
      {
        sql: `ALTER TASK ${t.name} ${t.state === "started" ? "RESUME" : "SUSPEND"}`,
        destructive: false,
        reason: "alter state",
      },
    ];
  }
  return createTask(t, true);
}

// ── drops ───────────────────────────────────────────────────────────────────────────────────────

function dropSql(object: ModelObject): string {
  switch (object.kind) {
    case "grant":
      return revokeSql(object);
    case "future_grant":
      return `REVOKE ${object.privilege} ON ${futureOn(object)} FROM ROLE ${object.role}`;
    case "role_grant":
      return roleGrantSql(object, true);
    case "resource_monitor":
      return `DROP RESOURCE MONITOR ${object.name}`;
    case "row_access_policy":
      return `DROP ROW ACCESS POLICY ${object.name}`;
    case "table":
      throw new PlanError(
        "PLAN_UNRENDERABLE",
        `cannot render a change to ${objectLabel(object)}: tables belong to migrations`,
        {
          location: { object: objectLabel(object) },
          hint: "Write a migration for table changes; `plan` manages declared objects only.",
        },
      );
    default:
      return `DROP ${objectLabel(object)}`;
  }
}

const OWNERSHIP_TYPES: Partial<Record<ModelObject["kind"], string>> = {
  warehouse: "WAREHOUSE",
  role: "ROLE",
  view: "VIEW",
  row_access_policy: "ROW ACCESS POLICY",
  task: "TASK",
};

/** Transfers ownership, keeping the grants already on the object. */
function ownershipStep(object: ModelObject, reason: string): RenderedStatement | undefined {
  const owner = (object as { owner?: string }).owner;
  const type = OWNERSHIP_TYPES[object.kind];
  if (!owner || !type) return undefined;
  return {
    sql: `GRANT OWNERSHIP ON ${type} ${object.name} TO ROLE ${owner} COPY CURRENT GRANTS`,
    destructive: false,
    reason,
  };
}

/** Renders one difference. `context` gives the desired warehouses (for monitor re-attachment). */
export function renderDifference(
  difference: ObjectDifference,
  context: { desiredWarehouses: readonly WarehouseObject[] },
): RenderedStatement[] {
  const desired = difference.desired;
  if (difference.kind !== "unexpected" && desired) {
    const ownerChanged = difference.properties.some((p) => p.property === "owner");
    const rest = difference.properties.filter((p) => p.property !== "owner");
    const statements =
      difference.kind === "missing" || rest.length > 0
        ? renderWithoutOwner({ ...difference, properties: rest }, context)
        : [];
    const transfer = ownershipStep(desired, difference.kind === "missing" ? "owner" : "alter owner");
    if (transfer && (difference.kind === "missing" || ownerChanged)) statements.push(transfer);
    return statements;
  }
  return renderWithoutOwner(difference, context);
}

function renderWithoutOwner(
  difference: ObjectDifference,
  context: { desiredWarehouses: readonly WarehouseObject[] },
): RenderedStatement[] {
  if (difference.kind === "unexpected") {
    const live = difference.live!;
    const verb =
      live.kind === "grant" || live.kind === "future_grant" || live.kind === "role_grant" ? "revoke" : "drop";
    return [{ sql: dropSql(live), destructive: true, reason: `${verb} unexpected ${objectLabel(live)}` }];
  }
  const desired = difference.desired!;
  if (difference.kind === "missing") {
    switch (desired.kind) {
      case "warehouse":
        return createWarehouse(desired);
      case "resource_monitor":
        return createMonitor(desired);
      case "role":
        return [
          {
            sql: `CREATE ROLE ${desired.name}${desired.comment ? ` COMMENT = ${quoteString(desired.comment)}` : ""}`,
            destructive: false,
            reason: "create",
          },
        ];
      case "role_grant":
        return [{ sql: roleGrantSql(desired, false), destructive: false, reason: "grant role" }];
      case "grant":
        return [{ sql: grantSql(desired), destructive: false, reason: "grant" }];
      case "future_grant":
        return [
          {
            sql: `GRANT ${desired.privilege} ON ${futureOn(desired)} TO ROLE ${desired.role}${desired.grantOption ? " WITH GRANT OPTION" : ""}`,
            destructive: false,
            reason: "grant future",
          },
        ];
      case "user":
        return createUser(desired);
      case "row_access_policy":
        return createPolicy(desired, difference);
      case "view":
        return viewDdl(desired, false);
      case "task":
        return createTask(desired, false);
      case "table":
        return dropSql(desired) as never;
    }
  }
  // changed
  switch (desired.kind) {
    case "warehouse":
      return alterWarehouse(desired.name, difference.properties);
    case "resource_monitor":
      return alterMonitor(
        difference,
        desired,
        context.desiredWarehouses.filter((w) => w.resourceMonitor === desired.name),
      );
    case "role":
      return [
        {
          sql: desired.comment
            ? `ALTER ROLE ${desired.name} SET COMMENT = ${quoteString(desired.comment)}`
            : `ALTER ROLE ${desired.name} UNSET COMMENT`,
          destructive: false,
          reason: "alter comment",
        },
      ];
    case "grant":
      return desired.grantOption
        ? [{ sql: grantSql(desired), destructive: false, reason: "add grant option" }]
        : [
            {
              sql: `REVOKE GRANT OPTION FOR ${desired.privilege} ON ${grantOn(desired)} FROM ROLE ${desired.role}`,
              destructive: true,
              reason: "remove grant option",
            },
          ];
    case "future_grant":
      return desired.grantOption
        ? [
            {
              sql: `GRANT ${desired.privilege} ON ${futureOn(desired)} TO ROLE ${desired.role} WITH GRANT OPTION`,
              destructive: false,
              reason: "add grant option",
            },
          ]
        : [
            {
              sql: `REVOKE GRANT OPTION FOR ${desired.privilege} ON ${futureOn(desired)} FROM ROLE ${desired.role}`,
              destructive: true,
              reason: "remove grant option",
            },
          ];
    case "user":
      return alterUser(difference, desired);
    case "row_access_policy":
      return alterPolicy(difference, desired);
    case "view":
      return alterView(difference, desired);
    case "task":
      return alterTask(difference, desired);
    case "role_grant":
    case "table":
      return cannotRender(
        difference,
        difference.properties.map((p) => p.label).join(", "),
        desired.kind === "table"
          ? "Tables belong to migrations: write a migration for this change."
          : "Report this as a bug.",
      );
  }
}
