/**
 * DESCRIBE DATABASE and DESCRIBE SCHEMA: what a container holds, one row per child
 * (`created_on`, `name`, `kind`), as the pages list them: a database's schemas (INFORMATION_SCHEMA
 * included) by name, a schema's tables, views and materialized views oldest first.
 */
import type { CatalogContext, CatalogEnv } from "../context.js";
import { notFound } from "../errors.js";
import type { Cursor } from "../lexer.js";
import { resolveName } from "../objects.js";
import { ownerOf, seesObject, sessionRoles } from "../privileges.js";
import { type CatalogResult, columns, ts } from "../results.js";
import { virtualCreatedOn } from "./data.js";

const CHILD_COLUMNS = columns(["created_on:d", "name:t", "kind:t"]);

interface Child {
  createdOn: number;
  name: string;
  kind: string;
}

/** Oldest first; children created in the same instant (a database's two schemas) by name. */
function byCreation(a: Child, b: Child): number {
  return a.createdOn - b.createdOn || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

function visible(env: CatalogEnv, ctx: CatalogContext, kind: string, name: string[]): boolean {
  return ownerOf(env, kind, name) === null || seesObject(env, sessionRoles(env, ctx), kind, name);
}

function byName(a: Child, b: Child): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function result(children: Child[], order: (a: Child, b: Child) => number): CatalogResult {
  return {
    kind: "DESCRIBE",
    columns: CHILD_COLUMNS,
    rows: children.sort(order).map((ch) => [ts(ch.createdOn), ch.name, ch.kind]),
  };
}

export async function describeDatabase(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
): Promise<CatalogResult> {
  const [database] = resolveName(ctx, "DATABASE", c.name()) as [string];
  if (!c.atEnd()) c.fail("end of statement");
  const found = (await env.directory.databases()).some((d) => d.name === database);
  if (!found || !visible(env, ctx, "DATABASE", [database])) throw notFound("Database", database);
  const schemas = (await env.directory.schemas(database)).filter((s) =>
    visible(env, ctx, "SCHEMA", [s.database, s.name]),
  );
  return result(
    schemas.map((s) => ({ createdOn: virtualCreatedOn(env, s), name: s.name, kind: "SCHEMA" })),
    byName,
  );
}

export async function describeSchema(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
): Promise<CatalogResult> {
  const [database, schema] = resolveName(ctx, "SCHEMA", c.name()) as [string, string];
  if (!c.atEnd()) c.fail("end of statement");
  const found = (await env.directory.schemas(database)).some((s) => s.name === schema);
  if (!found || !visible(env, ctx, "SCHEMA", [database, schema]))
    throw notFound("Schema", `${database}.${schema}`);
  const relations = (await env.directory.relations(database, schema)).filter(
    (r) =>
      r.database === database && r.schema === schema && visible(env, ctx, r.kind, [database, schema, r.name]),
  );
  return result(
    relations.map((r) => ({ createdOn: r.createdOn, name: r.name, kind: r.kind })),
    byCreation,
  );
}
