/**
 * Translate: Snowflake SQL -> DuckDB SQL. Parse with @polyglot-sql/sdk, resolve names (resolve.ts),
 * name unaliased result columns as Snowflake does, print back as Snowflake SQL, transpile that to
 * DuckDB, then apply the functions module's fix-ups. Results are cached per text and scope.
 */

import { applyStringAggregates } from "./aggregate-arguments.js";
import { checkDistinctAggregateOrder, dropSingleRowOrderBy } from "./aggregate-order.js";
import { rewriteAsofJoins } from "./asof-join.js";
import { decodeBinaryInserts } from "./binary-input.js";
import { applyCollation, type CollationLookup, mayInvolveCollation } from "./collation/pass.js";
import { rewriteConnectBy } from "./connect-by.js";
import { applyDateResults } from "./date-results.js";
import { applyDateTimeRewrites } from "./datetime/ast-passes.js";
import { coerceStoredValues } from "./datetime/insert-coercion.js";
import { rewriteIntervalLiterals } from "./datetime/interval-literals.js";
import { undirectJoins } from "./directed-joins.js";
import { SnowflakeError, sfErrors } from "./errors.js";
import type { InferredType } from "./expression-types.js";
import { checkFunctionCalls, type UdfLookup } from "./functions/check.js";
import type { FunctionHooks, QualifiedName } from "./hooks.js";
import { decodeName, encodeName } from "./identifiers.js";
import { inlineLateralAliases } from "./lateral-aliases.js";
import { refuseLateralOverUnpivot } from "./lateral-unpivot.js";
import { revealQuantifiedLike } from "./like-quantified.js";
import { mergeToDuck } from "./merge.js";
import { applyDivisionScales, type ColumnTypeLookup } from "./numeric.js";
import { applyNullsFirstDefault, finishOrderByAll, orderLimitPrepass } from "./order-limit.js";
import { applyOuterJoinMarks } from "./outer-join-marks.js";
import { pivotCastTypes } from "./pivot.js";
import { finishStarIlike, prepass, STAR_ILIKE } from "./prepass.js";
import { resolveQualifiedPositions } from "./qualified-positions.js";
import { type EditLog, type FoundRelation, isIdent, type NameScope, resolveNames } from "./resolve.js";
import { normaliseSampleClauses } from "./sample-clause.js";
import { type SelectItem, selectItems } from "./select-items.js";
import { finishNextval, rewriteNextval } from "./sequences.js";
import { tokenize } from "./split/index.js";
import { expandStarPlaceholders, STAR_PLACEHOLDER, writtenStars } from "./star-columns.js";
import { nameSubqueryColumns } from "./subquery-names.js";
import { refuseTableFunctionJoins } from "./table-function-joins.js";
import { numberTableFunctionRows } from "./table-function-seq.js";
import { Dialect, generate, parse, transpile } from "./transpiler.js";
import { hideTypeSyntax, revealTypeSyntax } from "./type-syntax.js";
import { applyStructuredFlattens, applyTypeSystem, normaliseCastTypes } from "./type-system.js";
import { placeholdUdfCalls, revealUdfCalls, udfMacroNames } from "./udf-calls.js";
import { crossJoinsWithoutCondition } from "./unconditioned-joins.js";
import { refuseMatchRecognize, refuseTimeTravel } from "./unemulated-clauses.js";
import { typeValuesColumns } from "./values-types.js";

export { type SelectItem, selectItems, selectItemTexts } from "./select-items.js";

/** A parsed statement: polyglot's AST for one statement (a plain JSON tree). */
export type StatementAst = Record<string, unknown>;

