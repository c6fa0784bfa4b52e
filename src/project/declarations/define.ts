/**
 * The `define*` helpers used in roles/*.ts and monitors/*.ts. They only tag what they are given;
 * validation (zod) happens when the project is loaded, so that every problem is reported with the
 * file it is in, all at once.
 *
 * Every helper takes either the declaration itself or a function of the environment
 * (`({ env, vars, database }) => ({ ... })`) for per-environment values.
 */
import type { DeclarationBrand } from "../../model/kinds/types.js";
import type {
  MonitorDeclaration,
  RoleDeclaration,
  RowAccessPolicyDeclaration,
  TaskDeclaration,
  UserDeclaration,
  WarehouseDeclaration,
} from "./schemas.js";

/** What a per-environment declaration function is given. */
export interface DeclarationContext {
  /** Environment name: `local`, `dev`, `prod`, … */
  env: string;
  /** The environment's database (config `database`, or the environment's override). */
  database: string;
  /** The config's schemas, in order. */
  schemas: readonly string[];
  /** Config vars with their values for this environment. */
  vars: Readonly<Record<string, string | number | boolean>>;
}

/** A declaration, or a function that produces it for an environment. */
export type Declarable<T> = T | ((context: DeclarationContext) => T);

/** The brands of the `define*` helpers (databases and schemas are declared in the config). */
export type DeclarationKind = Exclude<DeclarationBrand, "database" | "schema">;

/** Brand shared across module copies (a project may load the package from dist/ or src/). */
export const DECLARATION_BRAND: unique symbol = Symbol.for("mercurios.declaration") as never;

/** A tagged declaration, as the helpers return it. */
export interface Declaration<K extends DeclarationKind = DeclarationKind, T = unknown> {
  readonly [DECLARATION_BRAND]: K;
  readonly value: Declarable<T>;
}

function tag<K extends DeclarationKind, T>(kind: K, value: Declarable<T>): Declaration<K, T> {
  return { [DECLARATION_BRAND]: kind, value } as Declaration<K, T>;
}

/** A warehouse not governed by a declared monitor (prefer declaring it inside `defineMonitor`). */
export function defineWarehouse(
  value: Declarable<WarehouseDeclaration>,
): Declaration<"warehouse", WarehouseDeclaration> {
  return tag("warehouse", value);
}

/** A resource monitor and the warehouses it governs: one unit of cost. */
export function defineMonitor(
  value: Declarable<MonitorDeclaration>,
): Declaration<"monitor", MonitorDeclaration> {
  return tag("monitor", value);
}

/** A role with its parents, grants and future grants. */
export function defineRole(value: Declarable<RoleDeclaration>): Declaration<"role", RoleDeclaration> {
  return tag("role", value);
}

/** A user (incl. service users with key-pair auth) and the roles granted to it. */
export function defineUser(value: Declarable<UserDeclaration>): Declaration<"user", UserDeclaration> {
  return tag("user", value);
}

/** A row access policy; attach it to views in their front matter. */
export function defineRowAccessPolicy(
  value: Declarable<RowAccessPolicyDeclaration>,
): Declaration<"row_access_policy", RowAccessPolicyDeclaration> {
  return tag("row_access_policy", value);
}

/** A scheduled task (declared in monitors/*.ts beside the warehouse that runs it). */
export function defineTask(value: Declarable<TaskDeclaration>): Declaration<"task", TaskDeclaration> {
  return tag("task", value);
}

/** True for values returned by a `define*` helper. */
export function isDeclaration(value: unknown): value is Declaration {
  return typeof value === "object" && value !== null && DECLARATION_BRAND in value;
}
