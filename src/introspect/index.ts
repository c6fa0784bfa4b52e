/**
 * Reads a live account into the model through the Driver, with as few round trips as the catalog
 * allows: one SHOW per object kind and scope (account-level kinds once; views, policies and tasks
 * once per managed database; future grants once per managed database and schema), plus one round
 * trip per managed role that exists carrying SHOW GRANTS TO ROLE and SHOW GRANTS OF ROLE together
 * (a multi-statement batch). Never one query per object. Queries run in parallel with a bounded
 * pool, in two waves: everything else (incl. SHOW ROLES), then the roles' grants.
 */
import type { Driver, QueryResult } from "../driver/types.js";
import type {
  AccountModel,
  ManagedScope,
  ModelObject,
  ObjectKind,
  RowAccessPolicyObject,
} from "../model/index.js";
import { runPooled } from "./pool.js";
import {
  futureGrantsFromRows,
  grantsFromRows,
  monitorFromRow,
  policyBodyFromDescribe,
  policyFromRow,
  roleFromRow,
  roleGrantsOfRows,
  rowsOf,
  taskFromRow,
  userFromRow,
  viewFromRow,
  warehouseFromRow,
} from "./rows.js";
import { tablesFromColumnRows } from "./tables.js";

export * from "./rows.js";
export { runPooled } from "./pool.js";
export { tablesFromColumnRows } from "./tables.js";

export interface IntrospectOptions {
  /** What to read: the managed scope of the desired model. */
  scope: ManagedScope;
  /** Schemas (of each managed database) whose future grants are read. */
  schemas: readonly string[];
  /** Kinds to read (default: all declared kinds, no tables). */
  kinds?: readonly ObjectKind[];
  /** Queries in flight at once (default 8). */
  concurrency?: number;
  /** Query tag for every statement. */
  queryTag?: string;
}

export interface IntrospectionStats {
  /** Round trips to the account (one per request, a batch counts once). */
  roundTrips: number;
  statements: number;
  wallMs: number;
}

export interface IntrospectionResult {
  model: AccountModel;
  stats: IntrospectionStats;
}

const ALL_KINDS: readonly ObjectKind[] = [
  "warehouse",
  "resource_monitor",
  "role",
  "role_grant",
  "grant",
  "future_grant",
  "user",
  "view",
  "row_access_policy",
  "task",
];

type Job = () => Promise<ModelObject[]>;

/** Snowflake's "does not exist or not authorized" (002003) and missing-object binder errors (002043). */
function isMissingObject(error: unknown): boolean {
  const code = (error as { sqlCode?: string }).sqlCode;
  return code === "002003" || code === "002043";
}

/** Reads the account. Objects outside the scope are kept: the diff decides what is managed. */
export async function introspect(driver: Driver, options: IntrospectOptions): Promise<IntrospectionResult> {
  const started = performance.now();
  const kinds = new Set(options.kinds ?? ALL_KINDS);
  const tag = options.queryTag ? { queryTag: options.queryTag } : {};
  let roundTrips = 0;
  let statements = 0;
  const show = async (sql: string): Promise<QueryResult> => {
    roundTrips++;
    statements++;
    try {
      return await driver.execute(sql, tag);
    } catch (error) {
      // A scope that does not exist yet (a fresh account) holds nothing.
      if (isMissingObject(error)) return { queryId: "", sql, columns: [], rows: [], rowCount: 0 };
      throw error;
    }
  };
  const batch = async (sqls: string[]): Promise<QueryResult[]> => {
    roundTrips++;
    statements += sqls.length;
    return driver.executeBatch(sqls, tag);
  };
  const jobs: Job[] = [];
  // Tables are read from SHOW COLUMNS, which lists views' columns too: views are needed to tell them apart.
  const wanted = (kind: ObjectKind) => kinds.has(kind) || (kind === "view" && kinds.has("table"));
  const account = (
    kind: ObjectKind,
    sql: string,
    map: (row: Record<string, string | null>) => ModelObject | undefined,
  ) => {
    if (!wanted(kind)) return;
    jobs.push(async () =>
      rowsOf(await show(sql))
        .map(map)
        .filter((o): o is ModelObject => o !== undefined),
    );
  };
  account("warehouse", "SHOW WAREHOUSES", warehouseFromRow);
  account("resource_monitor", "SHOW RESOURCE MONITORS", monitorFromRow);
  // SHOW ROLES always runs: grants are read only for managed roles that exist.
  let existingRoles = new Set<string>();
  jobs.push(async () => {
    const roles = rowsOf(await show("SHOW ROLES")).map(roleFromRow);
    existingRoles = new Set(roles.map((r) => r.name));
    return kinds.has("role") ? roles : [];
  });
  account("user", "SHOW USERS", userFromRow);
  for (const database of options.scope.databases) {
    account("view", `SHOW VIEWS IN DATABASE ${database}`, viewFromRow);
    account("row_access_policy", `SHOW ROW ACCESS POLICIES IN DATABASE ${database}`, policyFromRow);
    account("task", `SHOW TASKS IN DATABASE ${database}`, taskFromRow);
    if (kinds.has("table")) {
      jobs.push(async () => tablesFromColumnRows(rowsOf(await show(`SHOW COLUMNS IN DATABASE ${database}`))));
    }
    if (kinds.has("future_grant")) {
      jobs.push(async () =>
        futureGrantsFromRows(rowsOf(await show(`SHOW FUTURE GRANTS IN DATABASE ${database}`))),
      );
      for (const schema of options.schemas) {
        jobs.push(async () =>
          futureGrantsFromRows(rowsOf(await show(`SHOW FUTURE GRANTS IN SCHEMA ${database}.${schema}`))),
        );
      }
    }
  }
  const groups = await runPooled(jobs, options.concurrency ?? 8);
  // Policy bodies guard tenant data, and only DESCRIBE shows them: one batch for all policies.
  const policies = groups.flat().filter((o): o is RowAccessPolicyObject => o.kind === "row_access_policy");
  if (kinds.has("row_access_policy") && policies.length > 0) {
    const described = await batch(policies.map((p) => `DESCRIBE ROW ACCESS POLICY ${p.name}`));
    described.forEach((result, index) => {
      const row = rowsOf(result)[0];
      const body = row ? policyBodyFromDescribe(row) : undefined;
      if (body) Object.assign(policies[index]!, body);
    });
  }
  const roleJobs: Job[] = [];
  if (kinds.has("grant") || kinds.has("role_grant")) {
    for (const role of options.scope.roles.filter((r) => existingRoles.has(r))) {
      roleJobs.push(async () => {
        const [to, of] = await batch([`SHOW GRANTS TO ROLE ${role}`, `SHOW GRANTS OF ROLE ${role}`]);
        return [...(to ? grantsFromRows(rowsOf(to)) : []), ...(of ? roleGrantsOfRows(role, rowsOf(of)) : [])];
      });
    }
  }
  groups.push(...(await runPooled(roleJobs, options.concurrency ?? 8)));
  const all = groups.flat();
  const viewNames = new Set(all.filter((o) => o.kind === "view").map((o) => o.name));
  const objects = new Map<string, ModelObject>();
  for (const object of all) {
    if (!kinds.has(object.kind)) continue;
    if (object.kind === "table" && viewNames.has(object.name)) continue;
    objects.set(`${object.kind}:${object.name}`, object);
  }
  return {
    model: { objects, scope: options.scope },
    stats: { roundTrips, statements, wallMs: Math.round(performance.now() - started) },
  };
}
