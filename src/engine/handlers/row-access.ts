/**
 * Rewrite: a relation protected by a row access policy is read through a filter. The catalog says
 * which predicate applies to this session; the reference becomes `(SELECT * FROM t WHERE p) AS alias`.
 */
import { checkFunctionCalls } from "../functions/check.js";
import { sfErrors } from "../errors.js";
import { encodeName } from "../identifiers.js";
import { isIdent, pointAt, resolveNames } from "../resolve.js";
import type { StatementContext } from "../session.js";
import { parseStatement, printSnowflake, type Translation, toDuck } from "../translate.js";
import type { StatementKind } from "../types.js";
import { udfLookup } from "../udf-lookup.js";

/** The DuckDB SQL to run: the cached translation, or a filtered re-translation when a policy applies. */
export async function applyRowAccessFilters(
  ctx: StatementContext,
  translation: Translation,
  kind: StatementKind,
): Promise<string> {
  const catalog = ctx.engine.catalog;
  if (translation.relations.length === 0) return translation.duckSql;
  const hookCtx = ctx.session.hookContext();
  const filters = new Map<number, string>();
  for (let i = 0; i < translation.relations.length; i++) {
    const r = translation.relations[i];
    if (r === undefined) continue;
    const predicate = await catalog.rowAccessFilter(hookCtx, r.name);
    if (!predicate) continue;
    // A policy body is Snowflake SQL like any statement's: its calls pass the same check.
    checkFunctionCalls(`SELECT ${predicate}`, udfLookup(ctx.engine.directory, ctx.session.stateValue));
    filters.set(i, predicate);
  }
  if (filters.size === 0) return translation.duckSql;
  // Re-translate without the cache: the filtered text depends on the session's roles.
  const state = ctx.session.stateValue;
  const scope = { database: state.database, schema: state.schema };
  // The predicates carry the session's roles as literals, so they key the filtered translation.
  const key = JSON.stringify([ctx.sql, scope, kind, ctx.engine.directory.version, [...filters]]);
  let filteredTranslations = filteredByEngine.get(ctx.engine);
  if (!filteredTranslations) {
    filteredTranslations = new Map();
    filteredByEngine.set(ctx.engine, filteredTranslations);
  }
  const cached = filteredTranslations.get(key);
  if (cached !== undefined) return cached;
  const ast = parseStatement(ctx.sql);
  const relations = resolveNames(ast, scope);
  const targets = dmlTargetHolders(ast);
  for (const [index, predicate] of filters) {
    const found = relations[index];
    if (found === undefined || found.holder === null || targets.has(found.holder)) {
      // A DML target: its rows are those it can see, so filter through the WHERE of the statement.
      if (kind !== "SELECT") continue;
      // A read the rewrite cannot wrap in a filter must not run unfiltered.
      throw sfErrors.unsupported("a row access policy on a relation read in this position");
    }
    const node = found.node as Record<string, unknown>;
    const alias = isIdent(node.alias) ? node.alias.name : encodeName(found.name.name);
    const sub = parseStatement(`SELECT * FROM "${found.name.name.replaceAll('"', '""')}" WHERE ${predicate}`);
    // Resolve in the protected table's schema: the session may have no current database.
    const inner = resolveNames(sub, { database: found.name.database, schema: found.name.schema })[0];
    if (inner) pointAt(inner.node, found.name);
    const holder = found.holder;
    delete holder.table;
    holder.subquery = {
      this: sub,
      alias: { name: alias, quoted: true, trailing_comments: [] },
      column_aliases: [],
      alias_explicit_as: true,
      alias_keyword: "as",
      order_by: null,
      limit: null,
      offset: null,
      lateral: false,
      modifiers_inside: false,
      trailing_comments: [],
    };
  }
  void kind;
  const duckSql = toDuck(printSnowflake(ast), ctx.engine.functions);
  if (filteredTranslations.size >= 500)
    filteredTranslations.delete(filteredTranslations.keys().next().value!);
  filteredTranslations.set(key, duckSql);
  return duckSql;
}

/** Per engine, the most recent 500 filtered translations (re-translating costs more than most queries). */
const filteredByEngine = new WeakMap<object, Map<string, string>>();

/**
 * The objects holding a DML statement's target table (DELETE/UPDATE/INSERT/MERGE INTO t): the target
 * cannot be replaced by a filtered subquery. Its reads (subqueries, USING, FROM) are still filtered.
 */
function dmlTargetHolders(ast: unknown): Set<unknown> {
  const targets = new Set<unknown>();
  const root = ast as Record<string, unknown> | null;
  if (root === null || typeof root !== "object") return targets;
  for (const key of ["delete", "update", "insert"]) if (root[key]) targets.add(root[key]);
  // MERGE INTO t [AS a]: merge.this, possibly wrapped in alias.this, holds `table`.
  let node = (root.merge as Record<string, unknown> | undefined)?.this as Record<string, unknown> | undefined;
  while (node && typeof node === "object") {
    targets.add(node);
    const next = (node.alias as Record<string, unknown> | undefined)?.this ?? node.this;
    node = next && typeof next === "object" ? (next as Record<string, unknown>) : undefined;
  }
  return targets;
}
