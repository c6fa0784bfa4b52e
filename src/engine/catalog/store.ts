/**
 * The account catalog's state: kept in memory for speed, written through to tables in the engine's
 * DuckDB file (schema `_mercurios_account`) so the account survives a restart.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type {
  DatabaseRole,
  FutureGrant,
  Grant,
  MeteredQuery,
  MonitorNotification,
  MaskingAttachment,
  MaskingPolicy,
  PolicyAttachment,
  ResourceMonitor,
  Role,
  RowAccessPolicy,
  Task,
  User,
  Warehouse,
  WarehouseRun,
} from "./model.js";
import type { InstallStamps } from "../install-stamp.js";
import { nameKey } from "./names.js";

export const CATALOG_SCHEMA = "_mercurios_account";

/** The catalog's tables: objects as JSON by kind and key, and three append-only logs. */
const STORE_DDL: readonly string[] = [
  `CREATE SCHEMA IF NOT EXISTS ${CATALOG_SCHEMA}`,
  `CREATE TABLE IF NOT EXISTS ${CATALOG_SCHEMA}.objects (kind VARCHAR, key VARCHAR, body VARCHAR, PRIMARY KEY (kind, key))`,
  `CREATE TABLE IF NOT EXISTS ${CATALOG_SCHEMA}.query_log (body VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS ${CATALOG_SCHEMA}.warehouse_runs (body VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS ${CATALOG_SCHEMA}.notifications (body VARCHAR)`,
];

type Kind =
  | "warehouse"
  | "monitor"
  | "role"
  | "database_role"
  | "user"
  | "grant"
  | "future_grant"
  | "policy"
  | "attachment"
  | "masking_policy"
  | "masking_attachment"
  | "task"
  | "account";

export interface AccountSettings {
  resourceMonitor: string | null;
  createdOn: number;
  /** Parameters set with ALTER ACCOUNT SET (session parameters, DATA_RETENTION_TIME_IN_DAYS). */
  parameters?: Record<string, string>;
}

export class AccountStore {
  readonly warehouses = new Map<string, Warehouse>();
  readonly monitors = new Map<string, ResourceMonitor>();
  readonly roles = new Map<string, Role>();
  /** Keyed by nameKey([database, role]). */
  readonly databaseRoles = new Map<string, DatabaseRole>();
  readonly users = new Map<string, User>();
  readonly grants = new Map<string, Grant>();
  /** Grant keys by object (objectKey), so privilege checks need not scan every grant. */
  private readonly grantsByObject = new Map<string, Set<string>>();
  /** Bumped on every grant change (role closures are cached per version). */
  grantVersion = 0;
  readonly futureGrants = new Map<string, FutureGrant>();
  /** Keyed by nameKey([db, schema, name]). */
  readonly policies = new Map<string, RowAccessPolicy>();
  /** Keyed by nameKey(target). */
  readonly attachments = new Map<string, PolicyAttachment>();
  /** Keyed by nameKey([db, schema, name]). */
  readonly maskingPolicies = new Map<string, MaskingPolicy>();
  /** Keyed by maskingKey(target, column). */
  readonly maskings = new Map<string, MaskingAttachment>();
  readonly tasks = new Map<string, Task>();
  account: AccountSettings = { resourceMonitor: null, createdOn: Date.now() };
  readonly queries: MeteredQuery[] = [];
  readonly runs: WarehouseRun[] = [];
  readonly notifications: MonitorNotification[] = [];
  private pendingQueries: MeteredQuery[] = [];
  private pendingRuns: WarehouseRun[] = [];
  private writes: Promise<unknown> = Promise.resolve();

  private constructor(private readonly conn: DuckDBConnection) {}

  /** Opens (creating if needed) the catalog tables and loads their contents. */
  /** Creates the catalog's tables (unless `stamps` says the file has them) and loads their rows. */
  static async open(
    conn: DuckDBConnection,
    stamps?: InstallStamps,
  ): Promise<{ store: AccountStore; fresh: boolean }> {
    const store = new AccountStore(conn);
    if (stamps) await stamps.runOnce("account_store", STORE_DDL);
    else for (const ddl of STORE_DDL) await conn.run(ddl);
    const reader = await conn.runAndReadAll(`SELECT kind, key, body FROM ${CATALOG_SCHEMA}.objects`);
    const rows = reader.getRows() as [string, string, string][];
    for (const [kind, key, body] of rows) store.load(kind as Kind, key, JSON.parse(body));
    for (const [table, list] of [
      ["query_log", store.queries],
      ["warehouse_runs", store.runs],
      ["notifications", store.notifications],
    ] as const) {
      const r = await conn.runAndReadAll(`SELECT body FROM ${CATALOG_SCHEMA}.${table} ORDER BY rowid`);
      for (const [body] of r.getRows() as [string][]) (list as unknown[]).push(JSON.parse(body));
    }
    return { store, fresh: rows.length === 0 };
  }

