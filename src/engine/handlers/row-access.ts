/**
 * Rewrite: a relation protected by a row access policy is read through a filter. The catalog says
 * which predicate applies to this session. A relation read in FROM / JOIN becomes
 * `(SELECT * FROM t WHERE p) AS alias`. The rows UPDATE, DELETE and MERGE select are filtered too
 * (Snowflake: the policy decides which rows those statements can select): their target, and a
 * DELETE … USING table, which cannot be replaced by a subquery, get `p` over their own alias added
 * to the statement's WHERE (MERGE: its ON, so a hidden target row never matches). INSERT's target
 * is not filtered, as in Snowflake.
 *
 * Masking policies ride the same path: a masked relation read in FROM / JOIN becomes
 * `(SELECT a, <mask of b> AS b, … FROM t [WHERE p]) AS alias`, so every later use of the column
 * (projection, WHERE, JOIN, GROUP BY, a copy into another table) sees the masked value; in a DML
 * statement's own target the masked columns it reads (SET values, WHERE, MERGE's ON and WHEN) are
 * replaced by their masks (column-masks.ts).
 */
import { sfErrors } from "../errors.js";
import { checkFunctionCalls } from "../functions/check.js";
import { encodeName } from "../identifiers.js";
import { type FoundRelation, type IdentNode, isIdent, pointAt, resolveNames } from "../resolve.js";
import { isScanRelation } from "../result-scan.js";
import type { StatementContext } from "../session.js";
import { type MandatoryRewrite, parseStatement, type StatementAst, type Translation } from "../translate.js";
import { loadTranspiler } from "../transpiler.js";
import { udfLookup } from "../udf-lookup.js";
import { maskTargetColumns } from "./column-masks.js";

/** Translates the statement again with a mandatory rewrite of its resolved AST. */
export type Retranslate = (rewrite: MandatoryRewrite) => Translation;

/** The DuckDB SQL to run: the cached translation, or a filtered re-translation when a policy applies. */
export async function applyRowAccessFilters(
  ctx: StatementContext,
  translation: Translation,
  retranslate: Retranslate,
): Promise<string> {
  const catalog = ctx.engine.catalog;
  if (translation.relations.length === 0) return translation.duckSql;
  const hookCtx = ctx.session.hookContext();
  const filters = new Map<number, RelationPolicies>();
  const lookup = udfLookup(ctx.engine.directory, ctx.session.stateValue);
  for (let i = 0; i < translation.relations.length; i++) {
    const r = translation.relations[i];
    // A table the engine filled for the statement (RESULT_SCAN, MATCH_RECOGNIZE) has no policies.
    if (r === undefined || isScanRelation(r.name.database)) continue;
    const predicate = await catalog.rowAccessFilter(hookCtx, r.name);
    const masks = await catalog.columnMasks(hookCtx, r.name);
    if (!predicate && !masks) continue;
    // A policy body is Snowflake SQL like any statement's: its calls pass the same check.
    if (predicate) checkFunctionCalls(`SELECT ${predicate}`, lookup);
    for (const mask of masks?.values() ?? []) checkFunctionCalls(`SELECT ${mask}`, lookup);
    const columns = masks ? ctx.engine.directory.columnsOf(r.name).map((c) => c.name) : [];
    filters.set(i, { predicate, masks: masks ? [...masks] : [], columns });
  }
  if (filters.size === 0) return translation.duckSql;
  // Not the engine's cache: the filtered text depends on the session's roles, which the predicates
  // carry as literals, so they key the filtered translation.
  const state = ctx.session.stateValue;
  const key = JSON.stringify([
    ctx.sql,
    state.database,
    state.schema,
    state.parameters.QUOTED_IDENTIFIERS_IGNORE_CASE ?? "",
    ctx.engine.directory.version,
    [...filters].map(([i, f]) => [i, f.predicate, f.masks, f.columns]),
  ]);
  let filteredTranslations = filteredByEngine.get(ctx.engine);
  if (!filteredTranslations) {
    filteredTranslations = new Map();
    filteredByEngine.set(ctx.engine, filteredTranslations);
  }
  const cached = filteredTranslations.get(key);
  if (cached !== undefined) return cached;
  await loadTranspiler();
  const duckSql = retranslate((ast, relations) => filterRelations(ast, relations, filters)).duckSql;
  if (filteredTranslations.size >= 500)
    filteredTranslations.delete(filteredTranslations.keys().next().value!);
  filteredTranslations.set(key, duckSql);
  return duckSql;
}

