/**
 * The local engine's account catalog: warehouses, resource monitors, roles, users, grants,
 * row access policies and tasks, their SHOW / DESCRIBE / GET_DDL output, privilege checks and
 * metering. It is the engine core's `CatalogHooks` (src/engine/hooks.ts): the core calls it at
 * classify (`tryExecute`), authorise, after CREATE / DROP (`onObjectCreated` / `onObjectDropped`),
 * rewrite (`rowAccessFilter`) and log (`recordQuery`). See README.md in this folder.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { CatalogHooks, HookContext, ObjectAccess, QualifiedName, QueryRecord } from "../hooks.js";
import type { InstallStamps } from "../install-stamp.js";
import { installAccountUsage, readsAccountUsage, refreshAccountUsage } from "./account-usage.js";
import { authorise } from "./authorise.js";
import type { CatalogContext, CatalogEnv } from "./context.js";
import { type DataObjectDirectory, emptyDirectory } from "./directory.js";
import { dispatch } from "./dispatch.js";
import { catalogError } from "./errors.js";
import { Cursor } from "./lexer.js";
import type { MonitorNotification } from "./model.js";
import { objectCreated, objectDropped, objectRenamed, objectReplaced } from "./lifecycle.js";
import { informationSchemaFilter } from "./information-schema.js";
import { columnMasks } from "./masking-policies.js";
import { rowAccessFilter } from "./policies.js";
import { roleClosure, sessionRoles, setOwner, userRoles } from "./privileges.js";
import { recordQuery } from "./query-log.js";
import type { CatalogResult } from "./results.js";
import { SYSTEM_HIERARCHY, SYSTEM_ROLES } from "./roles.js";
import { rewriteSessionFunctions, SessionResults } from "./session-functions.js";
import { getDdl } from "./show/ddl.js";
import { expandProtectedViews, protectedRelationRead } from "./view-expansion.js";
import { AccountStore } from "./store.js";
import { hashPassword, newUser, passwordMatches } from "./users.js";

export type { CatalogContext } from "./context.js";
export type * from "./directory.js";
export { isAccountStatement } from "./dispatch.js";
export { CatalogError } from "./errors.js";
export type { CatalogResult } from "./results.js";
export { maskSecrets } from "./users.js";

export interface CatalogOptions {
  /** The default user's name (ADMIN) and password (`admin`) on a fresh engine. */
  defaultUser?: string;
  defaultPassword?: string;
  /** Account locator for CURRENT_ACCOUNT() and messages. */
  account?: string;
  /** Clock in epoch ms (metering tests drive it). */
  now?: () => number;
}

/** The account catalog; pass `new Catalog()` as the engine's `catalog` option. */
export class Catalog implements CatalogHooks {
  private envValue: CatalogEnv | null = null;
  private connection: DuckDBConnection | null = null;
  private readonly options: CatalogOptions;
  private readonly results = new SessionResults();
  /** Per session: relations the current statement reads only through expanded views. */
  private readonly hidden = new Map<string, Set<string>>();

  constructor(options: CatalogOptions = {}) {
    this.options = options;
  }

  private get env(): CatalogEnv {
    if (!this.envValue) throw new Error("catalog used before install()");
    return this.envValue;
  }

  /** Opens the catalog tables in the engine's file, creating the system account on first use. */
  async install(
    connection: DuckDBConnection,
    directory: DataObjectDirectory = emptyDirectory,
    stamps?: InstallStamps,
  ): Promise<void> {
    const { store, fresh } = await AccountStore.open(connection, stamps);
    this.connection = connection;
    if (await installAccountUsage(connection)) {
      // The core's directory caches its metadata tables: let it see SNOWFLAKE.ACCOUNT_USAGE.
      const reload = (directory as { load?: (c: DuckDBConnection) => Promise<void> }).load;
      if (reload) await reload.call(directory, connection);
    }
    this.envValue = {
      store,
      directory,
      now: this.options.now ?? Date.now,
      account: this.options.account ?? "LOCAL",
    };
    if (fresh)
      await this.bootstrap(this.options.defaultUser ?? "ADMIN", this.options.defaultPassword ?? "admin");
  }

