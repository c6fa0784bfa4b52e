/** COMMENT [IF EXISTS] ON <account object> name IS '<text>'. */
import type { CatalogContext, CatalogEnv } from "./context.js";
import { notFound } from "./errors.js";
import type { Cursor } from "./lexer.js";
import { displayName, nameKey } from "./names.js";
import { readKind, resolveName } from "./objects.js";
import { requireOwnership, sessionRoles } from "./privileges.js";
import { type CatalogResult, OK, status } from "./results.js";

export async function commentOn(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
): Promise<CatalogResult | null> {
  const ifExists = c.acceptKw("IF", "EXISTS");
  c.expectKw("ON");
  const kind = readKind(c);
  if (!kind) return null;
  const name = resolveName(ctx, kind, c.name());
  c.expectKw("IS");
  const text = c.string("a comment");
  const { store } = env;
  const found = {
    WAREHOUSE: () => store.warehouses.get(name[0]!),
    RESOURCE_MONITOR: () => store.monitors.get(name[0]!),
    ROLE: () => store.roles.get(name[0]!),
    USER: () => store.users.get(name[0]!),
    DATABASE_ROLE: () => store.databaseRoles.get(nameKey(name)),
    TASK: () => store.tasks.get(nameKey(name)),
    ROW_ACCESS_POLICY: () => store.policies.get(nameKey(name)),
    MASKING_POLICY: () => store.maskingPolicies.get(nameKey(name)),
  }[kind];
  if (!found) return null;
  const target = found();
  if (!target) {
    if (ifExists) return status(OK);
    throw notFound(kind === "ROLE" ? "Role" : kind === "USER" ? "User" : "Object", displayName(name));
  }
  if (kind !== "RESOURCE_MONITOR")
    requireOwnership(env, sessionRoles(env, ctx), kind, kind.toLowerCase(), name);
  target.comment = text;
  if (kind === "WAREHOUSE") await store.putWarehouse(store.warehouses.get(name[0]!)!);
  else if (kind === "RESOURCE_MONITOR") await store.putMonitor(store.monitors.get(name[0]!)!);
  else if (kind === "ROLE") await store.putRole(store.roles.get(name[0]!)!);
  else if (kind === "USER") await store.putUser(store.users.get(name[0]!)!);
  else if (kind === "DATABASE_ROLE") await store.putDatabaseRole(store.databaseRoles.get(nameKey(name))!);
  else if (kind === "TASK") await store.putTask(store.tasks.get(nameKey(name))!);
  else if (kind === "MASKING_POLICY") await store.putMaskingPolicy(store.maskingPolicies.get(nameKey(name))!);
  else await store.putPolicy(store.policies.get(nameKey(name))!);
  return status(OK);
}