  private load(kind: Kind, key: string, body: unknown): void {
    switch (kind) {
      case "warehouse":
        this.warehouses.set(key, body as Warehouse);
        break;
      case "monitor":
        this.monitors.set(key, body as ResourceMonitor);
        break;
      case "role":
        this.roles.set(key, body as Role);
        break;
      case "database_role":
        this.databaseRoles.set(key, body as DatabaseRole);
        break;
      case "user":
        this.users.set(key, body as User);
        break;
      case "grant":
        this.grants.set(key, body as Grant);
        this.indexGrant(key, body as Grant);
        break;
      case "future_grant":
        this.futureGrants.set(key, body as FutureGrant);
        break;
      case "policy":
        this.policies.set(key, body as RowAccessPolicy);
        break;
      case "attachment":
        this.attachments.set(key, body as PolicyAttachment);
        break;
      case "masking_policy":
        this.maskingPolicies.set(key, body as MaskingPolicy);
        break;
      case "masking_attachment":
        this.maskings.set(key, body as MaskingAttachment);
        break;
      case "task":
        this.tasks.set(key, body as Task);
        break;
      case "account":
        this.account = body as AccountSettings;
        break;
    }
  }

  /** Writes one record (or deletes it when `value` is null); writes are applied in order. */
  persist(kind: Kind, key: string, value: unknown | null): Promise<void> {
    const op = this.writes.then(async () => {
      await this.conn.run(`DELETE FROM ${CATALOG_SCHEMA}.objects WHERE kind = $1 AND key = $2`, [kind, key]);
      if (value !== null)
        await this.conn.run(`INSERT INTO ${CATALOG_SCHEMA}.objects VALUES ($1, $2, $3)`, [
          kind,
          key,
          JSON.stringify(value),
        ]);
    });
    this.writes = op.catch(() => undefined);
    return op;
  }

  // Typed setters keep the maps and the file in step.
  async putWarehouse(w: Warehouse): Promise<void> {
    this.warehouses.set(w.name, w);
    await this.persist("warehouse", w.name, w);
  }
  async deleteWarehouse(name: string): Promise<void> {
    this.warehouses.delete(name);
    await this.persist("warehouse", name, null);
  }
  async putMonitor(m: ResourceMonitor): Promise<void> {
    this.monitors.set(m.name, m);
    await this.persist("monitor", m.name, m);
  }
  async deleteMonitor(name: string): Promise<void> {
    this.monitors.delete(name);
    await this.persist("monitor", name, null);
  }
  async putRole(r: Role): Promise<void> {
    this.roles.set(r.name, r);
    await this.persist("role", r.name, r);
  }
  async deleteRole(name: string): Promise<void> {
    this.roles.delete(name);
    await this.persist("role", name, null);
  }
  async putDatabaseRole(r: DatabaseRole): Promise<void> {
    const key = nameKey([r.database, r.name]);
    this.databaseRoles.set(key, r);
    await this.persist("database_role", key, r);
  }
  async deleteDatabaseRole(database: string, name: string): Promise<void> {
    const key = nameKey([database, name]);
    this.databaseRoles.delete(key);
    await this.persist("database_role", key, null);
  }
  async putUser(u: User): Promise<void> {
    this.users.set(u.name, u);
    await this.persist("user", u.name, u);
  }
  async deleteUser(name: string): Promise<void> {
    this.users.delete(name);
    await this.persist("user", name, null);
  }
  async putGrant(g: Grant): Promise<void> {
    const key = grantKey(g);
    const existing = this.grants.get(key);
    // Granting again keeps the original row (and its created_on), only widening the grant option.
    const value = existing ? { ...existing, grantOption: existing.grantOption || g.grantOption } : g;
    this.grants.set(key, value);
    this.indexGrant(key, value);
    await this.persist("grant", key, value);
  }
  async deleteGrant(g: Grant): Promise<void> {
    const key = grantKey(g);
    this.grants.delete(key);
    for (const k of indexKeys(g)) this.grantsByObject.get(k)?.delete(key);
    this.grantVersion++;
    await this.persist("grant", key, null);
  }
  private indexGrant(key: string, g: Grant): void {
    this.grantVersion++;
    for (const k of indexKeys(g)) {
      let set = this.grantsByObject.get(k);
      if (!set) {
        set = new Set();
        this.grantsByObject.set(k, set);
      }
      set.add(key);
    }
  }

  /** Grants on one object. */
  grantsOn(objectType: string, objectName: readonly string[]): Grant[] {
    const keys = this.grantsByObject.get(objectKey(objectType, objectName));
    if (!keys) return [];
    const out: Grant[] = [];
    for (const k of keys) {
      const g = this.grants.get(k);
      if (g) out.push(g);
    }
    return out;
  }