/** Per engine, the most recent 500 filtered translations (re-translating costs more than most queries). */
const filteredByEngine = new WeakMap<object, Map<string, string>>();

/** What the policies of one relation ask of this session's reads. */
interface RelationPolicies {
  /** Row access: the rows it may see. */
  predicate: string | null;
  /** Masking: [column, expression replacing it]. */
  masks: [string, string][];
  /** The relation's columns in order (only when some are masked). */
  columns: string[];
}

/** Applies each relation's policies to the resolved AST, in place. */
function filterRelations(
  ast: StatementAst,
  relations: readonly FoundRelation[],
  filters: ReadonlyMap<number, RelationPolicies>,
): void {
  const statement = dmlStatement(ast);
  for (const [index, policies] of filters) {
    const found = relations[index];
    // The same text resolves to the same relations in the same order; anything else must not run.
    if (found === undefined)
      throw sfErrors.generic("Row access policy could not be applied to this statement.");
    const isTarget = statement?.targets.has(found.holder ?? found.node) === true;
    if (isTarget && statement?.kind === "insert") continue;
    if (found.holder !== null && !isTarget) {
      readThroughFilter(ast, found, policies);
      continue;
    }
    if (statement === null || statement.kind === "insert")
      throw sfErrors.unsupported(`a row access or masking policy on ${found.name.name} read this way`);
    const reference = referenceName(found, statement);
    if (policies.masks.length > 0) {
      const masks = new Map(
        policies.masks.map(([column, mask]) => [column, expressionOver(found, mask, reference)]),
      );
      maskTargetColumns(statement, masks, reference);
    }
    if (policies.predicate) addCondition(statement, predicateOver(found, policies.predicate, reference));
  }
}

/**
 * `FROM t [AS a]` becomes `FROM (SELECT * FROM t WHERE p) AS a`; with masked columns the `*` is
 * the column list, each masked column replaced by its policy's expression.
 */
