/**
 * Brings declared views up to date on a target (the local engine, for preview and `dev`): compares
 * them with the live views by introspection and the drift diff, renders the DDL with the plan's
 * renderer (so SECURE, comments, row access policies and COPY GRANTS come out as `apply` writes
 * them) and runs it in creation order. Views that read a re-created view are re-created after it.
 */
import type { ResolvedEnvironment } from "../../config/index.js";
import { diffModels, type ObjectDifference } from "../../diff/index.js";
import type { Driver } from "../../driver/types.js";
import { DriverError, MercuriosError, ProjectError } from "../../errors/index.js";
import { introspect } from "../../introspect/index.js";
import {
  type AccountModel,
  changeCategory,
  type GrantObject,
  type ModelObject,
  objectLabel,
  type ViewObject,
} from "../../model/index.js";
import { renderDifference } from "../../plan/index.js";
import { queryTag } from "../declarations.js";
import type { DeclaredViews } from "./declared.js";

export interface SyncViewsOptions {
  environment: ResolvedEnvironment;
  /** A session on the target (the local engine), with a role that may create views. */
  driver: Driver;
  declared: DeclaredViews;
  /** Views to bring up to date (qualified names); the declared views they read come too, first. */
  views: readonly string[];
  /**
   * Also re-create every declared view that reads them, transitively, after them. A view is
   * re-created when it differs from its declaration or reads a view this call re-created (its
   * columns may have changed); one that does neither is reported `unchanged` and left alone.
   */
  withDependants?: boolean;
}

/** What syncViews did to one view. */
export interface SyncedView {
  name: string;
  action: "created" | "replaced" | "unchanged";
  /** Why: "missing", "definition changed", "reads SHOP_DATA.ANALYTICS.DAILY_SALES, which changed", … */
  reason: string;
  statements: string[];
}

/** The views considered, in creation order. */
export interface SyncViewsReport {
  views: SyncedView[];
}

/**
 * A view's DDL failed (code VIEW_CREATE_FAILED). `location` is the view's file and the line the
 * engine's error points at; `synced` lists the views handled before it (those stay as they are now).
 */
export class ViewSyncError extends MercuriosError {
  readonly view: string;
  readonly synced: readonly SyncedView[];
  /** The engine's Snowflake error code, when it gave one. */
  readonly sqlCode: string | undefined;
  constructor(
    message: string,
    options: ConstructorParameters<typeof MercuriosError>[2] & {
      view: string;
      synced: readonly SyncedView[];
      sqlCode?: string;
    },
  ) {
    super("VIEW_CREATE_FAILED", message, options);
    this.view = options.view;
    this.synced = options.synced;
    this.sqlCode = options.sqlCode;
  }
}

const PROPERTY_REASONS: Record<string, string> = {
  queryCanonical: "definition",
  secure: "secure",
  comment: "comment",
  owner: "owner",
};

/** "definition changed", "comment and secure changed". */
function changedReason(difference: ObjectDifference): string {
  const names = difference.properties.map((p) => PROPERTY_REASONS[p.property] ?? p.label);
  return `${names.join(" and ")} changed`;
}

/** The plan's rendering of a forced re-creation (the view itself did not change, what it reads did). */
function recreation(view: ViewObject): ObjectDifference {
  return {
    kind: "changed",
    key: `view:${view.name}`,
    objectKind: "view",
    name: view.name,
    label: objectLabel(view),
    category: changeCategory("view"),
    properties: [
      {
        property: "queryCanonical",
        label: "query",
        declared: view.queryCanonical,
        live: view.queryCanonical,
        declaredText: view.query,
        liveText: view.query,
        category: changeCategory("view", "queryCanonical"),
      },
    ],
    desired: view,
    live: view,
  };
}

