/**
 * Row access policies through views: a view whose body (transitively) reads a policy-protected
 * relation is expanded inline, so the core's rewrite step filters the protected relation itself.
 * The session needs SELECT on the view only; the relations inside run with the view owner's
 * rights, so they are returned as `hidden` for the authorise step to skip.
 */
import { authorise } from "./authorise.js";
import type { CatalogContext, CatalogEnv } from "./context.js";
import type { RelationEntry } from "./directory.js";
import { type Token, tokenize } from "./lexer.js";
import { columnMasks } from "./masking-policies.js";
import { nameKey, quotePart } from "./names.js";
import { qualifyRelations, relationRefs } from "./relation-refs.js";

export interface Expansion {
  sql: string;
  /** Keys (nameKey of [db, schema, name]) of relations read only through expanded views. */
  hidden: Set<string>;
}

function resolve(parts: string[], database: string | null, schema: string | null): string[] | null {
  if (parts.length === 3) return parts;
  if (parts.length === 2) return database ? [database, ...parts] : null;
  return database && schema ? [database, schema, parts[0]!] : null;
}

async function relationOf(env: CatalogEnv, name: string[]): Promise<RelationEntry | undefined> {
  return (await env.directory.relations(name[0], name[1])).find((r) => r.name === name[2]);
}

/**
 * The query of a CREATE VIEW text as written: after the first top-level `AS` that a SELECT, WITH or
 * `(` follows, without a trailing `;`.
 */
export function viewQueryText(text: string): string | null {
  const tokens = tokenize(text);
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === "(") depth++;
    if (t.text === ")") depth--;
    const next = tokens[i + 1];
    if (
      depth === 0 &&
      t.kind === "word" &&
      t.text.toUpperCase() === "AS" &&
      next &&
      (next.text === "(" || ["SELECT", "WITH"].includes(next.text.toUpperCase()))
    )
      return text.slice(next.start).trim().replace(/;\s*$/, "");
  }
  return null;
}

/** The query of a CREATE VIEW statement, its table names qualified with the view's schema. */
export function viewBody(view: RelationEntry): string | null {
  const body = view.text ? viewQueryText(view.text) : null;
  return body === null ? null : qualifyRelations(body, tokenize(body), view.database, view.schema);
}

/**
 * The policy-protected relation a view's body reads, directly or through other views, or null.
 * The name is [database, schema, name].
 */
async function protectedBeneath(
  env: CatalogEnv,
  view: RelationEntry,
  seen: Set<string>,
): Promise<string[] | null> {
  const key = nameKey([view.database, view.schema, view.name]);
  if (seen.has(key)) return null;
  seen.add(key);
  const body = viewBody(view);
  if (!body) return null;
  for (const ref of relationRefs(tokenize(body))) {
    const name = resolve(ref.parts, view.database, view.schema);
    if (!name) continue;
    if (isProtected(env, name)) return name;
    const rel = await relationOf(env, name);
    const beneath = rel && rel.kind !== "TABLE" ? await protectedBeneath(env, rel, seen) : null;
    if (beneath) return beneath;
  }
  return null;
}

async function dependsOnProtected(env: CatalogEnv, view: RelationEntry, seen: Set<string>): Promise<boolean> {
  return (await protectedBeneath(env, view, seen)) !== null;
}

/**
 * The relation with a row access or masking policy that reading `name` reaches: itself, or one a
 * view of that name reads, transitively; null when none (or no policy exists at all).
 */
export async function protectedRelationRead(env: CatalogEnv, name: string[]): Promise<string[] | null> {
  if (env.store.attachments.size === 0 && env.store.maskings.size === 0) return null;
  if (isProtected(env, name)) return name;
  const rel = await relationOf(env, name);
  return rel && rel.kind !== "TABLE" ? protectedBeneath(env, rel, new Set()) : null;
}

/** Expands the views of `sql` that lead to protected relations (none when no policy is attached). */
export async function expandProtectedViews(
  env: CatalogEnv,
  ctx: CatalogContext,
  sql: string,
): Promise<Expansion> {
  const hidden = new Set<string>();
  if (env.store.attachments.size === 0 && env.store.maskings.size === 0) return { sql, hidden };
  const tokens = tokenize(sql);
  const direct = new Set<string>();
  const expanded = await expand(env, ctx, sql, tokens, ctx.database, ctx.schema, hidden, direct, 0, true);
  for (const key of direct) hidden.delete(key);
  return { sql: expanded, hidden };
}

async function expand(
  env: CatalogEnv,
  ctx: CatalogContext,
  sql: string,
  tokens: Token[],
  database: string | null,
  schema: string | null,
  hidden: Set<string>,
  direct: Set<string>,
  depth: number,
  outer: boolean,
): Promise<string> {
  let out = "";
  let last = 0;
  for (const ref of relationRefs(tokens)) {
    const name = resolve(ref.parts, database, schema);
    if (!name) continue;
    if (outer) direct.add(nameKey(name));
    else hidden.add(nameKey(name));
    if (depth > 8) continue;
    const rel = await relationOf(env, name);
    if (!rel || rel.kind === "TABLE" || env.store.attachments.has(nameKey(name))) continue;
    if (!(await dependsOnProtected(env, rel, new Set()))) continue;
    // A view with masked columns of its own over protected relations: expanded, then its own
    // masks applied over the expansion (left alone, the core would mask it but read it raw).
    const ownMasks = columnMasks(env, ctx, { database: name[0]!, schema: name[1]!, name: name[2]! });
    const body = viewBody(rel);
    if (!body) continue;
    if (outer)
      await authorise(env, ctx, [
        {
          objectType: "VIEW",
          object: { database: name[0]!, schema: name[1]!, name: name[2]! },
          action: "READ",
        },
      ]);
    const inner = await expand(
      env,
      ctx,
      body,
      tokenize(body),
      rel.database,
      rel.schema,
      hidden,
      direct,
      depth + 1,
      false,
    );
    const start = tokens[ref.first]!.start;
    const end = tokens[ref.last]!.end;
    const masked = ownMasks ? await maskedProjection(env, rel, inner, ownMasks) : inner;
    out += `${sql.slice(last, start)}(${masked})${ref.alias < 0 ? ` AS ${quotePart(rel.name)}` : ""}`;
    last = end;
  }
  return out + sql.slice(last);
}

/** A table or view with a row access policy or a masked column. */
function isProtected(env: CatalogEnv, name: string[]): boolean {
  return env.store.attachments.has(nameKey(name)) || env.store.maskingsOf(name).length > 0;
}

/** `SELECT a, <mask of b> AS b, … FROM (<view body>) AS "V"`. */
async function maskedProjection(
  env: CatalogEnv,
  view: RelationEntry,
  body: string,
  masks: ReadonlyMap<string, string>,
): Promise<string> {
  const cols = await env.directory.columns(view.database, view.schema, view.name);
  const list = cols.map((c) => {
    const quoted = `"${c.name.replace(/"/g, '""')}"`;
    const mask = masks.get(c.name);
    return mask === undefined ? quoted : `${mask} AS ${quoted}`;
  });
  return `SELECT ${list.join(", ")} FROM (${body}) AS "${view.name.replace(/"/g, '""')}"`;
}
