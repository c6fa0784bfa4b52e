/**
 * View lineage derived from the SQL alone: which relations a view reads and which views read it
 * (from the view graph), and for each output column the source columns it is derived from, as far
 * as the Snowflake SQL parser (@polyglot-sql/sdk `analyzeQuery`) can tell through CTEs, subqueries,
 * joins and set operations. Columns are followed through declared views down to table columns.
 * What the parser cannot resolve (`*`, unqualified names in joins, ambiguous references) is
 * reported as unknown, never guessed. Pure: no database.
 */
import { Dialect, outputColumns, tokenize } from "@polyglot-sql/sdk";
import { quoteIdentifier, splitQualifiedName } from "./identifiers.js";
import { analyzeSnowflakeQuery } from "./sql.js";
import type { ViewObject } from "./types.js";
import type { ViewGraph } from "./view-graph.js";

/** A relation in a lineage graph: a declared view, or anything else a view reads (a "table"). */
export interface LineageNode {
  /** Qualified, SQL-ready: `DB.SCHEMA.NAME`. */
  name: string;
  /** `view` for a declared view; `table` for every other relation (tables, undeclared views). */
  kind: "view" | "table";
  /** The declared view's file, relative to the project root. */
  file?: string;
}

/** `to` (a declared view) reads `from` (a table or view): data flows from `from` to `to`. */
export interface LineageEdge {
  from: string;
  to: string;
}

/** A relation upstream or downstream of the view asked about, with its distance from it. */
export interface LineageNeighbour {
  name: string;
  kind: "view" | "table";
  /** 1 = read directly (or reads it directly); 2 = through one view; … (the shortest path). */
  depth: number;
}

/** A view column derived from a column, or a view using it in a clause (`clauses` set). */
export interface ColumnUser extends LineageNeighbour {
  /** Where the view uses the column outside its output columns: join, filter, group, … */
  clauses?: string[];
}

/** Where one output column of a view comes from. */
export interface ColumnLineage {
  /** Output column name, SQL-ready (quoted only when needed). */
  name: string;
  /** The parser's kind of projection: direct, expression, aggregation, cast, constant, star, … */
  transform: string;
  /** Direct sources, one hop: `DB.SCHEMA.REL.COL` of tables and declared views, sorted. */
  sources: string[];
  /** Table columns at the ends of all paths, following declared views' own column lineage, sorted. */
  origins: string[];
  /** One note per source the parser could not resolve on the way (empty when fully known). */
  unknown: string[];
}

/** The column lineage of one view, or why there is none. */
export interface ViewColumnLineage {
  view: string;
  /** False when the parser could not analyse the query: only table-level lineage then. */
  resolved: boolean;
  /** Why the columns are not resolved (with file:line when the parser names a line). */
  reason?: string;
  columns: ColumnLineage[];
  /**
   * Columns of tables and declared views the query uses outside its output columns, with where:
   * `{ "DB.SCHEMA.REL.COL": ["filter", "join"] }` (join, filter, group, having, qualify, window_*, order).
   */
  clauseUses: Record<string, string[]>;
}

/** Lineage of one view (`root`) or of the whole project (no root). */
export interface LineageReport {
  /** The environment's database: display names leave it out. */
  database: string;
  /** The view asked about; undefined for the whole project's graph. */
  root?: string;
  /** Declared views in creation order, then the tables they read in name order. */
  nodes: LineageNode[];
  /** Every read between two nodes, sorted by reader (creation order), then by what it reads. */
  edges: LineageEdge[];
  /** Root only: every relation it reads, transitively, nearest first. */
  reads: LineageNeighbour[];
  /** Root only: every declared view that reads it, transitively, nearest first. */
  readBy: LineageNeighbour[];
  /** Column lineage of every view among the nodes (root first when there is one). */
  columns: ViewColumnLineage[];
  /**
   * Root only: for each of its columns that declared views use, the view columns derived from it,
   * transitively (`DB.SCHEMA.VIEW.COL`, depth 1 = reads it directly), and the views that use it (or
   * a column derived from it) in a clause (`clauses`: join, filter, group, …; `name` is the view),
   * nearest first. Readers whose columns are not known (`*`, not resolved) are in `usedByUnknown`.
   */
  usedBy: { column: string; users: ColumnUser[] }[];
  /** Root only: declared views reading it whose column lineage is not known (why). */
  usedByUnknown: { view: string; reason: string }[];
}