/** The declared grants on a view, rendered: a created view gets them as `apply` would give them. */
function declaredGrantStatements(declared: DeclaredViews, view: string): string[] {
  const statements: string[] = [];
  for (const object of declared.desired.model.objects.values()) {
    if (object.kind !== "grant") continue;
    const grant = object as GrantObject;
    if (grant.objectType !== "VIEW" || grant.objectName !== view) continue;
    const difference: ObjectDifference = {
      kind: "missing",
      key: `grant:${grant.name}`,
      objectKind: "grant",
      name: grant.name,
      label: objectLabel(grant),
      category: changeCategory("grant"),
      properties: [],
      desired: grant,
    };
    for (const s of renderDifference(difference, { desired: [] })) statements.push(s.sql);
  }
  return statements;
}

/** Reads the live views of the databases the named views live in. */
async function liveViews(options: SyncViewsOptions, views: readonly ViewObject[]): Promise<AccountModel> {
  const scope = options.declared.desired.model.scope;
  const databases = [...new Set(views.map((v) => v.database))];
  const result = await introspect(options.driver, {
    scope: { ...scope, databases },
    schemas: [...new Set(views.map((v) => v.schema))],
    kinds: ["view"],
    queryTag: queryTag("views", options.environment),
  });
  return result.model;
}

/** `line N at position P` in an engine (or Snowflake) error: 1-based line, 0-based position. */
function errorPosition(message: string): { line: number; position: number } | undefined {
  const match = /\bline (\d+) at position (\d+)/.exec(message);
  return match ? { line: Number(match[1]), position: Number(match[2]) } : undefined;
}

/** The first line of `query` naming `identifier` as a word (case-insensitive), 1-based. */
function lineNaming(query: string, identifier: string): number | undefined {
  const escaped = identifier.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const word = new RegExp(`(^|[^A-Za-z0-9_$])${escaped}($|[^A-Za-z0-9_$])`, "i");
  const lines = query.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const text = (lines[i] ?? "").replace(/--.*$/, "");
    if (word.test(text)) return i + 1;
  }
  return undefined;
}

/**
 * Where in the view's file the engine's error points. Syntax errors carry `line N at position P`
 * (counted in the SELECT, which the plan puts on its own line after `AS`); errors about a name
 * (`invalid identifier 'X'`, `Object 'D.S.X' does not exist`, `Unknown function F`) carry none, so
 * the first line of the SELECT that names it is used; otherwise the line where the SELECT starts.
 */
function errorLocation(
  view: ViewObject,
  message: string,
  statementIndex: number,
  driverKind: Driver["kind"],
): { file?: string; line?: number; column?: number; object: string } {
  const object = `VIEW ${view.name}`;
  if (!view.source) return { object };
  const start = view.sourceLine ?? 1;
  if (statementIndex > 0) return { file: view.source, line: start, object };
  const position = errorPosition(message);
  if (position) {
    // The local engine counts lines from the SELECT; Snowflake from the CREATE line before it.
    const line = driverKind === "local" ? position.line : position.line - 1;
    if (line >= 1)
      return { file: view.source, line: start + line - 1, column: position.position + 1, object };
  }
  const named =
    /invalid identifier '([^']+)'/i.exec(message)?.[1] ??
    /Object '([^']+)' does not exist/i.exec(message)?.[1]?.split(".").pop() ??
    /Unknown function (\S+)/i.exec(message)?.[1];
  // A qualified name (`D.UNITS`) as written, else its last part alone.
  const unquoted = named?.replace(/"/g, "");
  const line = unquoted
    ? (lineNaming(view.query, unquoted) ?? lineNaming(view.query, unquoted.split(".").pop() ?? unquoted))
    : undefined;
  return { file: view.source, line: start + (line ?? 1) - 1, object };
}

function failureHint(sqlCode: string | undefined, view: ViewObject, done: readonly SyncedView[]): string {
  const fix =
    sqlCode === "002003"
      ? "Check the name, or create the relation first (tables come from migrations: `mercurios up`)."
      : sqlCode === "000904"
        ? "Check the column against the relations the view reads (`mercurios views lineage` lists them)."
        : `Fix the SELECT in ${view.source ?? view.name} and try again.`;
  const changed = done.filter((v) => v.action !== "unchanged").map((v) => v.name);
  const kept =
    changed.length > 0 ? ` Already brought up to date: ${changed.join(", ")}.` : " Nothing else was changed.";
  return `${fix}${kept}`;
}

