/**
 * Renderings of view lineage (`mercurios views lineage`): a text tree for terminals, a Mermaid
 * flowchart (renders in GitHub Markdown), a Graphviz digraph and one JSON document.
 *
 * The JSON document (`lineageJson`):
 * ```
 * {
 *   environment, database,
 *   root: "DB.SCHEMA.VIEW" | null,            // null: the whole project's graph
 *   nodes: [{ name, kind: "view" | "table", file? }],   // declared views in creation order, then tables
 *   edges: [{ from, to }],                    // `to` reads `from` (data flows from -> to)
 *   reads:  [{ name, kind, depth }],          // root only (else []): upstream, transitively; depth 1 = direct
 *   readBy: [{ name, kind, depth }],          // root only (else []): declared views reading it, transitively
 *   columns:  { view: { column: [sources] } },      // direct sources "DB.SCHEMA.REL.COL" (tables and views)
 *   origins:  { view: { column: [table columns] } },// followed through declared views to table columns
 *   unknown:  { view: { column: [notes] } },        // only columns with sources the parser could not resolve
 *   unresolved: { view: reason },                   // views whose columns were not resolved (table-level only)
 *   usedBy: { column: [{ name, depth, clauses? }] },// root only: view columns derived from it, and
 *                                                   // views using it in a clause (clauses: join, filter, …)
 *   usedByUnknown: { view: reason }                 // root only: readers whose columns are not known
 * }
 * ```
 * `columns` lists every view among the nodes; a `*` projection appears as column "*" (or "T.*"), an
 * expression without an alias as "$N" (its position, from 1).
 */
import type { ColumnLineage, LineageNeighbour, LineageNode, LineageReport } from "../model/lineage.js";

/** What `--format json` prints for lineage. */
export interface LineageJson {
  environment: string;
  database: string;
  root: string | null;
  nodes: LineageNode[];
  edges: { from: string; to: string }[];
  reads: LineageNeighbour[];
  readBy: LineageNeighbour[];
  columns: Record<string, Record<string, string[]>>;
  origins: Record<string, Record<string, string[]>>;
  unknown: Record<string, Record<string, string[]>>;
  unresolved: Record<string, string>;
  usedBy: Record<string, { name: string; depth: number; clauses?: string[] }[]>;
  usedByUnknown: Record<string, string>;
}

/** A lineage report with the environment it was rendered for. */
export type LineageReportFor = LineageReport & { environment: string };

export function lineageJson(report: LineageReportFor): LineageJson {
  const columns: LineageJson["columns"] = {};
  const origins: LineageJson["origins"] = {};
  const unknown: LineageJson["unknown"] = {};
  const unresolved: LineageJson["unresolved"] = {};
  for (const view of report.columns) {
    if (!view.resolved) unresolved[view.view] = view.reason ?? "not resolved";
    columns[view.view] = Object.fromEntries(view.columns.map((c) => [c.name, c.sources]));
    origins[view.view] = Object.fromEntries(view.columns.map((c) => [c.name, c.origins]));
    const withUnknown = view.columns.filter((c) => c.unknown.length > 0);
    if (withUnknown.length > 0)
      unknown[view.view] = Object.fromEntries(withUnknown.map((c) => [c.name, c.unknown]));
  }
  return {
    environment: report.environment,
    database: report.database,
    root: report.root ?? null,
    nodes: report.nodes,
    edges: report.edges,
    reads: report.reads,
    readBy: report.readBy,
    columns,
    origins,
    unknown,
    unresolved,
    usedBy: Object.fromEntries(
      report.usedBy.map((u) => [
        u.column,
        u.users.map((user) => ({
          name: user.name,
          depth: user.depth,
          ...(user.clauses ? { clauses: user.clauses } : {}),
        })),
      ]),
    ),
    usedByUnknown: Object.fromEntries(report.usedByUnknown.map((u) => [u.view, u.reason])),
  };
}

/** `DB.SCHEMA.NAME[.COL]` without the environment's database, for reading. */
function shortName(name: string, database: string): string {
  return name.startsWith(`${database}.`) ? name.slice(database.length + 1) : name;
}

/** Splits `DB.SCHEMA.REL.COL` (quoted parts may hold dots) into the relation and the column. */
function splitColumnRef(ref: string): { relation: string; column: string } {
  const parts = ref.match(/"(?:[^"]|"")*"|[^.]+/g) ?? [ref];
  return { relation: parts.slice(0, -1).join("."), column: parts[parts.length - 1] ?? "" };
}