/** One output column as the parser sees it, before following views. */
interface DirectColumn {
  name: string;
  transform: string;
  sources: { relation: string; column: string }[];
  unknown: string[];
}

interface DirectColumns {
  resolved: boolean;
  reason?: string;
  columns: DirectColumn[];
  /** True when some projection is a `*`: a name not listed may still be an output column. */
  hasStar: boolean;
  clauseUses: Record<string, string[]>;
}

interface RelationFact {
  name: string;
  catalog?: string | null;
  schema?: string | null;
  table?: string | null;
}

interface ReferenceFact {
  sourceName?: string | null;
  sourceKind: string;
  table?: string | null;
  column: string;
  confidence: string;
}

interface ProjectionFact {
  index: number;
  name?: string | null;
  isStar: boolean;
  starTable?: string | null;
  transformKind: string;
  upstream: ReferenceFact[];
}

/**
 * Qualifies a relation the way `queryDependencies` does (so names match the view graph's edges):
 * missing parts from the view's database and schema, each part upper-cased and quoted if needed.
 */
function qualify(parts: (string | null | undefined)[], database: string, schema: string): string {
  const [catalog, schemaPart, table] = parts;
  return [catalog ?? database, schemaPart ?? schema, table ?? ""]
    .map((p) => quoteIdentifier(p.replace(/^"|"$/g, "").toUpperCase()))
    .join(".");
}

/** Identifier texts written in double quotes in the SQL: those keep their case. */
function quotedIdentifiers(sql: string): Set<string> {
  const quoted = new Set<string>();
  try {
    const result = tokenize(sql, Dialect.Snowflake) as unknown as {
      tokens?: { token_type: string; text: string }[] | null;
    };
    for (const token of result.tokens ?? [])
      if (token.token_type === "QUOTED_IDENTIFIER") quoted.add(token.text);
  } catch {
    // The query was analysed already; without tokens every name is folded as if unquoted.
  }
  return quoted;
}

/** A column name as Snowflake resolves it: unquoted names upper-cased, quoted ones kept. */
function columnName(name: string, quoted: Set<string>): string {
  return quoteIdentifier(quoted.has(name) ? name : name.toUpperCase());
}

/** Turns a parser line number into the view file's line, so the reason points into the file. */
function locate(message: string, view: ViewObject): string {
  const line = /line (\d+)/i.exec(message);
  if (!view.source) return message;
  if (!line) return `${view.source}: ${message}`;
  return `${view.source}:${(view.sourceLine ?? 1) + Number(line[1]) - 1}: ${message}`;
}

function unknownNote(ref: ReferenceFact): string {
  const where = ref.table ?? ref.sourceName;
  const written = where ? `${where}.${ref.column}` : ref.column;
  if (ref.confidence === "ambiguous") return `${written} (ambiguous reference)`;
  if (ref.sourceKind === "cte" || ref.sourceKind === "derived_table" || ref.sourceKind === "virtual") {
    return `${written} (${ref.sourceKind.replace("_", " ")} column the parser does not trace further)`;
  }
  if (!where) return `${written} (unqualified: the parser cannot tell which relation it comes from)`;
  return `${written} (not resolved)`;
}

/**
 * The output column names in select-list order (`undefined` for an expression without an alias),
 * from the parser's output description: the query analysis's own projection names shift after an
 * unaliased expression (`SELECT A + 1, B` names both `B`). Undefined when the two disagree in count.
 */
