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
  MaskingPolicyDeclaration,
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

type Primitive = string | number | boolean | bigint | symbol | null | undefined;
/** The keys of every member of a union (`keyof` of a union has only the common ones). */
type KeysOfUnion<T> = T extends unknown ? keyof T : never;
/** What key `K` holds in whichever union members have it. */
type ValueOfUnion<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;
type ElementOf<T> = T extends readonly (infer E)[] ? E : never;

/**
 * `T` (what was written) checked against `Shape` at every depth: a key that `Shape` does not have
 * becomes `never`, so a misspelt key is a type error. TypeScript checks excess keys only in object
 * literals it can see against a type, not in what a declaration function returns; this closes that
 * gap for `defineRole(({ database }) => ({ … }))`.
 */
export type Exact<Shape, T> = T extends Primitive
  ? T
  : T extends readonly unknown[]
    ? { [I in keyof T]: Exact<ElementOf<NonNullable<Shape>>, T[I]> }
    : T extends object
      ? {
          [K in keyof T]: K extends KeysOfUnion<NonNullable<Shape>>
            ? Exact<ValueOfUnion<NonNullable<Shape>, K>, T[K]>
            : never;
        }
      : T;

/**
 * What a `define*` helper takes: the declaration, or a function of the environment returning it,
 * with its keys checked at every depth (`Exact`). The helper's type parameter is the whole argument
 * (value or function), so that the check applies to the function's return as well.
 */
export type Checked<Shape, V> = V extends (context: DeclarationContext) => infer R
  ? (context: DeclarationContext) => Exact<Shape, R>
  : Exact<Shape, V>;

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
export function defineWarehouse<V extends Declarable<WarehouseDeclaration>>(
  value: V & Checked<WarehouseDeclaration, NoInfer<V>>,
): Declaration<"warehouse", WarehouseDeclaration> {
  return tag("warehouse", value as Declarable<WarehouseDeclaration>);
}

/** A resource monitor and the warehouses it governs: one unit of cost. */
export function defineMonitor<V extends Declarable<MonitorDeclaration>>(
  value: V & Checked<MonitorDeclaration, NoInfer<V>>,
): Declaration<"monitor", MonitorDeclaration> {
  return tag("monitor", value as Declarable<MonitorDeclaration>);
}

/** A role with its parents, grants and future grants. */
export function defineRole<V extends Declarable<RoleDeclaration>>(
  value: V & Checked<RoleDeclaration, NoInfer<V>>,
): Declaration<"role", RoleDeclaration> {
  return tag("role", value as Declarable<RoleDeclaration>);
}

/** A user (incl. service users with key-pair auth) and the roles granted to it. */
export function defineUser<V extends Declarable<UserDeclaration>>(
  value: V & Checked<UserDeclaration, NoInfer<V>>,
): Declaration<"user", UserDeclaration> {
  return tag("user", value as Declarable<UserDeclaration>);
}

/** A row access policy; attach it to views in their front matter. */
export function defineRowAccessPolicy<V extends Declarable<RowAccessPolicyDeclaration>>(
  value: V & Checked<RowAccessPolicyDeclaration, NoInfer<V>>,
): Declaration<"row_access_policy", RowAccessPolicyDeclaration> {
  return tag("row_access_policy", value as Declarable<RowAccessPolicyDeclaration>);
}

/** A masking policy, with the table and view columns it masks in `attachedTo`. */
export function defineMaskingPolicy<V extends Declarable<MaskingPolicyDeclaration>>(
  value: V & Checked<MaskingPolicyDeclaration, NoInfer<V>>,
): Declaration<"masking_policy", MaskingPolicyDeclaration> {
  return tag("masking_policy", value as Declarable<MaskingPolicyDeclaration>);
}

/** A scheduled task (declared in monitors/*.ts beside the warehouse that runs it). */
export function defineTask<V extends Declarable<TaskDeclaration>>(
  value: V & Checked<TaskDeclaration, NoInfer<V>>,
): Declaration<"task", TaskDeclaration> {
  return tag("task", value as Declarable<TaskDeclaration>);
}

/** True for values returned by a `define*` helper. */
export function isDeclaration(value: unknown): value is Declaration {
  return typeof value === "object" && value !== null && DECLARATION_BRAND in value;
}
