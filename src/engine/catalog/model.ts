/**
 * The account catalog's records. Names are stored resolved (unquoted identifiers upper-cased,
 * quoted ones as written); timestamps are epoch milliseconds.
 */

export interface Warehouse {
  name: string;
  type: "STANDARD" | "SNOWPARK-OPTIMIZED";
  /** Display form: `X-Small`, `Small`, …, `6X-Large`. */
  size: string;
  minClusterCount: number;
  maxClusterCount: number;
  scalingPolicy: "STANDARD" | "ECONOMY";
  /** Seconds of idleness before suspension; null means never. */
  autoSuspend: number | null;
  autoResume: boolean;
  state: "STARTED" | "SUSPENDED";
  resourceMonitor: string | null;
  comment: string;
  enableQueryAcceleration: boolean;
  queryAccelerationMaxScaleFactor: number;
  /** RESOURCE_CONSTRAINT as written (`STANDARD_GEN_2`, `MEMORY_16X_X86`); absent: the type's default. */
  resourceConstraint?: string;
  /** Warehouse parameters set at warehouse level (MAX_CONCURRENCY_LEVEL, …). */
  parameters: Record<string, number>;
  createdOn: number;
  resumedOn: number;
  updatedOn: number;
  owner: string;
  /** When the warehouse last started running (for metering). */
  runningSince: number | null;
  /** True when the open run began with a resume (Snowflake bills at least 60 seconds then). */
  runMinimum: boolean;
  /** When the last query on it finished (auto-suspend counts from here). */
  lastActivity: number | null;
  /** Set when a resource monitor suspended it; queries then fail until the quota resets. */
  suspendedByMonitor: string | null;
}

export type TriggerAction = "NOTIFY" | "SUSPEND" | "SUSPEND_IMMEDIATE";

export interface Trigger {
  percent: number;
  action: TriggerAction;
}

export interface ResourceMonitor {
  name: string;
  creditQuota: number | null;
  frequency: "MONTHLY" | "DAILY" | "WEEKLY" | "YEARLY" | "NEVER";
  startTime: number;
  endTime: number | null;
  notifyUsers: string[];
  triggers: Trigger[];
  /** True once ALTER ACCOUNT SET RESOURCE_MONITOR names it. */
  accountLevel: boolean;
  comment: string | null;
  createdOn: number;
  owner: string;
  /** Trigger percentages that already fired in the current period, to notify once. */
  firedTriggers: number[];
  /** Start of the period the fired triggers belong to. */
  period?: number;
}

export interface Role {
  name: string;
  comment: string;
  createdOn: number;
  owner: string;
}

export interface DatabaseRole {
  database: string;
  name: string;
  comment: string;
  createdOn: number;
  owner: string;
}

export interface User {
  name: string;
  loginName: string;
  displayName: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  comment: string;
  defaultRole: string | null;
  defaultWarehouse: string | null;
  defaultNamespace: string | null;
  defaultSecondaryRoles: string | null;
  type: "PERSON" | "SERVICE" | "LEGACY_SERVICE" | null;
  /** `scrypt$<salt hex>$<hash hex>`; never the password itself. */
  passwordHash: string | null;
  /** When a non-NULL password was last set (DESCRIBE USER's PASSWORD_LAST_SET_TIME). */
  passwordLastSetOn?: number;
  rsaPublicKey: string | null;
  rsaPublicKey2: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  createdOn: number;
  owner: string;
  lastSuccessLogin: number | null;
}

/** Kinds of grantee a privilege or role can be granted to. */
export type GranteeKind = "ROLE" | "USER" | "DATABASE_ROLE";

/** A privilege on an object (role grants are USAGE on ROLE / DATABASE_ROLE). */
export interface Grant {
  privilege: string;
  /** Snowflake's object type with underscores: ACCOUNT, DATABASE, SCHEMA, TABLE, VIEW, WAREHOUSE, ROLE, … */
  objectType: string;
  /** Resolved name parts: [db, schema, object] for schema objects, [name] for account objects, [] for ACCOUNT. */
  objectName: string[];
  granteeKind: GranteeKind;
  /** Role or user name; a database role is `DB.ROLE`. */
  grantee: string;
  grantOption: boolean;
  grantedBy: string;
  createdOn: number;
}

export interface FutureGrant {
  privilege: string;
  /** TABLE, VIEW, SCHEMA, TASK, … */
  objectType: string;
  database: string;
  /** Null for IN DATABASE grants. */
  schema: string | null;
  granteeKind: GranteeKind;
  grantee: string;
  grantOption: boolean;
  createdOn: number;
}

export interface PolicyArgument {
  name: string;
  type: string;
}

export interface RowAccessPolicy {
  database: string;
  schema: string;
  name: string;
  args: PolicyArgument[];
  returnType: string;
  body: string;
  comment: string;
  createdOn: number;
  owner: string;
}

export interface PolicyAttachment {
  /** [db, schema, name] of the policy. */
  policy: string[];
  /** [db, schema, name] of the table or view it protects. */
  target: string[];
  targetKind: "TABLE" | "VIEW";
  columns: string[];
}

/** A masking policy: the first argument is the masked column, the others condition columns. */
export interface MaskingPolicy {
  database: string;
  schema: string;
  name: string;
  args: PolicyArgument[];
  returnType: string;
  body: string;
  comment: string;
  exemptOtherPolicies: boolean;
  createdOn: number;
  owner: string;
}

/** One masked column: `ALTER TABLE t MODIFY COLUMN c SET MASKING POLICY p [USING (c, …)]`. */
export interface MaskingAttachment {
  /** [db, schema, name] of the policy. */
  policy: string[];
  /** [db, schema, name] of the table or view. */
  target: string[];
  targetKind: "TABLE" | "VIEW";
  /** The masked column. */
  column: string;
  /** The policy's arguments in order (the masked column first, then the USING columns). */
  using: string[];
}

export interface Task {
  database: string;
  schema: string;
  name: string;
  id: string;
  warehouse: string | null;
  schedule: string | null;
  predecessors: string[][];
  state: "started" | "suspended";
  definition: string;
  condition: string | null;
  allowOverlappingExecution: boolean;
  errorIntegration: string | null;
  comment: string;
  config: string | null;
  parameters: Record<string, string>;
  createdOn: number;
  lastCommittedOn: number | null;
  lastSuspendedOn: number | null;
  owner: string;
}

/** One query on a warehouse, the input to metering. */
export interface MeteredQuery {
  queryId: string;
  queryText: string;
  databaseName: string | null;
  schemaName: string | null;
  queryType: string;
  userName: string;
  roleName: string;
  warehouseName: string | null;
  warehouseSize: string | null;
  executionStatus: "SUCCESS" | "FAIL";
  errorCode: string | null;
  errorMessage: string | null;
  startTime: number;
  endTime: number;
  rowsProduced: number;
  queryTag: string;
  sessionId: string;
}

/** A metered interval of a warehouse running, one row per hour in WAREHOUSE_METERING_HISTORY. */
export interface WarehouseRun {
  warehouse: string;
  size: string;
  start: number;
  end: number;
  /** Clusters running (multi-cluster warehouses bill each). */
  clusters: number;
  /** True when this run began with a resume, so Snowflake's 60-second minimum applies. */
  minimum: boolean;
}

export interface MonitorNotification {
  monitor: string;
  percent: number;
  action: TriggerAction;
  at: number;
  usedCredits: number;
}