  async putFutureGrant(g: FutureGrant): Promise<void> {
    const key = futureGrantKey(g);
    if (!this.futureGrants.has(key)) {
      this.futureGrants.set(key, g);
      await this.persist("future_grant", key, g);
    }
  }
  async deleteFutureGrant(g: FutureGrant): Promise<void> {
    const key = futureGrantKey(g);
    this.futureGrants.delete(key);
    await this.persist("future_grant", key, null);
  }
  async putPolicy(p: RowAccessPolicy): Promise<void> {
    const key = nameKey([p.database, p.schema, p.name]);
    this.policies.set(key, p);
    await this.persist("policy", key, p);
  }
  async deletePolicy(parts: string[]): Promise<void> {
    const key = nameKey(parts);
    this.policies.delete(key);
    await this.persist("policy", key, null);
  }
  async putAttachment(a: PolicyAttachment): Promise<void> {
    const key = nameKey(a.target);
    this.attachments.set(key, a);
    await this.persist("attachment", key, a);
  }
  async deleteAttachment(target: string[]): Promise<void> {
    const key = nameKey(target);
    this.attachments.delete(key);
    await this.persist("attachment", key, null);
  }
  async putMaskingPolicy(p: MaskingPolicy): Promise<void> {
    const key = nameKey([p.database, p.schema, p.name]);
    this.maskingPolicies.set(key, p);
    await this.persist("masking_policy", key, p);
  }
  async deleteMaskingPolicy(parts: string[]): Promise<void> {
    const key = nameKey(parts);
    this.maskingPolicies.delete(key);
    await this.persist("masking_policy", key, null);
  }
  async putMasking(a: MaskingAttachment): Promise<void> {
    const key = maskingKey(a.target, a.column);
    this.maskings.set(key, a);
    await this.persist("masking_attachment", key, a);
  }
  async deleteMasking(target: string[], column: string): Promise<void> {
    const key = maskingKey(target, column);
    this.maskings.delete(key);
    await this.persist("masking_attachment", key, null);
  }
  /** The masked columns of one table or view. */
  maskingsOf(target: string[]): MaskingAttachment[] {
    const key = nameKey(target);
    return [...this.maskings.values()].filter((m) => nameKey(m.target) === key);
  }
  async putTask(t: Task): Promise<void> {
    const key = nameKey([t.database, t.schema, t.name]);
    this.tasks.set(key, t);
    await this.persist("task", key, t);
  }
  async deleteTask(parts: string[]): Promise<void> {
    const key = nameKey(parts);
    this.tasks.delete(key);
    await this.persist("task", key, null);
  }
  async putAccount(a: AccountSettings): Promise<void> {
    this.account = a;
    await this.persist("account", "account", a);
  }

  /** Appends a query to the log; written to the file in batches (see flush). */
  addQuery(q: MeteredQuery): void {
    this.queries.push(q);
    this.pendingQueries.push(q);
  }
  addRun(r: WarehouseRun): void {
    this.runs.push(r);
    this.pendingRuns.push(r);
  }
  async addNotification(n: MonitorNotification): Promise<void> {
    this.notifications.push(n);
    const op = this.writes.then(() =>
      this.conn.run(`INSERT INTO ${CATALOG_SCHEMA}.notifications VALUES ($1)`, [JSON.stringify(n)]),
    );
    this.writes = op.catch(() => undefined);
    await op;
  }

  /** Writes buffered query-log and metering rows. */
  async flush(): Promise<void> {
    const queries = this.pendingQueries.splice(0);
    const runs = this.pendingRuns.splice(0);
    const op = this.writes.then(async () => {
      for (const [table, list] of [
        ["query_log", queries],
        ["warehouse_runs", runs],
      ] as const) {
        if (list.length === 0) continue;
        const values = list.map((_, i) => `($${i + 1})`).join(", ");
        await this.conn.run(
          `INSERT INTO ${CATALOG_SCHEMA}.${table} VALUES ${values}`,
          list.map((x) => JSON.stringify(x)),
        );
      }
    });
    this.writes = op.catch(() => undefined);
    await op;
  }

  /** Waits for every queued write. */
  async settle(): Promise<void> {
    await this.flush();
    await this.writes;
  }
}

export function grantKey(
  g: Pick<Grant, "privilege" | "objectType" | "objectName" | "granteeKind" | "grantee">,
) {
  return nameKey([g.privilege, g.objectType, ...g.objectName, "→", g.granteeKind, g.grantee]);
}

/**
 * The keys a grant is found under: its object's, and for a function or procedure granted with its
 * argument types (`ADD1(NUMBER)`) also the bare name's, since the engine keys routines by name only
 * (the routine's owner is recorded on the bare name, and a call names no argument types).
 */
function indexKeys(g: Grant): string[] {
  const keys = [objectKey(g.objectType, g.objectName)];
  const last = g.objectName[g.objectName.length - 1] ?? "";
  if ((g.objectType === "FUNCTION" || g.objectType === "PROCEDURE") && last.includes("("))
    keys.push(objectKey(g.objectType, [...g.objectName.slice(0, -1), last.slice(0, last.indexOf("("))]));
  return keys;
}

export function objectKey(objectType: string, objectName: readonly string[]): string {
  return nameKey([objectType, ...objectName]);
}

export function futureGrantKey(g: FutureGrant): string {
  return nameKey([g.privilege, g.objectType, g.database, g.schema ?? "", "→", g.granteeKind, g.grantee]);
}

/** A masked column's key: the relation's key and the column. */
export function maskingKey(target: string[], column: string): string {
  return nameKey([...target, column]);
}
