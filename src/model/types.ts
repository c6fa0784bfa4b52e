/**
 * The one model of account objects, used for both desired state (declarations) and live state
 * (introspection), as in Atlas. Every name is in resolved, SQL-ready form (`quoteIdentifier`
 * applied per part), so two objects are the same object exactly when their kind and name match.
 *
 * A property left `undefined` on a desired object is *not managed*: it is neither compared nor
 * rendered, so Snowflake's defaults are never hard-coded. `null` means "declared as unset".
 */

/** Canonical warehouse sizes (the DDL keyword form). */
export type WarehouseSize =
  | "XSMALL"
  | "SMALL"
  | "MEDIUM"
  | "LARGE"
  | "XLARGE"
  | "XXLARGE"
  | "XXXLARGE"
  | "X4LARGE"
  | "X5LARGE"
  | "X6LARGE";

export type MonitorFrequency = "MONTHLY" | "DAILY" | "WEEKLY" | "YEARLY" | "NEVER";
export type TriggerAction = "NOTIFY" | "SUSPEND" | "SUSPEND_IMMEDIATE";

/** A resource monitor trigger: at `percent` of the quota, do `action`. */
export interface MonitorTrigger {
  percent: number;
  action: TriggerAction;
}

/** What a drift or change is about, for people deciding how urgent it is. */
export type ChangeCategory = "security" | "cost" | "schema";

export interface WarehouseObject {
  kind: "warehouse";
  name: string;
  size?: WarehouseSize;
  type?: "STANDARD" | "SNOWPARK-OPTIMIZED";
  minClusterCount?: number;
  maxClusterCount?: number;
  scalingPolicy?: "STANDARD" | "ECONOMY";
  /** Seconds; `null` means never suspend (Snowflake reports it as NULL or 0). */
  autoSuspend?: number | null;
  autoResume?: boolean;
  /** Create-only: Snowflake cannot report it back, so it is never compared. */
  initiallySuspended?: boolean;
  resourceMonitor?: string | null;
  enableQueryAcceleration?: boolean;
  queryAccelerationMaxScaleFactor?: number;
  comment?: string | null;
  /** Owning role (DATABASE_ROLE owners qualified with their database). Compared only when declared. */
  owner?: string;
}

export interface ResourceMonitorObject {
  kind: "resource_monitor";
  name: string;
  creditQuota?: number | null;
  frequency?: MonitorFrequency;
  /** Create-only (`IMMEDIATELY` or a timestamp); reported back in the session time zone, never compared. */
  startTimestamp?: string;
  endTimestamp?: string | null;
  notifyUsers?: string[];
  /** Sorted by percent then action; an empty list means no triggers. */
  triggers?: MonitorTrigger[];
}

export interface RoleObject {
  kind: "role";
  name: string;
  comment?: string | null;
  /** Owning role (DATABASE_ROLE owners qualified with their database). Compared only when declared. */
  owner?: string;
}

/** A role granted to a role or a user (`GRANT ROLE role TO ROLE|USER grantee`). */
export interface RoleGrantObject {
  kind: "role_grant";
  /** `<role> -> ROLE|USER <grantee>`. */
  name: string;
  role: string;
  granteeType: "ROLE" | "USER";
  grantee: string;
}

/** A privilege on one object, granted to a role. */
export interface GrantObject {
  kind: "grant";
  /** `<PRIVILEGE> ON <TYPE> <object> -> <role>`. */
  name: string;
  privilege: string;
  /** Object type with underscores, as SHOW GRANTS spells it: `TABLE`, `MATERIALIZED_VIEW`, `ACCOUNT`. */
  objectType: string;
  /** Qualified object name; empty for `ACCOUNT`. */
  objectName: string;
  role: string;
  grantOption?: boolean;
}

/** A privilege on future objects of one type in a database or schema. */
export interface FutureGrantObject {
  kind: "future_grant";
  /** `<PRIVILEGE> ON FUTURE <TYPE>S IN <SCOPE> <container> -> <role>`. */
  name: string;
  privilege: string;
  /** Singular object type with underscores: `TABLE`, `VIEW`, `MATERIALIZED_VIEW`. */
  objectType: string;
  scope: "DATABASE" | "SCHEMA";
  /** `DB` or `DB.SCHEMA`. */
  container: string;
  role: string;
  grantOption?: boolean;
}

