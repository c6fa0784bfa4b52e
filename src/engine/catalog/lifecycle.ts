/**
 * Data objects created, dropped or renamed by the core: the creating role becomes the owner,
 * FUTURE grants apply to the new object (schema-level ones win over database-level ones, as in
 * Snowflake), and dropped objects take their grants, policies and tasks with them.
 */
import type { QualifiedName } from "../hooks.js";
import type { CatalogContext, CatalogEnv } from "./context.js";
import type { FutureGrant } from "./model.js";
import { nameKey } from "./names.js";
import { dropGrantsOn, grantsOn, setOwner } from "./privileges.js";

function parts(type: string, n: QualifiedName): string[] {
  if (type === "DATABASE") return [n.database];
  if (type === "SCHEMA") return [n.database, n.schema];
  return [n.database, n.schema, n.name];
}

function normalise(type: string): string {
  return type.toUpperCase().replace(/ /g, "_");
}

export async function objectCreated(
  env: CatalogEnv,
  ctx: CatalogContext,
  objectType: string,
  name: QualifiedName,
  restoredOwner?: string,
): Promise<void> {
  const type = normalise(objectType);
  const full = parts(type, name);
  // OR REPLACE without COPY GRANTS creates a new object: its old grants go (objectReplaced).
  await dropGrantsOn(env, type, full);
  if (restoredOwner !== undefined) {
    await setOwner(env, type, full, restoredOwner);
    return;
  }
  await setOwner(env, type, full, ctx.role);
  if (type === "DATABASE") {
    // Every database comes with a PUBLIC schema owned by its creator.
    await setOwner(env, "SCHEMA", [name.database, "PUBLIC"], ctx.role);
    return;
  }
  const futures = applicableFutureGrants(env, type, name);
  for (const f of futures) {
    if (f.privilege === "OWNERSHIP") {
      await setOwner(
        env,
        type,
        full,
        f.grantee,
        ctx.role,
        f.granteeKind === "DATABASE_ROLE" ? "DATABASE_ROLE" : "ROLE",
      );
      continue;
    }
    await env.store.putGrant({
      privilege: f.privilege,
      objectType: type,
      objectName: full,
      granteeKind: f.granteeKind,
      grantee: f.grantee,
      grantOption: f.grantOption,
      grantedBy: ctx.role,
      createdOn: env.now(),
    });
  }
}

/**
 * CREATE OR REPLACE of an object of the same kind. Without COPY GRANTS it is a drop and a create
 * (fresh ownership, FUTURE grants). With COPY GRANTS, as in Snowflake, every privilege of the
 * replaced object except OWNERSHIP passes to the new one, the creating role owns it and FUTURE
 * grants are not applied. Either way the replaced object's row access policy goes with it.
 */
export async function objectReplaced(
  env: CatalogEnv,
  ctx: CatalogContext,
  objectType: string,
  name: QualifiedName,
  options: { copyGrants: boolean },
): Promise<void> {
  const type = normalise(objectType);
  const full = parts(type, name);
  const kept = options.copyGrants ? grantsOn(env, type, full).filter((g) => g.privilege !== "OWNERSHIP") : [];
  await objectDropped(env, objectType, name);
  if (!options.copyGrants) {
    await objectCreated(env, ctx, objectType, name);
    return;
  }
  await setOwner(env, type, full, ctx.role);
  for (const g of kept) await env.store.putGrant(g);
}

/** Schema-level future grants for this kind, or else database-level ones. */
function applicableFutureGrants(env: CatalogEnv, type: string, name: QualifiedName): FutureGrant[] {
  const all = [...env.store.futureGrants.values()].filter(
    (f) => f.objectType === type && f.database === name.database,
  );
  if (type === "SCHEMA") return all.filter((f) => f.schema === null);
  const schemaLevel = all.filter((f) => f.schema === name.schema);
  return schemaLevel.length > 0 ? schemaLevel : all.filter((f) => f.schema === null);
}

function under(prefix: string[], candidate: string[]): boolean {
  return candidate.length >= prefix.length && prefix.every((p, i) => candidate[i] === p);
}