function readThroughFilter(ast: StatementAst, found: FoundRelation, policies: RelationPolicies): void {
  const node = found.node as Record<string, unknown>;
  // `MERGE … USING t AS a` wraps the table in an alias node: the subquery takes that node's place.
  const wrapper = aliasWrapperOf(ast, found.holder);
  const wrapped = wrapper ? ((wrapper.alias as Json).alias as IdentNode) : null;
  const alias = wrapped ? wrapped.name : isIdent(node.alias) ? node.alias.name : encodeName(found.name.name);
  const masks = new Map(policies.masks);
  const projection =
    masks.size === 0
      ? "*"
      : policies.columns
          .map((c) => {
            const quoted = `"${c.replaceAll('"', '""')}"`;
            const mask = masks.get(c);
            return mask === undefined ? quoted : `${mask} AS ${quoted}`;
          })
          .join(", ");
  const where = policies.predicate ? ` WHERE ${policies.predicate}` : "";
  const sub = parseStatement(`SELECT ${projection} FROM "${found.name.name.replaceAll('"', '""')}"${where}`);
  // Resolve in the protected table's schema: the session may have no current database.
  const inner = resolveNames(sub, { database: found.name.database, schema: found.name.schema })[0];
  if (inner) pointAt(inner.node, found.name);
  const holder = (wrapper ?? found.holder) as Record<string, unknown>;
  delete holder.table;
  delete holder.alias;
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

type Json = Record<string, unknown>;

/** The node `{ alias: { this: holder, alias: a } }` holding `holder` under an alias, if any. */
function aliasWrapperOf(ast: unknown, holder: unknown): Json | null {
  if (Array.isArray(ast)) {
    for (const item of ast) {
      const found = aliasWrapperOf(item, holder);
      if (found) return found;
    }
    return null;
  }
  if (ast === null || typeof ast !== "object") return null;
  const obj = ast as Json;
  const alias = obj.alias as Json | undefined;
  if (alias && typeof alias === "object" && alias.this === holder && isIdent(alias.alias)) return obj;
  for (const value of Object.values(obj)) {
    const found = aliasWrapperOf(value, holder);
    if (found) return found;
  }
  return null;
}

/** A DML statement's root node, its kind, and the nodes holding its target table. */
interface DmlStatement {
  kind: "delete" | "update" | "insert" | "merge";
  node: Json;
  targets: Set<unknown>;
  /** The target's alias (`DELETE FROM t a`, `MERGE INTO t AS a`), when written outside the table node. */
  targetAlias: IdentNode | null;
}

function dmlStatement(ast: unknown): DmlStatement | null {
  const root = ast as Json | null;
  if (root === null || typeof root !== "object") return null;
  for (const kind of ["delete", "update", "insert"] as const) {
    const node = root[kind] as Json | undefined;
    if (!node) continue;
    const targets = new Set<unknown>([node]);
    if (node.table && typeof node.table === "object") targets.add(node.table);
    return { kind, node, targets, targetAlias: isIdent(node.alias) ? node.alias : null };
  }
  const merge = root.merge as Json | undefined;
  if (!merge) return null;
  // MERGE INTO t [AS a]: merge.this, possibly wrapped in alias.this, holds `table`.
  const targets = new Set<unknown>();
  let targetAlias: IdentNode | null = null;
  let node = merge.this as Json | undefined;
  while (node && typeof node === "object") {
    targets.add(node);
    const aliasNode = node.alias as Json | undefined;
    if (aliasNode && isIdent(aliasNode.alias)) targetAlias = aliasNode.alias;
    if (node.table && typeof node.table === "object") targets.add(node.table);
    const next = aliasNode?.this ?? node.this;
    node = next && typeof next === "object" ? (next as Json) : undefined;
  }
  return { kind: "merge", node: merge, targets, targetAlias };
}

/** The name the statement uses for the relation: its alias, else its (encoded) table name. */
function referenceName(found: FoundRelation, statement: DmlStatement): IdentNode {
  const node = found.node as Json;
  if (isIdent(node.alias)) return node.alias;
  const isTarget = statement.targets.has(found.holder ?? found.node);
  if (isTarget && statement.targetAlias) return statement.targetAlias;
  return { name: encodeName(found.name.name), quoted: true, trailing_comments: [] };
}

/**
 * The predicate as a condition on the statement's own reference to the relation: the policy's
 * columns, unqualified or qualified with the table's name, are qualified with `reference`.
 */
function predicateOver(found: FoundRelation, predicate: string, reference: IdentNode): Json {
  return expressionOver(found, predicate, reference);
}

/** A policy expression over the relation, its columns qualified with the statement's `reference`. */
function expressionOver(found: FoundRelation, expression: string, reference: IdentNode): Json {
  const sub = parseStatement(
    `SELECT * FROM "${found.name.name.replaceAll('"', '""')}" WHERE (${expression})`,
  );
  resolveNames(sub, { database: found.name.database, schema: found.name.schema });
  const where = ((sub.select as Json).where_clause as Json).this as Json;
  const tableName = encodeName(found.name.name);
  const requalify = (node: unknown, nested: boolean): void => {
    if (Array.isArray(node)) {
      for (const item of node) requalify(item, nested);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const obj = node as Json;
    const column = obj.column as Json | undefined;
    if (column && isIdent(column.name) && "table" in column) {
      const table = column.table;
      // Outside a subquery every column is the protected table's; inside one, only those the
      // catalog qualified with the table's name (the others belong to the subquery's tables).
      if ((table === null && !nested) || (isIdent(table) && table.name === tableName))
        column.table = { ...reference };
      return;
    }
    for (const [key, value] of Object.entries(obj)) requalify(value, nested || key === "select");
  };
  requalify(where, false);
  return where;
}

/** ANDs `condition` into the statement's WHERE (DELETE, UPDATE) or its ON (MERGE). */
function addCondition(statement: DmlStatement, condition: Json): void {
  const both = (left: unknown): Json => ({
    and: {
      left: { paren: { this: left } },
      right: { paren: { this: condition } },
      left_comments: [],
      operator_comments: [],
    },
  });
  const node = statement.node;
  if (statement.kind === "merge") {
    node.on = both(node.on);
    return;
  }
  const where = node.where_clause as Json | null;
  if (where) where.this = both(where.this);
  else node.where_clause = { this: { paren: { this: condition } } };
}