/** Renders each column as `OUT <- SOURCE <- … <- TABLE.COL`, following declared views' columns. */
function columnLines(report: LineageReport, view: string): string[] {
  const byView = new Map(report.columns.map((v) => [v.view, new Map(v.columns.map((c) => [c.name, c]))]));
  const short = (name: string) => shortName(name, report.database);
  const databasePrefix = new RegExp(
    `(?<![\\w."$])${report.database.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.`,
    "g",
  );
  const shortNames = (note: string) => note.replace(databasePrefix, "");
  const chain = (sources: readonly string[]): string => {
    const rendered = sources.map((ref) => {
      const { relation, column } = splitColumnRef(ref);
      const upstream = byView.get(relation)?.get(column);
      if (!upstream || upstream.sources.length === 0) return short(ref);
      return `${short(ref)} <- ${chain(upstream.sources)}`;
    });
    return rendered.length > 1
      ? rendered.map((r) => (r.includes(" <- ") ? `(${r})` : r)).join(", ")
      : rendered.join("");
  };
  const line = (c: ColumnLineage): string => {
    const known =
      c.sources.length > 0
        ? chain(c.sources)
        : c.unknown.length > 0
          ? ""
          : `(no source column: ${c.transform})`;
    const unknown = c.unknown.length > 0 ? `unknown: ${c.unknown.map(shortNames).join(", ")}` : "";
    return `${c.name} <- ${[known, unknown].filter(Boolean).join("; ")}`;
  };
  const own = report.columns.find((v) => v.view === view);
  if (!own) return [];
  if (!own.resolved) return [`not resolved (${own.reason ?? "the parser could not analyse the query"})`];
  return own.columns.map(line);
}

/** One line per view: how many columns are traced, which are not. */
function columnSummary(report: LineageReport, view: string): string {
  const own = report.columns.find((v) => v.view === view);
  if (!own) return "";
  if (!own.resolved) return `not resolved (${own.reason ?? "the parser could not analyse the query"})`;
  const partial = own.columns.filter((c) => c.unknown.length > 0).map((c) => c.name);
  const count = `${own.columns.length} column${own.columns.length === 1 ? "" : "s"}`;
  return partial.length === 0
    ? `${count}, all traced to tables`
    : `${count}; unknown sources for ${partial.join(", ")}`;
}

/** A view that reads nothing: true for `SELECT 1`, unknown when the parser could not analyse it. */
function nothingRead(report: LineageReport, view: string): string {
  const own = report.columns.find((v) => v.view === view);
  return own && !own.resolved ? "(not known: the SQL parser could not analyse the view)" : "(nothing)";
}

/**
 * Text: for one view, the view, "reads:" as a tree (through declared views, tables as leaves),
 * "read by:" with depth, and "columns:"; for the whole project, each view with its direct reads,
 * readers and a column summary, then the tables and who reads them.
 */