/** Parses one Snowflake statement; a parse failure becomes Snowflake's 001003 syntax error. */
export function parseStatement(sql: string): StatementAst {
  let result: ReturnType<typeof parse>;
  try {
    result = parse(sql, Dialect.Snowflake);
  } catch (error) {
    throw syntaxErrorAt(sql, 1, 1, error);
  }
  if (!result.success || !Array.isArray(result.ast) || result.ast.length === 0) {
    const m = /line (\d+), column (\d+)/.exec(result.error ?? "");
    throw syntaxErrorAt(sql, m ? Number(m[1]) : 1, m ? Number(m[2]) : 1, result.error);
  }
  // Only the first statement would be resolved and authorised: never let a second one through.
  if (result.ast.length > 1) throw sfErrors.statementCount(result.ast.length);
  return result.ast[0] as StatementAst;
}

/**
 * Builds Snowflake's syntax error from the transpiler's position, which points just past the
 * offending token: report that token's line, 0-based position and text, as Snowflake does.
 */
export function syntaxErrorAt(sql: string, line: number, column: number, detail: unknown): SnowflakeError {
  const lines = sql.split("\n");
  let lineStart = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) lineStart += (lines[i] as string).length + 1;
  const errorOffset = lineStart + Math.max(0, column - 1);
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  // The token that ends at the reported column, else the first one starting at or after it.
  let token = tokens.find((t) => t.end === errorOffset) ?? tokens.find((t) => t.start >= errorOffset - 1);
  if (token === undefined) token = tokens[tokens.length - 1];
  const text = token === undefined ? "" : sql.slice(token.start, token.end);
  let tokenLine = 1;
  let tokenLineStart = 0;
  const at = token?.start ?? sql.length;
  for (let i = 0; i < at; i++) {
    if (sql[i] === "\n") {
      tokenLine++;
      tokenLineStart = i + 1;
    }
  }
  const error = sfErrors.syntax(tokenLine, at - tokenLineStart, text);
  return new SnowflakeError(error.code, error.sqlState, error.message, {
    line: tokenLine,
    position: at - tokenLineStart,
    detail: String(detail),
  });
}

/** Prints an AST back as Snowflake SQL. */
export function printSnowflake(ast: StatementAst): string {
  const out = generate([ast], Dialect.Snowflake);
  if (!out.success || !out.sql || out.sql.length === 0)
    throw sfErrors.generic(`Cannot print statement: ${out.error}`);
  return out.sql[0] as string;
}

/**
 * Snowflake SQL -> DuckDB SQL with the transpiler, then the function hooks. `context` is what the
 * hooks' rewrites depend on besides the text (TIMESTAMP_TYPE_MAPPING).
 */
export function toDuck(
  snowflakeSql: string,
  functions: FunctionHooks,
  context: { timestampTypeMapping?: string } = {},
): string {
  const before = functions.beforeTranspile ? functions.beforeTranspile(snowflakeSql, context) : snowflakeSql;
  const out = transpile(before, Dialect.Snowflake, Dialect.DuckDB);
  if (!out.success || !out.sql || out.sql.length === 0) {
    throw sfErrors.compilation(`Cannot translate statement: ${out.error ?? "unknown reason"}`);
  }
  // One Snowflake statement is one DuckDB statement; a second one would run unauthorised.
  if (out.sql.length > 1) throw sfErrors.statementCount(out.sql.length);
  const duck = pivotCastTypes(out.sql[0] as string);
  return functions.afterTranspile ? functions.afterTranspile(duck) : duck;
}

/** The outermost SELECT node of a query AST (the left-most branch of a set operation). */
export function outerSelect(ast: StatementAst): Record<string, unknown> | null {
  let node: unknown = ast;
  for (let i = 0; i < 20 && typeof node === "object" && node !== null; i++) {
    const obj = node as Record<string, unknown>;
    if (obj.select) return obj.select as Record<string, unknown>;
    const setOp = obj.union ?? obj.intersect ?? obj.except;
    if (setOp) {
      node = (setOp as Record<string, unknown>).left;
      continue;
    }
    if (obj.subquery) {
      node = (obj.subquery as Record<string, unknown>).this;
      continue;
    }
    return null;
  }
  return null;
}

const SIMPLE = new Set(["column", "star", "alias"]);

