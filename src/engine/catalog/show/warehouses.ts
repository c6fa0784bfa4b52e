/**
 * SHOW WAREHOUSES with the columns of the SHOW WAREHOUSES page's Output table (szeno/snowflake-docs
 * b5c216b): `is_interactive` after `is_current`, `generation` last, no `budget`.
 */
import type { CatalogContext, CatalogEnv } from "../context.js";
import { hasManageGrants } from "../grants.js";
import type { Cursor } from "../lexer.js";
import { settleWarehouse } from "../metering.js";
import type { Warehouse } from "../model.js";
import { ownerOf, ownerRoleType, seesObject, sessionRoles } from "../privileges.js";
import { type CatalogResult, columns, num, ts } from "../results.js";
import { applyFilters, byName, parseShowFilters } from "./filters.js";

export const SHOW_WAREHOUSES_COLUMNS = [
  "name:t",
  "state:t",
  "type:t",
  "size:t",
  "min_cluster_count:n",
  "max_cluster_count:n",
  "started_clusters:n",
  "running:n",
  "queued:n",
  "is_default:t",
  "is_current:t",
  "is_interactive:t",
  "auto_suspend:n",
  "auto_resume:t",
  "available:t",
  "provisioning:t",
  "quiescing:t",
  "other:t",
  "created_on:d",
  "resumed_on:d",
  "updated_on:d",
  "owner:t",
  "comment:t",
  "enable_query_acceleration:t",
  "query_acceleration_max_scale_factor:n",
  "resource_monitor:t",
  "actives:n",
  "pendings:n",
  "failed:n",
  "suspended:n",
  "uuid:t",
  "scaling_policy:t",
  "owner_role_type:t",
  "resource_constraint:t",
  "generation:t",
] as const;

/**
 * The `resource_constraint` and `generation` cells. The page: a Snowpark-optimized warehouse has a
 * memory constraint (MEMORY_16X unless set) and no generation; a standard one has no constraint and
 * generation 1, or 2 when created with RESOURCE_CONSTRAINT = STANDARD_GEN_2 (or GENERATION = '2').
 */
export function constraintAndGeneration(w: Warehouse): [string | null, string | null] {
  if (w.type === "SNOWPARK-OPTIMIZED") {
    const memory = w.resourceConstraint?.startsWith("MEMORY_") ? w.resourceConstraint : "MEMORY_16X";
    return [memory, null];
  }
  return [null, w.resourceConstraint === "STANDARD_GEN_2" ? "2" : "1"];
}

export function showWarehouses(env: CatalogEnv, ctx: CatalogContext, c: Cursor): CatalogResult {
  const f = parseShowFilters(c, ctx);
  const roles = sessionRoles(env, ctx);
  const user = env.store.users.get(ctx.user);
  // The page: MANAGE GRANTS (ACCOUNTADMIN, SECURITYADMIN) sees every warehouse in the account.
  const all = hasManageGrants(env, roles);
  const list = [...env.store.warehouses.values()]
    .filter((w) => all || seesObject(env, roles, "WAREHOUSE", [w.name]))
    .sort(byName((w) => w.name));
  const rows = applyFilters(list, f, (w) => w.name).map((w) => {
    settleWarehouse(env, w);
    const started = w.state === "STARTED";
    return [
      w.name,
      w.state,
      w.type,
      w.size,
      num(w.minClusterCount),
      num(w.maxClusterCount),
      num(started ? w.minClusterCount : 0),
      "0",
      "0",
      user?.defaultWarehouse === w.name ? "Y" : "N",
      ctx.warehouse === w.name ? "Y" : "N",
      "N",
      num(w.autoSuspend),
      String(w.autoResume),
      started ? "100" : "",
      started ? "0" : "",
      started ? "0" : "",
      started ? "0" : "",
      ts(w.createdOn),
      ts(w.resumedOn),
      ts(w.updatedOn),
      ownerOf(env, "WAREHOUSE", [w.name]) ?? "",
      w.comment,
      String(w.enableQueryAcceleration),
      num(w.queryAccelerationMaxScaleFactor),
      w.resourceMonitor ?? "null",
      num(started ? w.minClusterCount : 0),
      "0",
      "0",
      num(started ? 0 : w.minClusterCount),
      String(w.createdOn),
      w.scalingPolicy,
      ownerRoleType(env, "WAREHOUSE", [w.name]),
      ...constraintAndGeneration(w),
    ];
  });
  return { kind: "SHOW", columns: columns(SHOW_WAREHOUSES_COLUMNS), rows };
}