export function renderLineageText(report: LineageReport): string {
  const short = (name: string) => shortName(name, report.database);
  const kind = new Map(report.nodes.map((n) => [n.name, n]));
  const readsOf = (view: string) => report.edges.filter((e) => e.to === view).map((e) => e.from);
  const readersOf = (name: string) => report.edges.filter((e) => e.from === name).map((e) => e.to);
  const lines: string[] = [];
  if (report.root) {
    const root = kind.get(report.root);
    lines.push(`${short(report.root)}${root?.file ? `  (${root.file})` : ""}`);
    lines.push("reads:");
    const tree = (view: string, indent: string): void => {
      for (const dep of readsOf(view)) {
        lines.push(`${indent}${short(dep)} (${kind.get(dep)?.kind ?? "table"})`);
        if (kind.get(dep)?.kind === "view") tree(dep, `${indent}  `);
      }
    };
    tree(report.root, "  ");
    if (readsOf(report.root).length === 0) lines.push(`  ${nothingRead(report, report.root)}`);
    lines.push("read by:");
    for (const reader of report.readBy) lines.push(`  ${short(reader.name)} (depth ${reader.depth})`);
    if (report.readBy.length === 0) lines.push("  (no declared view)");
    lines.push("columns:");
    for (const line of columnLines(report, report.root)) lines.push(`  ${line}`);
    if (report.readBy.length > 0) {
      lines.push("columns used downstream:");
      for (const use of report.usedBy) {
        const users = use.users.map((u) =>
          u.clauses
            ? `${short(u.name)} in ${u.clauses.join("/")} (depth ${u.depth})`
            : `${short(u.name)} (depth ${u.depth})`,
        );
        lines.push(`  ${use.column} -> ${users.join(", ")}`);
      }
      for (const unknown of report.usedByUnknown)
        lines.push(`  ${short(unknown.view)}: not known (${unknown.reason})`);
      if (report.usedBy.length === 0 && report.usedByUnknown.length === 0) lines.push("  (none)");
    }
    return lines.join("\n");
  }
  const views = report.nodes.filter((n) => n.kind === "view");
  const tables = report.nodes.filter((n) => n.kind === "table");
  lines.push(
    `${report.database}: ${views.length} declared view${views.length === 1 ? "" : "s"}, ${tables.length} table${tables.length === 1 ? "" : "s"} they read`,
  );
  for (const view of views) {
    lines.push(`${short(view.name)}${view.file ? `  (${view.file})` : ""}`);
    lines.push(`  reads: ${readsOf(view.name).map(short).join(", ") || nothingRead(report, view.name)}`);
    lines.push(`  read by: ${readersOf(view.name).map(short).join(", ") || "(no declared view)"}`);
    lines.push(`  columns: ${columnSummary(report, view.name)}`);
  }
  if (tables.length > 0) lines.push("tables:");
  for (const table of tables)
    lines.push(`  ${short(table.name)}  read by ${readersOf(table.name).map(short).join(", ")}`);
  return lines.join("\n");
}

/** Mermaid node ids: letters, digits and underscores only, unique, never a keyword like `end`. */
function mermaidIds(report: LineageReport): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const node of report.nodes) {
    const base = `${node.kind === "view" ? "v" : "t"}_${shortName(node.name, report.database).replace(/[^A-Za-z0-9_]/g, "_")}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    ids.set(node.name, id);
  }
  return ids;
}

/** A Mermaid label: quotes and markup characters as entity codes, inside double quotes. */
function mermaidLabel(text: string): string {
  return `"${text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;")}"`;
}

/** Mermaid `flowchart LR`: views as rounded boxes, tables as cylinders, the asked-about view bold. */
export function renderLineageMermaid(report: LineageReport): string {
  const ids = mermaidIds(report);
  const lines = ["flowchart LR"];
  for (const node of report.nodes) {
    const label = mermaidLabel(shortName(node.name, report.database));
    lines.push(`  ${ids.get(node.name)}${node.kind === "view" ? `(${label})` : `[(${label})]`}`);
  }
  for (const edge of report.edges) lines.push(`  ${ids.get(edge.from)} --> ${ids.get(edge.to)}`);
  lines.push("  classDef view fill:#e3ecfa,stroke:#3b6fb6,color:#10243e");
  lines.push("  classDef table fill:#eef3e2,stroke:#5b7a1e,color:#1f2a0a");
  lines.push("  classDef focus stroke-width:3px");
  const views = report.nodes.filter((n) => n.kind === "view").map((n) => ids.get(n.name));
  const tables = report.nodes.filter((n) => n.kind === "table").map((n) => ids.get(n.name));
  if (views.length > 0) lines.push(`  class ${views.join(",")} view`);
  if (tables.length > 0) lines.push(`  class ${tables.join(",")} table`);
  if (report.root) lines.push(`  class ${ids.get(report.root)} focus`);
  return lines.join("\n");
}

/** A DOT double-quoted string. */
function dotString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** Graphviz digraph: tables as boxes, views as ellipses, the asked-about view bold. */
export function renderLineageDot(report: LineageReport): string {
  const lines = ["digraph lineage {", "  rankdir=LR;", '  node [fontname="Helvetica"];'];
  for (const node of report.nodes) {
    const attributes = [
      `label=${dotString(shortName(node.name, report.database))}`,
      node.kind === "view" ? "shape=ellipse" : "shape=box",
      ...(node.name === report.root ? ["penwidth=2"] : []),
    ];
    lines.push(`  ${dotString(node.name)} [${attributes.join(", ")}];`);
  }
  for (const edge of report.edges) lines.push(`  ${dotString(edge.from)} -> ${dotString(edge.to)};`);
  lines.push("}");
  return lines.join("\n");
}