function outputNames(sql: string, projections: number): (string | undefined)[] | undefined {
  let result: { success: boolean; output?: { columns: { kind: string; name?: string }[] } };
  try {
    result = outputColumns(sql, Dialect.Snowflake) as unknown as typeof result;
  } catch {
    return undefined;
  }
  const columns = result.success ? (result.output?.columns ?? []) : [];
  if (columns.length !== projections) return undefined;
  return columns.map((c) => (c.kind === "named" ? c.name : undefined));
}

/** The direct column lineage of one view, from its rendered SELECT. Never throws. */
function directColumns(view: ViewObject): DirectColumns {
  // Shared with queryDependencies (one parse per view text): read only.
  const result = analyzeSnowflakeQuery(view.query) as {
    success: boolean;
    error?: string | null;
    analysis?: {
      relations: RelationFact[];
      projections: ProjectionFact[];
      columnUses?: { context: string; references: ReferenceFact[] }[];
    };
  } | null;
  if (!result) {
    return {
      resolved: false,
      reason: locate("the SQL parser failed on the query", view),
      columns: [],
      hasStar: false,
      clauseUses: {},
    };
  }
  if (!result.success || !result.analysis) {
    return {
      resolved: false,
      reason: locate(result.error ?? "the parser could not analyse the query", view),
      columns: [],
      hasStar: false,
      clauseUses: {},
    };
  }
  const projections = result.analysis.projections ?? [];
  const names = outputNames(view.query, projections.length);
  if (!names) {
    return {
      resolved: false,
      reason: `${view.source ? `${view.source}: ` : ""}the parser's output columns and projections disagree`,
      columns: [],
      hasStar: false,
      clauseUses: {},
    };
  }
  const quoted = quotedIdentifiers(view.query);
  const relations = new Map<string, RelationFact>();
  for (const relation of result.analysis.relations ?? []) relations.set(relation.name, relation);
  const relationName = (written: string): string => {
    const fact = relations.get(written);
    const parts = fact?.table ? [fact.catalog, fact.schema, fact.table] : splitQualifiedName(written);
    const padded = [...Array(Math.max(0, 3 - parts.length)).fill(null), ...parts];
    return qualify(padded, view.database.replace(/^"|"$/g, ""), view.schema.replace(/^"|"$/g, ""));
  };
  let hasStar = false;
  const columns: DirectColumn[] = [];
  for (const [position, projection] of projections.entries()) {
    if (projection.isStar) {
      hasStar = true;
      const of = projection.starTable ? `${projection.starTable}.*` : "*";
      columns.push({
        name: of,
        transform: "star",
        sources: [],
        unknown: [`${of} (the SQL does not list these columns)`],
      });
      continue;
    }
    const sources = new Map<string, { relation: string; column: string }>();
    const unknown = new Set<string>();
    for (const ref of projection.upstream ?? []) {
      if (ref.sourceKind === "table" && ref.confidence === "resolved" && ref.table) {
        const source = { relation: relationName(ref.table), column: columnName(ref.column, quoted) };
        sources.set(`${source.relation}.${source.column}`, source);
      } else {
        unknown.add(unknownNote(ref));
      }
    }
    columns.push({
      name: names[position] ? columnName(names[position], quoted) : `$${position + 1}`,
      transform: projection.transformKind,
      sources: [...sources.keys()].sort().map((key) => sources.get(key)!),
      unknown: [...unknown].sort(),
    });
  }
  const clauseUses = new Map<string, Set<string>>();
  for (const use of result.analysis.columnUses ?? []) {
    for (const ref of use.references ?? []) {
      if (ref.sourceKind !== "table" || ref.confidence !== "resolved" || !ref.table) continue;
      const key = `${relationName(ref.table)}.${columnName(ref.column, quoted)}`;
      const contexts = clauseUses.get(key) ?? new Set<string>();
      contexts.add(use.context);
      clauseUses.set(key, contexts);
    }
  }
  return {
    resolved: true,
    columns,
    hasStar,
    clauseUses: Object.fromEntries(
      [...clauseUses.keys()].sort().map((k) => [k, [...clauseUses.get(k)!].sort()]),
    ),
  };
}