  private driven: (() => number) | null = null;

  /** Replaces the clock (metering tests); SQL's current-time functions follow it too. */
  setClock(now: () => number): void {
    this.env.now = now;
    this.driven = now;
  }

  /** The clock passed in (`now` option or setClock), or null on the system clock. */
  drivenClock(): (() => number) | null {
    return this.driven ?? this.options.now ?? null;
  }

  get account(): string {
    return this.options.account ?? "LOCAL";
  }

  private async bootstrap(user: string, password: string): Promise<void> {
    const { store } = this.env;
    const now = this.env.now();
    for (const [name, comment] of Object.entries(SYSTEM_ROLES))
      await store.putRole({ name, comment, createdOn: now, owner: "" });
    const system = (
      privilege: string,
      objectType: string,
      objectName: string[],
      grantee: string,
      grantedBy = "",
    ) =>
      store.putGrant({
        privilege,
        objectType,
        objectName,
        granteeKind: "ROLE",
        grantee,
        grantOption: false,
        grantedBy,
        createdOn: now,
      });
    for (const [parent, child] of SYSTEM_HIERARCHY) await system("USAGE", "ROLE", [child], parent);
    await system("OWNERSHIP", "ROLE", ["ACCOUNTADMIN"], "ACCOUNTADMIN");
    await system("OWNERSHIP", "ROLE", ["SECURITYADMIN"], "ACCOUNTADMIN");
    await system("OWNERSHIP", "ROLE", ["SYSADMIN"], "ACCOUNTADMIN");
    await system("OWNERSHIP", "ROLE", ["USERADMIN"], "SECURITYADMIN");
    await system("OWNERSHIP", "ROLE", ["PUBLIC"], "ACCOUNTADMIN");
    for (const p of ["CREATE DATABASE", "CREATE WAREHOUSE"]) await system(p, "ACCOUNT", [], "SYSADMIN");
    for (const p of ["CREATE ROLE", "CREATE USER"]) await system(p, "ACCOUNT", [], "USERADMIN");
    await system("MANAGE GRANTS", "ACCOUNT", [], "SECURITYADMIN");
    for (const p of ["EXECUTE TASK", "MONITOR USAGE", "CREATE INTEGRATION"])
      await system(p, "ACCOUNT", [], "ACCOUNTADMIN");
    const admin = newUser(user, "ACCOUNTADMIN", now);
    admin.passwordHash = hashPassword(password);
    admin.defaultRole = "ACCOUNTADMIN";
    await store.putUser(admin);
    await system("OWNERSHIP", "USER", [user], "ACCOUNTADMIN");
    await store.putGrant({
      privilege: "USAGE",
      objectType: "ROLE",
      objectName: ["ACCOUNTADMIN"],
      granteeKind: "USER",
      grantee: user,
      grantOption: false,
      grantedBy: "",
      createdOn: now,
    });
    await store.putAccount({ resourceMonitor: null, createdOn: now });
  }

  /**
   * Runs an account statement (warehouse, monitor, role, user, grant, policy, task, SHOW, DESCRIBE,
   * USE ROLE / WAREHOUSE, EXECUTE TASK, ALTER ACCOUNT). Returns null when the statement is not the
   * catalog's, so the core goes on with it.
   */
  async tryExecute(ctx: CatalogContext, sql: string): Promise<CatalogResult | null> {
    const result = await dispatch(this.env, ctx, new Cursor(sql));
    if (result && (result.kind === "SHOW" || result.kind === "DESCRIBE"))
      this.results.remember(ctx.sessionId, result);
    return result;
  }