/**
 * Gives each unaliased expression of the outermost SELECT the alias Snowflake would show (its text,
 * upper-cased, whitespace runs as one space), encoded like any identifier (`encode`: the edits are
 * applied after resolveNames encodes the rest; unencoded for a text that is parsed afterwards).
 */
export function nameResultColumns(ast: StatementAst, sql: string, encode = true): TextEdit[] {
  const edits: TextEdit[] = [];
  const select = outerSelect(ast);
  if (!select || !Array.isArray(select.expressions)) return edits;
  const expressions = select.expressions as Record<string, unknown>[];
  if (!expressions.some((e) => !SIMPLE.has(Object.keys(e)[0] ?? ""))) return edits;
  const items = selectItems(sql);
  if (!items || items.length !== expressions.length) return edits;
  const texts = items.map((item) => item.text);
  for (let i = 0; i < expressions.length; i++) {
    const expr = expressions[i] as Record<string, unknown>;
    const key = Object.keys(expr)[0] ?? "";
    if (SIMPLE.has(key)) continue;
    // `* ILIKE` (a placeholder call by now) expands to columns that keep their own names.
    if ((texts[i] as string).toUpperCase().startsWith(STAR_ILIKE)) continue;
    if ((texts[i] as string).toUpperCase().startsWith(`${STAR_PLACEHOLDER}(`)) continue;
    const name = writtenStars(revealTypeSyntax(revealUdfCalls(revealQuantifiedLike(texts[i] as string))))
      .replace(/\s+/g, " ")
      .toUpperCase();
    const item = items[i] as SelectItem;
    edits.push({
      start: item.end,
      end: item.end,
      text: ` AS ${quoteIdentifier(encode ? encodeName(name) : name)}`,
    });
    expressions[i] = {
      alias: {
        this: expr,
        alias: { name, quoted: true, trailing_comments: [], synthetic: true },
        column_aliases: [],
        alias_explicit_as: true,
        pre_alias_comments: [],
        trailing_comments: [],
      },
    };
  }
  return edits;
}

/** The alias edits of one parenthesised query's select list (none when it does not parse alone). */
function subqueryAliasEdits(query: string): TextEdit[] {
  let ast: StatementAst;
  try {
    ast = parseStatement(query);
  } catch {
    return [];
  }
  return nameResultColumns(ast, query, false);
}

/** A replacement of `sql.slice(start, end)` by `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Double-quotes an identifier for Snowflake SQL. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Applies non-overlapping edits (any order). Returns null when two edits overlap. */
export function applyTextEdits(sql: string, edits: readonly TextEdit[]): string | null {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) return null;
    out += sql.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + sql.slice(at);
}

/** A translated data statement. */
export interface Translation {
  duckSql: string;
  relations: FoundRelation[];
  ast: StatementAst;
  /** Snowflake types of the outermost select's items where the type system knows them (type-system.ts). */
  resultTypes: (InferredType | null)[] | null;
  /** For a MERGE: DuckDB SQL returning a row when the merge is nondeterministic (merge.ts). */
  mergeDuplicateCheck?: string;
}

/**
 * A rewrite of the resolved AST that must reach DuckDB (row access filters): it runs after name
 * resolution, and the statement is then always printed from the AST, never text-edited.
 */
export type MandatoryRewrite = (ast: StatementAst, relations: readonly FoundRelation[]) => void;

/**
 * Runs the function check, name resolution and translation for a query or DML statement. Calls of
 * functions outside Snowflake's reference are refused here, on the statement as written; `isUdf`
 * says which other names are the catalog's UDFs (none when absent).
 */