/**
 * Column lineage of views, following sources that are declared views down to table columns.
 * Each view's SQL is analysed once; the graph is acyclic (buildViewGraph refuses cycles).
 */
export function columnLineage(graph: ViewGraph, names: Iterable<string>): ViewColumnLineage[] {
  const direct = new Map<string, DirectColumns>();
  const directOf = (name: string): DirectColumns => {
    let found = direct.get(name);
    if (!found) {
      found = directColumns(graph.views.get(name)!);
      direct.set(name, found);
    }
    return found;
  };
  const traced = new Map<string, { origins: string[]; unknown: string[] }>();
  const trace = (relation: string, column: string): { origins: string[]; unknown: string[] } => {
    const key = `${relation}.${column}`;
    const done = traced.get(key);
    if (done) return done;
    let result: { origins: string[]; unknown: string[] };
    if (!graph.views.has(relation)) {
      result = { origins: [key], unknown: [] };
    } else {
      const upstream = directOf(relation);
      const found = upstream.columns.find((c) => c.name === column);
      if (!upstream.resolved) {
        result = { origins: [], unknown: [`${key} (columns of ${relation} not resolved)`] };
      } else if (!found) {
        result = {
          origins: [],
          unknown: [
            `${key} (${upstream.hasStar ? `${relation} selects *` : `no column ${column} in ${relation}`})`,
          ],
        };
      } else {
        result = follow(found);
      }
    }
    traced.set(key, result);
    return result;
  };
  const follow = (col: DirectColumn): { origins: string[]; unknown: string[] } => {
    const origins = new Set<string>();
    const unknown = new Set(col.unknown);
    for (const source of col.sources) {
      const next = trace(source.relation, source.column);
      for (const o of next.origins) origins.add(o);
      for (const u of next.unknown) unknown.add(u);
    }
    return { origins: [...origins].sort(), unknown: [...unknown].sort() };
  };

  const result: ViewColumnLineage[] = [];
  for (const name of names) {
    if (!graph.views.has(name)) continue;
    const own = directOf(name);
    result.push({
      view: name,
      resolved: own.resolved,
      ...(own.reason ? { reason: own.reason } : {}),
      clauseUses: own.clauseUses,
      columns: own.columns.map((col) => {
        const followed = follow(col);
        return {
          name: col.name,
          transform: col.transform,
          sources: col.sources.map((s) => `${s.relation}.${s.column}`),
          origins: followed.origins,
          unknown: followed.unknown,
        };
      }),
    });
  }
  return result;
}

/** Breadth-first distances from `start` (excluded) along `next`. */
function distances(start: string, next: (name: string) => readonly string[]): Map<string, number> {
  const depth = new Map<string, number>([[start, 0]]);
  const queue = [start];
  while (queue.length > 0) {
    const name = queue.shift()!;
    for (const n of next(name)) {
      if (depth.has(n)) continue;
      depth.set(n, depth.get(name)! + 1);
      queue.push(n);
    }
  }
  depth.delete(start);
  return depth;
}

/**
 * The lineage report of one declared view (`root`: what it reads, transitively down to tables,
 * and every declared view that reads it) or of the whole project (no root: every declared view
 * and every table they read). `root` must be a view of the graph.
 */
