/**
 * Reads a live account into the model through the Driver, with as few round trips as the catalog
 * allows. Each kind module says what it reads (src/model/kinds/<kind>.ts `read`): one SHOW per kind
 * and scope (account-level kinds once; databases' contents once per managed database; future grants
 * once per managed database and schema), DESCRIBE of every policy in one batch, and one round trip
 * per managed role that exists carrying SHOW GRANTS TO ROLE and SHOW GRANTS OF ROLE together. Never
 * one query per object. Every kind is read at once; the reader memoises statements (grants and roles
 * share SHOW ROLES, tables and views share SHOW VIEWS) and keeps at most `concurrency` in flight.
 */
import type { Driver, QueryResult } from "../driver/types.js";
import {
  type AccountModel,
  type CatalogReader,
  DEFAULT_KINDS,
  KINDS,
  type ManagedScope,
  type ModelObject,
  type ObjectKind,
  type ReadScope,
  type ShowRow,
} from "../model/index.js";
import { limiter } from "./pool.js";

export {
  databaseFromRow,
  futureGrantsFromRows,
  grantsFromRows,
  monitorFromRow,
  policyFromDescribe,
  policyFromRow,
  roleFromRow,
  roleGrantsOfRows,
  schemaFromRow,
  type ShowRow,
  tablesFromColumnRows,
  taskFromRow,
  userFromRow,
  viewFromRow,
  warehouseFromRow,
} from "../model/index.js";
export { runPooled } from "./pool.js";

export interface IntrospectOptions {
  /** What to read: the managed scope of the desired model. */
  scope: ManagedScope;
  /** Schemas (of each managed database) whose future grants are read. */
  schemas: readonly string[];
  /**
   * Works out the scope from the account itself (import reads every role, user and schema there is),
   * through the same memoised reader, so the SHOWs it asks are not asked again by the kinds. When
   * given, `scope` and `schemas` are replaced by what it returns.
   */
  resolveScope?: (reader: CatalogReader) => Promise<ReadScope>;
  /** Kinds to read (default: all declared kinds, no tables). */
  kinds?: readonly ObjectKind[];
  /** Queries in flight at once (default 8). */
  concurrency?: number;
  /** Query tag for every statement. */
  queryTag?: string;
  /**
   * Told when each round trip starts and ends. `known` is the round trips queued so far: reads
   * discover more work as they go (one per existing role), so it can grow.
   */
  onRound?: (event: { phase: "start" | "done"; index: number; known: number; sql: string }) => void;
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

/** Turns a result into rows keyed by lower-case column name. */
export function rowsOf(result: QueryResult): ShowRow[] {
  const names = result.columns.map((c) => c.name.toLowerCase());
  return result.rows.map((row) => {
    const record: ShowRow = {};
    names.forEach((name, i) => {
      record[name] = row[i] ?? null;
    });
    return record;
  });
}

/** Snowflake's "does not exist or not authorized" (002003) and missing-object binder errors (002043). */
function isMissingObject(error: unknown): boolean {
  const code = (error as { sqlCode?: string }).sqlCode;
  return code === "002003" || code === "002043";
}

/** Reads the account. Objects outside the scope are kept: the diff decides what is managed. */
export async function introspect(driver: Driver, options: IntrospectOptions): Promise<IntrospectionResult> {
  const started = performance.now();
  const kinds = [...new Set(options.kinds ?? DEFAULT_KINDS)];
  const tag = options.queryTag ? { queryTag: options.queryTag } : {};
  const stats = { roundTrips: 0, statements: 0 };
  const inFlight = limiter(options.concurrency ?? 8);
  const memo = new Map<string, Promise<unknown>>();
  let known = 0;
  const once = <T>(key: string, run: () => Promise<T>): Promise<T> => {
    let pending = memo.get(key) as Promise<T> | undefined;
    if (!pending) {
      const index = ++known;
      const sql = key.slice(key.indexOf(":") + 1).split(";\n")[0]!;
      const round = options.onRound;
      pending = inFlight(
        round
          ? async () => {
              round({ phase: "start", index, known, sql });
              try {
                return await run();
              } finally {
                round({ phase: "done", index, known, sql });
              }
            }
          : run,
      );
      memo.set(key, pending);
    }
    return pending;
  };
  const reader: CatalogReader = {
    show: (sql) =>
      once(`show:${sql}`, async () => {
        stats.roundTrips++;
        stats.statements++;
        try {
          return rowsOf(await driver.execute(sql, tag));
        } catch (error) {
          // A scope that does not exist yet (a fresh account) holds nothing.
          if (isMissingObject(error)) return [];
          throw error;
        }
      }),
    batch: (sqls) =>
      once(`batch:${sqls.join(";\n")}`, async () => {
        stats.roundTrips++;
        stats.statements += sqls.length;
        return (await driver.executeBatch([...sqls], tag)).map(rowsOf);
      }),
  };
  const scope: ReadScope = options.resolveScope
    ? await options.resolveScope(reader)
    : { scope: options.scope, schemas: options.schemas };
  const read = await Promise.all(
    kinds.map((kind) =>
      (KINDS[kind].read as (r: CatalogReader, s: typeof scope) => Promise<ModelObject[]>)(reader, scope),
    ),
  );
  const objects = new Map<string, ModelObject>();
  for (const object of read.flat()) objects.set(`${object.kind}:${object.name}`, object);
  return {
    model: { objects, scope: scope.scope },
    stats: { ...stats, wallMs: Math.round(performance.now() - started) },
  };
}
