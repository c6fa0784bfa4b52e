/** The log step: every statement goes to QUERY_HISTORY; queries on a warehouse bill it. */
import type { QueryRecord } from "../hooks.js";
import type { CatalogContext, CatalogEnv } from "./context.js";
import { checkMonitors } from "./metering.js";
import { maskSecrets } from "./users.js";

/** Statement kinds that run on a warehouse (the rest are served without compute, as in Snowflake). */
const WAREHOUSE_KINDS = new Set([
  "SELECT",
  "INSERT",
  "UPDATE",
  "DELETE",
  "MERGE",
  "MULTI_INSERT",
  "DML",
  "CALL",
]);

export async function recordQuery(env: CatalogEnv, ctx: CatalogContext, r: QueryRecord): Promise<void> {
  void ctx;
  const end = r.startedAt + r.durationMs;
  const w = r.warehouse ? env.store.warehouses.get(r.warehouse) : undefined;
  const onWarehouse = !!w && WAREHOUSE_KINDS.has(r.kind) && w.state === "STARTED";
  env.store.addQuery({
    queryId: r.queryId,
    queryText: maskSecrets(r.sql),
    databaseName: r.database,
    schemaName: r.schema,
    queryType: r.kind,
    userName: r.user,
    roleName: r.role,
    warehouseName: onWarehouse ? r.warehouse : null,
    warehouseSize: onWarehouse ? w!.size : null,
    executionStatus: r.ok ? "SUCCESS" : "FAIL",
    errorCode: r.errorCode ?? null,
    errorMessage: r.errorMessage ?? null,
    startTime: r.startedAt,
    endTime: end,
    rowsProduced: r.rowCount,
    queryTag: r.queryTag ?? "",
    sessionId: r.sessionId,
  });
  if (env.store.queries.length % 200 === 0) await env.store.flush();
  if (onWarehouse) {
    // The catalog's clock, not the statement's, so metering follows one time line.
    w!.lastActivity = Math.max(w!.lastActivity ?? 0, env.now());
    await env.store.putWarehouse(w!);
    await checkMonitors(env, env.now());
  }
}