export function translateStatement(
  sql: string,
  scope: NameScope,
  functions: FunctionHooks,
  columnTypes?: (relations: readonly QualifiedName[]) => ColumnTypeLookup,
  relationColumns?: (relation: QualifiedName) => string[],
  isUdf?: UdfLookup,
  mandatory?: MandatoryRewrite,
  isTable?: (relation: QualifiedName) => boolean,
): Translation {
  refuseTimeTravel(sql);
  refuseMatchRecognize(sql);
  sql = rewriteConnectBy(rewriteAsofJoins(sql));
  checkFunctionCalls(sql, isUdf);
  sql = placeholdUdfCalls(sql, isUdf);
  sql = rewriteNextval(
    prepass(
      normaliseSampleClauses(
        undirectJoins(
          orderLimitPrepass(
            normaliseCastTypes(hideTypeSyntax(rewriteIntervalLiterals(typeValuesColumns(sql)))),
          ),
        ),
      ),
    ),
    scope,
  );
  sql = nameSubqueryColumns(sql, subqueryAliasEdits);
  const ast = parseStatement(sql);
  if (/\bjoin\b/i.test(sql)) refuseTableFunctionJoins(ast, isUdf);
  // Before name resolution, so the joins it builds are resolved like written ones.
  const joinMarks = /\(\s*\+\s*\)/.test(sql) && applyOuterJoinMarks(ast);
  const crossJoins = /\bjoin\b/i.test(sql) && crossJoinsWithoutCondition(ast);
  if (/\bunpivot\b/i.test(sql) && /\blateral\b/i.test(sql)) refuseLateralOverUnpivot(ast);
  const aliasEdits = nameResultColumns(ast, sql);
  const editLog: EditLog = { edits: [], complete: true };
  const relations = resolveNames(ast, scope, editLog);
  if (mandatory) mandatory(ast, relations);
  let rewritten = joinMarks || crossJoins;
  if (/\.\s*\$\d/.test(sql))
    rewritten = resolveQualifiedPositions(ast, relations, relationColumns) || rewritten;
  if (/\bwithin\s+group\b/i.test(sql)) checkDistinctAggregateOrder(ast, relations);
  if (/\border\s+by\b/i.test(sql)) rewritten = dropSingleRowOrderBy(ast) || rewritten;
  if (/^first$/i.test(scope.defaultNullOrdering ?? "") && /\border\s+by\b/i.test(sql))
    rewritten = applyNullsFirstDefault(ast) || rewritten;
  let resultTypes: Translation["resultTypes"] = null;
  let lookup = columnTypes ? columnTypes(relations.map((r) => r.name)) : undefined;
  // Collation first: it reads the declared `COLLATE` clauses and strips COLLATE from the statement.
  const declaredTypes =
    columnTypes && relationColumns
      ? relations.flatMap((r) => {
          const types = columnTypes([r.name]);
          return relationColumns(r.name).map((c) => types(c));
        })
      : [];
  if (mayInvolveCollation(sql, declaredTypes) && columnTypes)
    rewritten = applyCollation(ast, collationLookup(relations, columnTypes)) || rewritten;
  else if (/collat/i.test(sql)) rewritten = applyCollation(ast, () => undefined) || rewritten;
  if (lookup && /\bflatten\b/i.test(sql))
    rewritten = applyStructuredFlattens(ast, lookup, parseStatement) || rewritten;
  if (lookup) {
    const types = applyTypeSystem(ast, lookup, isUdf);
    rewritten = types.rewritten || rewritten;
    resultTypes = types.resultTypes;
    lookup = types.columnTypes;
  }
  if (lookup && /\b(sum|avg)\s*\(/i.test(sql)) rewritten = applyStringAggregates(ast, lookup) || rewritten;
  if (
    lookup &&
    /\/|div0|ratio_to_report|\b(avg|var_pop|var_samp|variance(_samp|_pop)?|kurtosis)\s*\(/i.test(sql)
  )
    rewritten = applyDivisionScales(ast, lookup) || rewritten;
  if (lookup && /dateadd|timeadd|timestampadd|\btrunc|date_trunc/i.test(sql))
    rewritten = applyDateResults(ast, lookup) || rewritten;
  // With the tables' own column types (the type system's lookup also names the SELECT's aliases,
  // which would stop them being inlined for the date/time macros' typed overloads).
  if (columnTypes && outerSelect(ast) !== null)
    rewritten = inlineLateralAliases(ast, columnTypes(relations.map((r) => r.name))) || rewritten;
  if (lookup)
    rewritten =
      applyDateTimeRewrites(ast, lookup, (scope.timestampTypeMapping ?? "TIMESTAMP_NTZ").toUpperCase()) ||
      rewritten;
  const target = relations[0];
  if (columnTypes && relationColumns && target && ("insert" in ast || "update" in ast))
    rewritten =
      coerceStoredValues(ast, relationColumns(target.name), columnTypes([target.name])) || rewritten;
  // Printing an AST back is costly (it crosses into WASM as JSON); when every change is a text edit
  // at a known position, edit the statement's text instead. Positions are byte offsets, so only ASCII.
  let snowflakeSql: string | null = null;
  if (!mandatory && !rewritten && editLog.complete && ASCII.test(sql))
    snowflakeSql = applyTextEdits(sql, [...aliasEdits, ...editLog.edits]);
  // A mandatory rewrite has no text-edit fallback: printing must succeed or the statement fails.
  const text = expandStarPlaceholders(
    snowflakeSql ??
      (mandatory ? printSnowflake(ast) : printOrFallBack(ast, sql, rewritten, editLog, aliasEdits)),
    relations,
    relationColumns,
  );
  // The transpiler cannot parse a qualified name after DELETE … USING: hand it a placeholder.
  const using = "delete" in ast ? /\bUSING\s+("(?:[^"]|"")*"\."(?:[^"]|"")*")/i.exec(text) : null;
  const placeholder = "MERC_USING_RELATION";
  const forTranspiler = using ? text.replace(using[1] as string, placeholder) : text;
  const context =
    scope.timestampTypeMapping === undefined ? {} : { timestampTypeMapping: scope.timestampTypeMapping };
  const merge = "merge" in ast ? mergeToDuck(text, (query) => toDuck(query, functions, context)) : null;
  let duckSql = merge?.sql ?? toDuck(forTranspiler, functions, context);
  if (using) duckSql = duckSql.replace(placeholder, using[1] as string);
  // Row ids exist only on the base tables themselves, not on the filtered subqueries of a mandatory rewrite.
  if (isTable && !mandatory) duckSql = numberTableFunctionRows(duckSql, relations, isTable);
  // A string going into a BINARY column is hex (binary-input.ts); the target is the first relation.
  const insertTarget = "insert" in ast ? relations[0] : undefined;
  if (insertTarget && columnTypes && relationColumns)
    duckSql = decodeBinaryInserts(
      duckSql,
      relationColumns(insertTarget.name),
      columnTypes([insertTarget.name]),
    );
  const only = relations.length === 1 ? relations[0] : undefined;
  const fromColumns = only && relationColumns ? relationColumns(only.name) : null;
  duckSql = finishOrderByAll(duckSql);
  duckSql = udfMacroNames(
    finishStarIlike(finishNextval(positionalColumns(duckSql, fromColumns?.length ? fromColumns : null))),
  );
  return merge?.duplicateCheck
    ? { duckSql, relations, ast, resultTypes, mergeDuplicateCheck: merge.duplicateCheck }
    : { duckSql, relations, ast, resultTypes };
}

const ASCII = /^[\x00-\x7f]*$/;

/** Column types for the collation pass, also by the alias or table name a column is qualified with. */
function collationLookup(
  relations: readonly FoundRelation[],
  columnTypes: (relations: readonly QualifiedName[]) => ColumnTypeLookup,
): CollationLookup {
  const lookup: CollationLookup = columnTypes(relations.map((r) => r.name));
  lookup.qualified = (qualifier, column) => {
    const matching = relations.filter((r) => {
      const alias = (r.node as { alias?: unknown }).alias;
      const aliasName = isIdent(alias)
        ? alias.quoted
          ? decodeName(alias.name)
          : alias.name.toUpperCase()
        : null;
      return (aliasName ?? r.name.name) === qualifier;
    });
    return matching.length === 1
      ? columnTypes([(matching[0] as FoundRelation).name])(column)
      : lookup(column);
  };
  return lookup;
}

/**
 * Prints the rewritten AST. The printer recurses in WASM, and a deeply nested statement (the sample
 * data generator's) can exhaust its stack once division scales add casts; such a statement then runs
 * without them (DuckDB's DOUBLE results) instead of failing, when its other edits are text edits.
 */
function printOrFallBack(
  ast: StatementAst,
  sql: string,
  rewritten: boolean,
  editLog: EditLog,
  aliasEdits: readonly TextEdit[],
): string {
  try {
    return printSnowflake(ast);
  } catch (error) {
    const overflow = error instanceof Error && /Maximum call stack size exceeded/.test(error.message);
    const edited =
      overflow && rewritten && editLog.complete && ASCII.test(sql)
        ? applyTextEdits(sql, [...aliasEdits, ...editLog.edits])
        : null;
    if (edited === null) throw error;
    return edited;
  }
}

/**
 * Snowflake's `$1` (a column of the FROM source by position) is DuckDB's `#1` in the SELECT list.
 * In ORDER BY DuckDB reads `#n` as a select-list position, so there `$n` becomes the FROM
 * relation's n-th column by name when the statement reads exactly one relation with known columns.
 * Binds never reach here as `$n`.
 */
function positionalColumns(duckSql: string, fromColumns: readonly string[] | null): string {
  if (!/\$\d/.test(duckSql)) return duckSql;
  let out = "";
  let at = 0;
  let depth = 0;
  let inOrderBy = false;
  // For each open parenthesis: whether it opens a call's arguments (a name just before it).
  const calls: boolean[] = [];
  const tokens = tokenize(duckSql, { backslashEscapes: false });
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as (typeof tokens)[number];
    const ch = t.kind === "punct" ? duckSql[t.start] : "";
    if (ch === "(") {
      depth++;
      calls.push(tokens[i - 1]?.kind === "word");
    } else if (ch === ")") {
      depth--;
      calls.pop();
    }
    if (depth === 0 && t.upper === "ORDER" && tokens[i + 1]?.upper === "BY") inOrderBy = true;
    if (depth === 0 && (t.upper === "LIMIT" || t.upper === "OFFSET" || t.upper === "FETCH"))
      inOrderBy = false;
    if (ch !== "$") continue;
    const m = /^\$(\d+)/.exec(duckSql.slice(t.start));
    if (!m) continue;
    const column = inOrderBy && depth === 0 ? fromColumns?.[Number(m[1]) - 1] : undefined;
    // DuckDB refuses a positional reference as a macro's argument (MERC_VARIANT(#1)), also inside
    // parentheses there (MERC_SYSTEM_TYPEOF((#1)), a lateral alias's expression); anywhere inside a
    // call's arguments it goes in a one-argument coalesce, which is the value itself.
    const positional = calls.includes(true) ? `coalesce(#${m[1]})` : `#${m[1]}`;
    const replacement = column === undefined ? positional : `"${encodeName(column).replaceAll('"', '""')}"`;
    out += `${duckSql.slice(at, t.start)}${replacement}`;
    at = t.start + m[0].length;
  }
  return out + duckSql.slice(at);
}

/** A small LRU of translations keyed by statement text and scope. */
export class TranslationCache {
  private readonly entries = new Map<string, Translation>();
  constructor(private readonly capacity = 2000) {}

  /** Keyed by text, scope and the metadata version (column types feed division scales). */
  static key(sql: string, scope: NameScope, version = 0): string {
    return `${version}\u0000${scope.quotedIgnoreCase ? 1 : 0}\u0000${scope.timestampTypeMapping ?? ""}\u0000${scope.defaultNullOrdering ?? ""}\u0000${scope.database ?? ""}\u0000${scope.schema ?? ""}\u0000${sql}`;
  }

  get(key: string): Translation | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: Translation): void {
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Encoded alias text, for callers building DuckDB SQL by hand. */
export const encodedAlias = encodeName;
