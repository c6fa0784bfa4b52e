/**
 * The contract every object kind fulfils (src/model/kinds/<kind>.ts). One `KindDefinition` holds all
 * the toolkit knows about a kind: its label and change category, the properties compared (with
 * their labels and display), how introspection reads it, whether a live object is managed, how it
 * is created, altered and removed, how declarations become objects of it, what cross-references it
 * checks, and how an object is written back as a declaration. Every stage of the pipeline (load,
 * build, introspect, diff, plan, report) loops over the `KINDS` table (./index.ts), whose type
 * requires an entry for every `ObjectKind`.
 *
 * Everything here is pure: no driver, no file system. Introspection is given a `CatalogReader`
 * that the introspector implements over the driver.
 */
import type { z } from "zod";
import type { ChangeCategory, ManagedScope, ModelObject, ObjectKind } from "../types.js";

/** The model object of one kind. */
export type ObjectOf<K extends ObjectKind> = Extract<ModelObject, { kind: K }>;

/** One SHOW / DESCRIBE row by lower-case column name. */
export type ShowRow = Record<string, string | null>;

/** A compared property of a kind. */
export interface PropertySpec<O = ModelObject> {
  /** As people know it: the Snowflake parameter where there is one (`warehouse_size`). */
  label: string;
  /** What a change of it is about, when not the kind's category (`owner` and `secure` are security). */
  category?: ChangeCategory;
  /** The value as people read it in reports; default: lists joined, null as `(unset)`. */
  display?: (value: unknown) => string;
  /**
   * For SQL bodies compared in canonical form: the text as written, shown in reports (and diffed
   * line by line there). Its presence marks the property as SQL.
   */
  sourceText?: (object: O) => string | undefined;
}

/**
 * How introspection talks to the account. Both calls are memoised by statement text, so kinds that
 * need the same SHOW (roles and grants need SHOW ROLES) share one round trip, and bounded in flight.
 */
export interface CatalogReader {
  /** One statement, one round trip; a scope that does not exist (002003/002043) reads as no rows. */
  show(sql: string): Promise<ShowRow[]>;
  /** Several statements in one round trip (a multi-statement request). */
  batch(sqls: readonly string[]): Promise<ShowRow[][]>;
}

/** What introspection reads: the managed scope of the desired model. */
export interface ReadScope {
  scope: ManagedScope;
  /** Schemas (of each managed database) whose future grants are read. */
  schemas: readonly string[];
}

/** One differing property of an object, as the renderer needs it. */
export interface PropertyChange {
  property: string;
  label: string;
  declared: unknown;
  live: unknown;
}

/** One statement of a plan. */
export interface RenderedStatement {
  sql: string;
  /** Drops, revokes and recreations: refused by apply without --allow-destructive. */
  destructive: boolean;
  /** Why (`create`, `alter warehouse_size`, `revoke unexpected grant`, …). */
  reason: string;
}

/** What rendering may look at besides the object itself. */
export interface RenderContext {
  /** Every desired object (e.g. the warehouses a recreated monitor must be re-attached to). */
  desired: readonly ModelObject[];
  /**
   * Views this plan creates or replaces: their DDL attaches their front-matter row access policy
   * (a replaced view loses its attachment), so the attachment is not rendered again.
   */
  viewsRebuilt?: ReadonlySet<string>;
}

/** The environment a declaration is built for. */
export interface BuildEnvironment {
  /** Environment name: `local`, `dev`, `prod`, … */
  env: string;
  /** The environment's database, resolved (unquoted) form. */
  database: string;
  /** The database, SQL-ready (`quoteIdentifier`). */
  db: string;
  /** The config's schemas, as written. */
  schemas: readonly string[];
  vars: Readonly<Record<string, string | number | boolean>>;
  /** For `{ env: 'NAME' }` values. */
  processEnv: NodeJS.ProcessEnv;
}

/** What a declaration's builder is given: where it is, and where to put objects and problems. */
export interface BuildContext extends BuildEnvironment {
  /** The file the declaration came from (relative to the project root). */
  file: string;
  /** Adds an object of the desired model (a second declaration of the same object is a problem). */
  add(object: ModelObject): void;
  /**
   * Reports a problem with the declaration (`object` as `ROLE X`; `path` inside the declaration;
   * a code other than DECLARATION_REFERENCE and a line of the file where known).
   */
  problem(
    object: string,
    message: string,
    hint: string,
    path?: string,
    detail?: { code?: "VIEW_SQL"; line?: number },
  ): void;
}