/** Brings the named views (and the declared views they read) up to date on the target. */
export async function syncViews(options: SyncViewsOptions): Promise<SyncViewsReport> {
  const { declared, driver } = options;
  const graph = declared.graph;
  for (const name of options.views) {
    if (!graph.views.has(name)) {
      throw new ProjectError("VIEW_UNKNOWN", `no declared view '${name}'`, {
        location: { object: `VIEW ${name}` },
        hint: "Pass qualified names (DB.SCHEMA.VIEW) as DeclaredViews.resolve() returns them.",
      });
    }
  }
  const wanted = new Set(graph.upstream(options.views));
  if (options.withDependants) for (const name of graph.downstream(options.views)) wanted.add(name);
  const order = graph.order.filter((name) => wanted.has(name));
  const views = order.map((name) => graph.views.get(name)!);
  if (views.length === 0) return { views: [] };

  const desired: AccountModel = {
    objects: new Map<string, ModelObject>(views.map((v) => [`view:${v.name}`, v])),
    scope: declared.desired.model.scope,
  };
  const live = await liveViews(options, views);
  const differences = new Map(
    diffModels(desired, live, { kinds: ["view"] })
      .differences.filter((d) => d.kind !== "unexpected")
      .map((d) => [d.name, d]),
  );

  const tag = { queryTag: queryTag("views", options.environment) };
  // Views whose columns may have changed: created, their SELECT changed, or re-created for that.
  const recreated = new Set<string>();
  const report: SyncedView[] = [];
  for (const view of views) {
    const difference = differences.get(view.name);
    const changedReads = graph.reads(view.name).filter((r) => recreated.has(r));
    let synced: SyncedView;
    let rendered: ObjectDifference | undefined;
    if (difference?.kind === "missing") {
      rendered = difference;
      synced = { name: view.name, action: "created", reason: "missing", statements: [] };
    } else if (difference?.kind === "changed") {
      rendered = difference;
      synced = { name: view.name, action: "replaced", reason: changedReason(difference), statements: [] };
    } else if (changedReads.length > 0) {
      rendered = recreation(view);
      synced = {
        name: view.name,
        action: "replaced",
        reason: `reads ${changedReads.join(", ")}, which changed`,
        statements: [],
      };
    } else {
      report.push({ name: view.name, action: "unchanged", reason: "in sync", statements: [] });
      continue;
    }
    synced.statements = renderDifference(rendered, { desired: [] }).map((s) => s.sql);
    if (synced.action === "created") synced.statements.push(...declaredGrantStatements(declared, view.name));
    const definitionChanged =
      synced.action === "created" ||
      rendered.properties.some((p) => p.property === "queryCanonical") ||
      changedReads.length > 0;
    for (const [index, sql] of synced.statements.entries()) {
      try {
        await driver.execute(sql, tag);
      } catch (error) {
        const engineMessage = error instanceof Error ? error.message : String(error);
        const sqlCode = error instanceof DriverError ? error.sqlCode : undefined;
        const firstLine = engineMessage.replace(/^SQL compilation error:\s*/i, "").replace(/\s+/g, " ");
        throw new ViewSyncError(
          index === 0
            ? `view ${view.name} could not be ${synced.action === "created" ? "created" : "re-created"}: ${firstLine}`
            : `view ${view.name}: \`${sql.split("\n")[0]}\` failed: ${firstLine}`,
          {
            view: view.name,
            synced: report,
            location: errorLocation(view, engineMessage, index, driver.kind),
            hint: failureHint(sqlCode, view, report),
            cause: error,
            ...(sqlCode ? { sqlCode } : {}),
          },
        );
      }
    }
    if (definitionChanged) recreated.add(view.name);
    report.push(synced);
  }
  return { views: report };
}