  /**
   * Substitutes the session functions the catalog answers (CURRENT_ROLE(), IS_ROLE_IN_SESSION(),
   * GET_DDL(), LAST_QUERY_ID(), TABLE(RESULT_SCAN(…)) over a SHOW …) into a query's text.
   */
  async rewriteQuery(ctx: CatalogContext, sql: string): Promise<string> {
    if (this.connection && readsAccountUsage(sql)) await refreshAccountUsage(this.env, this.connection);
    const expansion = await expandProtectedViews(this.env, ctx, sql);
    if (expansion.hidden.size > 0) this.hidden.set(ctx.sessionId, expansion.hidden);
    else this.hidden.delete(ctx.sessionId);
    return rewriteSessionFunctions(this.env, ctx, this.results, expansion.sql);
  }

  /** Throws Snowflake's access-control error unless the session may do every access listed. */
  async authorise(ctx: CatalogContext, accesses: readonly ObjectAccess[]): Promise<void> {
    const hidden = this.hidden.get(ctx.sessionId);
    const checked = hidden
      ? accesses.filter(
          (a) =>
            a.action !== "READ" ||
            !hidden.has(JSON.stringify([a.object.database, a.object.schema, a.object.name])),
        )
      : accesses;
    await authorise(this.env, ctx, checked);
  }

  /** The core created a data object: record OWNERSHIP and apply FUTURE grants (or restore an owner). */
  async onObjectCreated(
    ctx: CatalogContext,
    objectType: string,
    name: QualifiedName,
    restoredOwner?: string,
  ): Promise<void> {
    await objectCreated(this.env, ctx, objectType, name, restoredOwner);
  }

  /** The core dropped a data object: forget its grants (and what lived in it). */
  async onObjectDropped(_ctx: CatalogContext, objectType: string, name: QualifiedName): Promise<void> {
    await objectDropped(this.env, objectType, name);
  }

  /** The core replaced a data object (CREATE OR REPLACE): COPY GRANTS keeps its privileges. */
  async onObjectReplaced(
    ctx: CatalogContext,
    objectType: string,
    name: QualifiedName,
    options: { copyGrants: boolean },
  ): Promise<void> {
    await objectReplaced(this.env, ctx, objectType, name, options);
  }

  /** The core renamed a data object: grants, policies and tasks follow it. */
  async onObjectRenamed(
    ctx: CatalogContext,
    objectType: string,
    from: QualifiedName,
    to: QualifiedName,
  ): Promise<void> {
    void ctx;
    await objectRenamed(this.env, objectType, from, to);
  }

  /** The predicate protecting a table or view for this session, or null when no policy applies. */
  async rowAccessFilter(ctx: HookContext | CatalogContext, relation: QualifiedName): Promise<string | null> {
    return (
      (await informationSchemaFilter(this.env, ctx, relation)) ?? rowAccessFilter(this.env, ctx, relation)
    );
  }

  /** The policy-protected relation reading `relation` reaches (itself or through views), or null. */
  async protectedRead(
    _ctx: HookContext | CatalogContext,
    relation: QualifiedName,
  ): Promise<QualifiedName | null> {
    const found = await protectedRelationRead(this.env, [relation.database, relation.schema, relation.name]);
    return found ? { database: found[0]!, schema: found[1]!, name: found[2]! } : null;
  }

  /** The masked columns of a table or view for this session, or null when none is masked. */
  async columnMasks(
    ctx: HookContext | CatalogContext,
    relation: QualifiedName,
  ): Promise<Map<string, string> | null> {
    return columnMasks(this.env, ctx, relation);
  }

  /** Logs a finished statement for QUERY_HISTORY and bills its warehouse. */
  async recordQuery(ctx: CatalogContext, record: QueryRecord): Promise<void> {
    this.results.recorded(record.sessionId, record.queryId, record.user);
    this.hidden.delete(record.sessionId);
    await recordQuery(this.env, ctx, record);
  }