/** How a kind is declared with a `define*` helper (or in the config, for databases and schemas). */
export interface DeclarationSpec {
  /** The brand the helper tags its value with (`defineMonitor` -> `monitor`). */
  brand: DeclarationBrand;
  /** Validates the declared value; problems name the file and the path inside it. */
  schema: z.ZodType;
  /** Turns one validated value into model objects (a monitor also adds its warehouses). */
  build(value: never, context: BuildContext): void;
}

/** Brands of the `define*` helpers and of the config's container declarations. */
export type DeclarationBrand =
  | "warehouse"
  | "monitor"
  | "role"
  | "user"
  | "row_access_policy"
  | "masking_policy"
  | "task"
  | "database"
  | "schema";

/** What cross-reference checks may ask about the desired model. */
export interface CheckContext {
  has(kind: ObjectKind, name: string): boolean;
  /** A declared role or a system role. */
  roleKnown(name: string): boolean;
  /** The environment's database, SQL-ready. */
  db: string;
  /** `DB.SCHEMA` of every schema the config names. */
  schemas: ReadonlySet<string>;
  problem(message: string, hint: string, path?: string): void;
}

/** Where a written declaration goes. */
export type DeclarationFolder = "monitors" | "roles" | "views" | "config";

/** A model object turned back into what a person would have declared. */
export interface WrittenDeclaration {
  folder: DeclarationFolder;
  /** The `define*` helper (`defineRole`), or for views and config entries, none. */
  helper?: string;
  /** For config entries: which one (`database`, or an entry of `schemas`). */
  configKey?: "database" | "schemas";
  /** The declaration value, as a person writes it (plain data). */
  value: unknown;
}

/** What a writer may look at: every object being written (a role's grants, a monitor's warehouses). */
export interface WriteContext {
  objects: readonly ModelObject[];
  /** The environment's database, SQL-ready: names in it are written qualified anyway. */
  db: string;
}

/** Everything the toolkit knows about one object kind. */
export interface KindDefinition<K extends ObjectKind> {
  kind: K;
  /** Snowflake kind as people write it: `WAREHOUSE`, `ROLE GRANT`. */
  label: string;
  category: ChangeCategory;
  /**
   * Position of the kind: in reports (`report`), when creating (`create`, lower first) and when
   * removing (`remove`, lower first): roles before grants, grants revoked before roles dropped.
   */
  order: { report: number; create: number; remove: number };
  /** Compared by default (`drift`, `plan`); tables only with `--include tables`. */
  comparedByDefault: boolean;
  /**
   * The compared properties, in report order. Create-only properties (initially suspended, the
   * public key itself) are left out: Snowflake cannot report them back. Identity fields are part of
   * the name and need no comparison.
   */
  properties: { readonly [property: string]: PropertySpec<ObjectOf<K>> };
  /** Reads the live objects of this kind (the introspector runs every kind's read in parallel). */
  read(reader: CatalogReader, scope: ReadScope): Promise<ObjectOf<K>[]>;
  /** Whether a live object lies in the managed scope (so that not declaring it is drift). */
  isManaged(object: ObjectOf<K>, scope: ManagedScope): boolean;
  /** Names of objects of the same kind that must be created first (view reads, task predecessors). */
  dependsOn?(object: ObjectOf<K>): readonly string[];
  /** `GRANT OWNERSHIP ON <type>`: set for kinds whose owner is declared and transferred. */
  ownershipType?: string;
  /** DDL that creates a declared object that is missing. */
  create(object: ObjectOf<K>, context: RenderContext): RenderedStatement[];
  /** DDL that changes a live object to the declared one (owner changes are rendered for every kind). */
  alter(
    desired: ObjectOf<K>,
    changes: readonly PropertyChange[],
    context: RenderContext,
  ): RenderedStatement[];
  /** The statement that removes an undeclared live object (always destructive). */
  remove(object: ObjectOf<K>): string;
  /** What removing is called in plans: grants are revoked, objects dropped. */
  removal: "drop" | "revoke";
  /** How it is declared on its own; absent for kinds declared inside another (grants inside roles). */
  declaration?: DeclarationSpec;
  /** Cross-references of a desired object (a grant to an undeclared role …). */
  check?(object: ObjectOf<K>, context: CheckContext): void;
  /**
   * Writes a live object back as a declaration (the inverse of `declaration.build`), or undefined
   * when it is written as part of another object's declaration (grants inside their role).
   */
  write?(object: ObjectOf<K>, context: WriteContext): WrittenDeclaration | undefined;
}
