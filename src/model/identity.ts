/**
 * Identity of model objects (kind + resolved name), how they are named for people, what category
 * of change they represent, and which of their properties are compared.
 */
import { displayWarehouseSize } from "./normalise.js";
import type { ChangeCategory, ModelObject, ObjectKind } from "./types.js";

/** The key two objects share exactly when they are the same object: `<kind>:<name>`. */
export function objectKey(object: Pick<ModelObject, "kind" | "name">): string {
  return `${object.kind}:${object.name}`;
}

const KIND_LABELS: Record<ObjectKind, string> = {
  warehouse: "WAREHOUSE",
  resource_monitor: "RESOURCE MONITOR",
  role: "ROLE",
  role_grant: "ROLE GRANT",
  grant: "GRANT",
  future_grant: "FUTURE GRANT",
  user: "USER",
  view: "VIEW",
  row_access_policy: "ROW ACCESS POLICY",
  task: "TASK",
  table: "TABLE",
};

/** `WAREHOUSE MERCURIOS_DEV_WH`, `GRANT SELECT ON VIEW … -> MERCURIOS_ANALYST`. */
export function objectLabel(object: Pick<ModelObject, "kind" | "name">): string {
  return `${KIND_LABELS[object.kind]} ${object.name}`;
}

export function kindLabel(kind: ObjectKind): string {
  return KIND_LABELS[kind];
}

const KIND_CATEGORY: Record<ObjectKind, ChangeCategory> = {
  warehouse: "cost",
  resource_monitor: "cost",
  role: "security",
  role_grant: "security",
  grant: "security",
  future_grant: "security",
  user: "security",
  row_access_policy: "security",
  view: "schema",
  task: "schema",
  table: "schema",
};

/** Properties whose change is about access even on a schema object. */
const SECURITY_PROPERTIES = new Set(["secure", "rowAccessPolicy", "owner"]);

/** What a change to this object (or one property of it) is about. */
export function changeCategory(kind: ObjectKind, property?: string): ChangeCategory {
  if (property && SECURITY_PROPERTIES.has(property)) return "security";
  return KIND_CATEGORY[kind];
}

/**
 * Properties compared per kind. Create-only properties (initially suspended, start timestamp,
 * column comments, the public key itself) are left out: Snowflake cannot report them back.
 * Identity fields (role, grantee, privilege …) are part of the name and need no comparison.
 */
export const COMPARED_PROPERTIES: { [K in ObjectKind]: readonly string[] } = {
  warehouse: [
    "size",
    "type",
    "minClusterCount",
    "maxClusterCount",
    "scalingPolicy",
    "autoSuspend",
    "autoResume",
    "resourceMonitor",
    "enableQueryAcceleration",
    "queryAccelerationMaxScaleFactor",
    "comment",
    "owner",
  ],
  resource_monitor: ["creditQuota", "frequency", "endTimestamp", "notifyUsers", "triggers"],
  role: ["comment", "owner"],
  role_grant: [],
  grant: ["grantOption"],
  future_grant: ["grantOption"],
  user: [
    "type",
    "loginName",
    "defaultRole",
    "defaultWarehouse",
    "defaultNamespace",
    "disabled",
    "hasRsaPublicKey",
    "comment",
  ],
  view: ["queryCanonical", "secure", "comment", "owner"],
  row_access_policy: ["signature", "body", "comment", "owner"],
  task: ["warehouse", "schedule", "after", "condition", "definitionCanonical", "state", "comment", "owner"],
  table: ["columns"],
};

/** Property names as shown to people (the Snowflake parameter where there is one). */
const PROPERTY_LABELS: Record<string, string> = {
  size: "warehouse_size",
  type: "type",
  minClusterCount: "min_cluster_count",
  maxClusterCount: "max_cluster_count",
  scalingPolicy: "scaling_policy",
  autoSuspend: "auto_suspend",
  autoResume: "auto_resume",
  resourceMonitor: "resource_monitor",
  enableQueryAcceleration: "enable_query_acceleration",
  queryAccelerationMaxScaleFactor: "query_acceleration_max_scale_factor",
  creditQuota: "credit_quota",
  frequency: "frequency",
  endTimestamp: "end_timestamp",
  notifyUsers: "notify_users",
  triggers: "triggers",
  grantOption: "grant_option",
  loginName: "login_name",
  defaultRole: "default_role",
  defaultWarehouse: "default_warehouse",
  defaultNamespace: "default_namespace",
  disabled: "disabled",
  hasRsaPublicKey: "rsa_public_key",
  queryCanonical: "query",
  definitionCanonical: "definition",
  secure: "secure",
  comment: "comment",
  signature: "signature",
  body: "body",
  warehouse: "warehouse",
  schedule: "schedule",
  after: "after",
  condition: "when",
  state: "state",
  columns: "columns",
  owner: "owner",
};

export function propertyLabel(property: string): string {
  return PROPERTY_LABELS[property] ?? property;
}

/** A property value as people read it in reports (sizes in display form, lists joined). */
export function displayValue(property: string, value: unknown): string {
  if (value === undefined) return "(not set)";
  if (value === null) return "(unset)";
  if (property === "size" && typeof value === "string") {
    return `${value} (${displayWarehouseSize(value as Parameters<typeof displayWarehouseSize>[0])})`;
  }
  if (property === "triggers" && Array.isArray(value)) {
    return value.length === 0
      ? "(none)"
      : value.map((t: { percent: number; action: string }) => `${t.percent}% ${t.action}`).join(", ");
  }
  if (property === "signature" && Array.isArray(value)) {
    return `(${value.map((a: { name: string; type: string }) => `${a.name} ${a.type}`).join(", ")})`;
  }
  if (property === "columns" && Array.isArray(value)) {
    return value
      .map(
        (c: { name: string; type: string; nullable: boolean }) =>
          `${c.name} ${c.type}${c.nullable ? "" : " NOT NULL"}`,
      )
      .join(", ");
  }
  if (Array.isArray(value)) return value.length === 0 ? "(none)" : value.join(", ");
  return String(value);
}
