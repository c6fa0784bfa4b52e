/**
 * The listing step SHOW STREAMS, SHOW SEQUENCES and SHOW FUNCTIONS / PROCEDURES share: the schema
 * objects inside the SHOW's scope that the session's roles may see. Each caller sorts as its page says.
 */
import type { CatalogContext, CatalogEnv } from "../context.js";
import { notFound } from "../errors.js";
import { ownerOf, seesObject, sessionRoles } from "../privileges.js";
import { inScope, type ShowScope } from "./filters.js";

/** A schema object as the directory lists it. */
export interface SchemaObject {
  database: string;
  schema: string;
  name: string;
}

/** Whether the session's roles may see an object of this kind (one without an owner is seen by all). */
export function visibleTo(env: CatalogEnv, ctx: CatalogContext, kind: string): (o: SchemaObject) => boolean {
  const roles = sessionRoles(env, ctx);
  return (o) => {
    const name = [o.database, o.schema, o.name];
    return ownerOf(env, kind, name) === null || seesObject(env, roles, kind, name);
  };
}

/**
 * The objects `list` returns inside `scope` that the session may see as `kind`, unordered; an IN
 * SCHEMA that does not exist is Snowflake's not-found error. `list` answers undefined where the
 * directory keeps no such objects.
 */
export async function visibleInScope<T extends SchemaObject>(
  env: CatalogEnv,
  ctx: CatalogContext,
  scope: ShowScope,
  kind: string,
  list: (database?: string, schema?: string) => Promise<T[]> | undefined,
): Promise<T[]> {
  if (
    scope.kind === "SCHEMA" &&
    !(await env.directory.schemas(scope.database as string)).some((s) => s.name === scope.schema)
  )
    throw notFound("Schema", `${scope.database}.${scope.schema}`);
  const all =
    (await list(
      scope.kind === "ACCOUNT" ? undefined : scope.database,
      scope.kind === "SCHEMA" ? scope.schema : undefined,
    )) ?? [];
  return all.filter((o) => inScope(o, scope)).filter(visibleTo(env, ctx, kind));
}
