/**
 * The one model of account objects, used for both desired state (declarations) and live state
 * (introspection), as in Atlas. Every name is in resolved, SQL-ready form (`quoteIdentifier`
 * applied per part), so two objects are the same object exactly when their kind and name match.
 *
 * A property left `undefined` on a desired object is *not managed*: it is neither compared nor
 * rendered, so Snowflake's defaults are never hard-coded. `null` means "declared as unset".
 */
import type { DatabaseObject } from "./kinds/database.js";
import type { FutureGrantObject } from "./kinds/future-grant.js";
import type { GrantObject } from "./kinds/grant.js";
import type { PolicyAttachmentObject } from "./kinds/policy-attachment.js";
import type { ResourceMonitorObject } from "./kinds/resource-monitor.js";
import type { RoleObject } from "./kinds/role.js";
import type { RoleGrantObject } from "./kinds/role-grant.js";
import type { MaskingAttachmentObject } from "./kinds/masking-attachment.js";
import type { MaskingPolicyObject } from "./kinds/masking-policy.js";
import type { RowAccessPolicyObject } from "./kinds/row-access-policy.js";
import type { SchemaObject } from "./kinds/schema.js";
import type { ColumnModel, TableObject } from "./kinds/table.js";
import type { TaskObject } from "./kinds/task.js";
import type { UserObject } from "./kinds/user.js";
import type { ViewObject } from "./kinds/view.js";
import type { WarehouseObject } from "./kinds/warehouse.js";

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

export type {
  ColumnModel,
  DatabaseObject,
  FutureGrantObject,
  GrantObject,
  PolicyAttachmentObject,
  ResourceMonitorObject,
  RoleGrantObject,
  RoleObject,
  RowAccessPolicyObject,
  SchemaObject,
  TableObject,
  TaskObject,
  UserObject,
  ViewObject,
  WarehouseObject,
};

/**
 * Every object the toolkit models. Each member's interface lives in its kind module
 * (src/model/kinds/<kind>.ts); adding one here makes the `KINDS` table incomplete until that module
 * has its entry (a compile error that points at the work).
 */
export type ModelObject =
  | DatabaseObject
  | SchemaObject
  | WarehouseObject
  | ResourceMonitorObject
  | RoleObject
  | RoleGrantObject
  | GrantObject
  | FutureGrantObject
  | UserObject
  | ViewObject
  | RowAccessPolicyObject
  | PolicyAttachmentObject
  | MaskingPolicyObject
  | MaskingAttachmentObject
  | TaskObject
  | TableObject;

export type ObjectKind = ModelObject["kind"];

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