  /** GET_DDL(kind, name [, fully qualified]) for the object, as one string. */
  async getDdl(ctx: CatalogContext, kind: string, name: string, fullyQualified = false): Promise<string> {
    return getDdl(this.env, ctx, kind, name, fullyQualified);
  }

  /** True when `user` exists, is enabled and `password` is its password (for the REST login). */
  async checkPassword(user: string, password: string): Promise<boolean> {
    const u = this.env.store.users.get(user);
    return !!u && !u.disabled && passwordMatches(u.passwordHash, password);
  }

  /** The user's registered RSA public keys (for key-pair login). */
  async publicKeys(user: string): Promise<string[]> {
    const u = this.env.store.users.get(user);
    if (!u || u.disabled) return [];
    return [u.rsaPublicKey, u.rsaPublicKey2].filter((k): k is string => k !== null && k !== "");
  }

  /** The session defaults a login gets: DEFAULT_ROLE (when granted, else PUBLIC), DEFAULT_WAREHOUSE. */
  loginDefaults(user: string): { role: string; warehouse: string | null; namespace: string | null } | null {
    const u = this.env.store.users.get(user);
    if (!u) return null;
    const granted = roleClosure(this.env, userRoles(this.env, user));
    const role = u.defaultRole && granted.roles.has(u.defaultRole) ? u.defaultRole : "PUBLIC";
    return { role, warehouse: u.defaultWarehouse, namespace: u.defaultNamespace };
  }

  /**
   * The role and warehouse a new session of `user` starts with: the requested role when the user
   * holds it, else DEFAULT_ROLE when granted, else PUBLIC; the requested or default warehouse.
   */
  async startSession(
    user: string,
    requested: { role?: string; warehouse?: string },
  ): Promise<{ role: string; warehouse: string | null }> {
    // In-process sessions are trusted (the REST server authenticates before it opens one): an
    // unknown user is the engine's configured local user, created holding ACCOUNTADMIN.
    if (!this.env.store.users.has(user)) await this.createLocalUser(user);
    const defaults = this.loginDefaults(user)!;
    if (requested.role !== undefined) this.checkRole(user, requested.role);
    return {
      role: requested.role ?? defaults.role,
      warehouse: requested.warehouse ?? defaults.warehouse,
    };
  }

  private async createLocalUser(name: string): Promise<void> {
    const now = this.env.now();
    const u = newUser(name, "ACCOUNTADMIN", now);
    u.defaultRole = "ACCOUNTADMIN";
    await this.env.store.putUser(u);
    await setOwner(this.env, "USER", [name], "ACCOUNTADMIN");
    await this.env.store.putGrant({
      privilege: "USAGE",
      objectType: "ROLE",
      objectName: ["ACCOUNTADMIN"],
      granteeKind: "USER",
      grantee: name,
      grantOption: false,
      grantedBy: "",
      createdOn: now,
    });
  }

  /** Throws unless `user` may start a session with `role` (login roleName, SessionOptions.role). */
  checkRole(user: string, role: string): void {
    if (!roleClosure(this.env, userRoles(this.env, user)).roles.has(role))
      throw catalogError(
        "390189",
        "08004",
        `Role '${role}' specified in the connect string is not granted to this user. Contact your local system administrator, or attempt to login with another role, e.g. PUBLIC.`,
      );
  }

  /** IS_ROLE_IN_SESSION(name): the primary role, the roles it inherits, and secondary roles when ALL. */
  isRoleInSession(ctx: CatalogContext, role: string): boolean {
    return sessionRoles(this.env, ctx).roles.has(role);
  }

  /** Resource monitor trigger firings (NOTIFY and SUSPEND actions), oldest first. */
  notifications(): readonly MonitorNotification[] {
    return this.env.store.notifications;
  }

  /** The engine is closing: write the buffered query log. */
  async close(): Promise<void> {
    if (this.envValue) await this.envValue.store.settle();
  }

  /** Writes pending query-log rows and waits for every catalog write. */
  async flush(): Promise<void> {
    await this.env.store.settle();
  }
}