export async function objectDropped(env: CatalogEnv, objectType: string, name: QualifiedName): Promise<void> {
  const type = normalise(objectType);
  const full = parts(type, name);
  const container = type === "DATABASE" || type === "SCHEMA";
  for (const g of [...env.store.grants.values()]) {
    const sameObject = g.objectType === type && nameKey(g.objectName) === nameKey(full);
    const inside =
      container &&
      g.objectType !== "ROLE" &&
      g.objectType !== "USER" &&
      g.objectType !== "WAREHOUSE" &&
      g.objectType !== "RESOURCE_MONITOR" &&
      g.objectType !== "ACCOUNT" &&
      g.objectName.length > full.length &&
      under(full, g.objectName);
    if (sameObject || inside) await env.store.deleteGrant(g);
  }
  if (!container) {
    await env.store.deleteAttachment(full);
    for (const m of env.store.maskingsOf(full)) await env.store.deleteMasking(m.target, m.column);
    return;
  }
  for (const f of [...env.store.futureGrants.values()])
    if (f.database === name.database && (type === "DATABASE" || f.schema === name.schema))
      await env.store.deleteFutureGrant(f);
  for (const t of [...env.store.tasks.values()])
    if (under(full, [t.database, t.schema])) await env.store.deleteTask([t.database, t.schema, t.name]);
  for (const p of [...env.store.policies.values()])
    if (under(full, [p.database, p.schema])) await env.store.deletePolicy([p.database, p.schema, p.name]);
  for (const a of [...env.store.attachments.values()])
    if (under(full, a.target)) await env.store.deleteAttachment(a.target);
  for (const p of [...env.store.maskingPolicies.values()])
    if (under(full, [p.database, p.schema]))
      await env.store.deleteMaskingPolicy([p.database, p.schema, p.name]);
  for (const m of [...env.store.maskings.values()])
    if (under(full, m.target)) await env.store.deleteMasking(m.target, m.column);
  if (type === "DATABASE")
    for (const r of [...env.store.databaseRoles.values()])
      if (r.database === name.database) await env.store.deleteDatabaseRole(r.database, r.name);
}

export async function objectRenamed(
  env: CatalogEnv,
  objectType: string,
  from: QualifiedName,
  to: QualifiedName,
): Promise<void> {
  const type = normalise(objectType);
  const a = parts(type, from);
  const b = parts(type, to);
  const move = (n: string[]) => [...b, ...n.slice(a.length)];
  for (const g of [...env.store.grants.values()]) {
    if (!under(a, g.objectName) || g.objectName.length < a.length) continue;
    if (g.objectName.length === a.length && g.objectType !== type) continue;
    await env.store.deleteGrant(g);
    await env.store.putGrant({ ...g, objectName: move(g.objectName) });
  }
  for (const at of [...env.store.attachments.values()])
    if (under(a, at.target)) {
      await env.store.deleteAttachment(at.target);
      await env.store.putAttachment({ ...at, target: move(at.target) });
    }
  for (const m of [...env.store.maskings.values()])
    if (under(a, m.target)) {
      await env.store.deleteMasking(m.target, m.column);
      await env.store.putMasking({ ...m, target: move(m.target) });
    }
  if (type === "DATABASE" || type === "SCHEMA") {
    for (const t of [...env.store.tasks.values()])
      if (under(a, [t.database, t.schema])) {
        await env.store.deleteTask([t.database, t.schema, t.name]);
        const [database, schema] = move([t.database, t.schema, t.name]) as [string, string];
        await env.store.putTask({ ...t, database, schema });
      }
    for (const p of [...env.store.policies.values()])
      if (under(a, [p.database, p.schema])) {
        await env.store.deletePolicy([p.database, p.schema, p.name]);
        const [database, schema] = move([p.database, p.schema, p.name]) as [string, string];
        await env.store.putPolicy({ ...p, database, schema });
      }
    for (const p of [...env.store.maskingPolicies.values()])
      if (under(a, [p.database, p.schema])) {
        await env.store.deleteMaskingPolicy([p.database, p.schema, p.name]);
        const [database, schema] = move([p.database, p.schema, p.name]) as [string, string];
        await env.store.putMaskingPolicy({ ...p, database, schema });
      }
    for (const m of [...env.store.maskings.values()])
      if (under(a, m.policy)) {
        await env.store.putMasking({ ...m, policy: move(m.policy) });
      }
  }
}