export interface UserObject {
  kind: "user";
  name: string;
  type?: "PERSON" | "SERVICE" | "LEGACY_SERVICE";
  loginName?: string;
  defaultRole?: string | null;
  defaultWarehouse?: string | null;
  defaultNamespace?: string | null;
  disabled?: boolean;
  /** Only whether a key is set is compared: Snowflake reports a fingerprint, never the key. */
  hasRsaPublicKey?: boolean;
  /** Rendered into DDL only; never compared or printed in reports. */
  rsaPublicKey?: string;
  comment?: string | null;
}

export interface ViewObject {
  kind: "view";
  /** `DB.SCHEMA.VIEW`. */
  name: string;
  database: string;
  schema: string;
  /** The SELECT, as written (kept for the report diff). */
  query: string;
  /** Canonical token form of `query`, compared instead of the text. */
  queryCanonical: string;
  secure?: boolean;
  comment?: string | null;
  /** Create-only: column comments. */
  columnComments?: Record<string, string>;
  /** Create-only: `{ policy, columns }` row access policy attachment. */
  rowAccessPolicy?: { policy: string; columns: string[] } | null;
  /** Qualified names of relations the query reads (dependencies for ordering). */
  dependsOn?: string[];
  /** Where it was declared (`views/ANALYTICS/X.sql`), for messages. */
  source?: string;
  /** Line of `source` where `query` starts (after front matter and blank lines), for error locations. */
  sourceLine?: number;
  /** Owning role (DATABASE_ROLE owners qualified with their database). Compared only when declared. */
  owner?: string;
}

export interface RowAccessPolicyObject {
  kind: "row_access_policy";
  name: string;
  database: string;
  schema: string;
  /** Arguments, e.g. `[{ name: "TENANT_ID", type: "VARCHAR" }]`. */
  signature?: { name: string; type: string }[];
  /** Boolean expression after `->`, canonical (compared). */
  body?: string;
  /** The expression as written, for DDL and reports. */
  bodyText?: string;
  comment?: string | null;
  /** Owning role (DATABASE_ROLE owners qualified with their database). Compared only when declared. */
  owner?: string;
}

export interface TaskObject {
  kind: "task";
  name: string;
  database: string;
  schema: string;
  warehouse?: string | null;
  schedule?: string | null;
  /** Qualified predecessor task names. */
  after?: string[];
  condition?: string | null;
  /** The SQL the task runs (`AS ...`). */
  definition?: string;
  definitionCanonical?: string;
  /** `started` or `suspended`. */
  state?: "started" | "suspended";
  comment?: string | null;
  /** Owning role (DATABASE_ROLE owners qualified with their database). Compared only when declared. */
  owner?: string;
}

export interface ColumnModel {
  name: string;
  /** Snowflake type as DESCRIBE prints it: `NUMBER(38,0)`, `VARCHAR(16777216)`. */
  type: string;
  nullable: boolean;
}

/** Tables and their columns: desired state comes from replaying migrations (`--include tables`). */
export interface TableObject {
  kind: "table";
  name: string;
  database: string;
  schema: string;
  columns: ColumnModel[];
}

export type ModelObject =
  | WarehouseObject
  | ResourceMonitorObject
  | RoleObject
  | RoleGrantObject
  | GrantObject
  | FutureGrantObject
  | UserObject
  | ViewObject
  | RowAccessPolicyObject
  | TaskObject
  | TableObject;

export type ObjectKind = ModelObject["kind"];

/** Every object kind, in the order plans create them. */
export const OBJECT_KINDS: readonly ObjectKind[] = [
  "role",
  "role_grant",
  "resource_monitor",
  "warehouse",
  "user",
  "row_access_policy",
  "table",
  "view",
  "grant",
  "future_grant",
  "task",
];

/**
 * What is managed: objects outside this scope are never reported as unexpected.
 * Account-level kinds are managed by name; objects inside a database are managed when the
 * database is. System roles and Snowflake-owned objects never are.
 */
export interface ManagedScope {
  databases: string[];
  roles: string[];
  warehouses: string[];
  monitors: string[];
  users: string[];
  /** Config `ignore` patterns, `<KIND> <NAME>` with `*` wildcards; matching objects are skipped entirely. */
  ignore: string[];
}

/** A set of objects: the whole desired or live state of an account. */
export interface AccountModel {
  objects: Map<string, ModelObject>;
  scope: ManagedScope;
}