export function buildLineage(graph: ViewGraph, database: string, root?: string): LineageReport {
  const kindOf = (name: string): "view" | "table" => (graph.views.has(name) ? "view" : "table");
  let names: Set<string>;
  let reads: LineageNeighbour[] = [];
  let readBy: LineageNeighbour[] = [];
  const byDepth = (a: LineageNeighbour, b: LineageNeighbour) =>
    a.depth - b.depth || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  if (root) {
    const up = distances(root, (n) => (graph.views.has(n) ? graph.reads(n) : []));
    const down = distances(root, (n) => graph.readers(n));
    reads = [...up].map(([name, depth]) => ({ name, kind: kindOf(name), depth })).sort(byDepth);
    readBy = [...down].map(([name, depth]) => ({ name, kind: kindOf(name), depth })).sort(byDepth);
    names = new Set([root, ...up.keys(), ...down.keys()]);
  } else {
    names = new Set(graph.views.keys());
    for (const view of graph.views.keys()) for (const dep of graph.reads(view)) names.add(dep);
  }
  const views = graph.order.filter((n) => names.has(n));
  const tables = [...names].filter((n) => !graph.views.has(n)).sort();
  const nodes: LineageNode[] = [
    ...views.map((name) => {
      const file = graph.views.get(name)?.source;
      return { name, kind: "view" as const, ...(file ? { file } : {}) };
    }),
    ...tables.map((name) => ({ name, kind: "table" as const })),
  ];
  const edges: LineageEdge[] = [];
  for (const view of views) {
    for (const dep of graph.reads(view)) if (names.has(dep)) edges.push({ from: dep, to: view });
  }
  const columnViews = root ? [root, ...views.filter((v) => v !== root)] : views;
  const columns = columnLineage(graph, columnViews);
  return {
    database,
    ...(root ? { root } : {}),
    nodes,
    edges,
    reads,
    readBy,
    columns,
    ...(root ? columnUsers(root, columns, graph) : { usedBy: [], usedByUnknown: [] }),
  };
}

/** Which downstream view columns are derived from each column of `root`, from the views' sources. */
function columnUsers(
  root: string,
  columns: readonly ViewColumnLineage[],
  graph: ViewGraph,
): Pick<LineageReport, "usedBy" | "usedByUnknown"> {
  const users = new Map<string, string[]>();
  const clauseUsers = new Map<string, { view: string; clauses: string[] }[]>();
  for (const view of columns) {
    for (const [ref, clauses] of Object.entries(view.clauseUses)) {
      const list = clauseUsers.get(ref) ?? [];
      list.push({ view: view.view, clauses });
      clauseUsers.set(ref, list);
    }
    for (const column of view.columns) {
      for (const source of column.sources) {
        const list = users.get(source) ?? [];
        list.push(`${view.view}.${column.name}`);
        users.set(source, list);
      }
    }
  }
  const own = columns.find((v) => v.view === root);
  const usedBy: LineageReport["usedBy"] = [];
  for (const column of own?.columns ?? []) {
    const start = `${root}.${column.name}`;
    const derived = distances(start, (ref) => users.get(ref) ?? []);
    const found: ColumnUser[] = [...derived].map(([name, depth]) => ({ name, kind: "view" as const, depth }));
    // A view filtering or joining on the column, or on a column derived from it, also depends on it.
    const clauseDepth = new Map<string, { depth: number; clauses: Set<string> }>();
    for (const [ref, depth] of [[start, 0] as const, ...derived]) {
      for (const use of clauseUsers.get(ref) ?? []) {
        const entry = clauseDepth.get(use.view) ?? { depth: depth + 1, clauses: new Set<string>() };
        entry.depth = Math.min(entry.depth, depth + 1);
        for (const clause of use.clauses) entry.clauses.add(clause);
        clauseDepth.set(use.view, entry);
      }
    }
    for (const [view, entry] of clauseDepth) {
      found.push({ name: view, kind: "view", depth: entry.depth, clauses: [...entry.clauses].sort() });
    }
    found.sort((a, b) => a.depth - b.depth || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (found.length > 0) usedBy.push({ column: column.name, users: found });
  }
  const usedByUnknown: LineageReport["usedByUnknown"] = [];
  for (const view of columns) {
    if (view.view === root || !graph.upstream([view.view]).includes(root)) continue;
    if (!view.resolved) usedByUnknown.push({ view: view.view, reason: "its columns are not resolved" });
    else if (view.columns.some((c) => c.transform === "star"))
      usedByUnknown.push({ view: view.view, reason: "it selects *" });
  }
  return { usedBy, usedByUnknown };
}
