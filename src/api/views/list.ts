/**
 * Use case `views list`: every declared view of an environment with its schema, secure flag, row
 * access policy, file and status on the target (in sync, changed, missing), plus the live views of
 * the managed database that are not declared. The live views are read with one introspection
 * (kinds ["view"]) and compared with drift's own diff, so `views list` and `drift` never disagree.
 * A listing, not a gate: `drift` is the command that exits 2.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { ResolvedEnvironment } from "../../config/index.js";
import { diffModels, type ObjectDifference } from "../../diff/index.js";
import type { Driver } from "../../driver/types.js";
import { DriverError } from "../../errors/index.js";
import type { AccountModel, ViewObject } from "../../model/index.js";
import { quoteIdentifier, resolveIdentifier } from "../../model/index.js";
import { summariseViewList, type ViewListEntry, type ViewsListReport } from "../../report/views-list.js";
import { queryTag, readLiveState, withDriver } from "../declarations.js";
import { type DeclaredViews, loadDeclaredViews } from "./declared.js";

export interface ViewsCommonOptions {
  environment: ResolvedEnvironment;
  /** An open driver (tests, embedding); otherwise one is opened for the environment and closed after. */
  driver?: Driver;
  processEnv?: NodeJS.ProcessEnv;
}

/** The declared views, the live ones and drift's view differences between them. */
export interface ViewComparison {
  declared: DeclaredViews;
  live: AccountModel;
  /** drift's differences, views only, by key (`view:DB.SCHEMA.VIEW`). */
  differences: Map<string, ObjectDifference>;
  /** Declared views that the config's `ignore` patterns leave out of the comparison. */
  ignored: Set<string>;
}

/** drift calls the view's SQL `query`; in the authoring loop it is the view's definition. */
export function attributeName(label: string): string {
  return label === "query" ? "definition" : label;
}

/** A local engine file that does not exist yet is a target nobody has set up: say so before creating it. */
function assertLocalFileExists(environment: ResolvedEnvironment): void {
  if (environment.kind !== "local" || !environment.localDb || environment.localDb === ":memory:") return;
  if (existsSync(environment.localDb)) return;
  const file = path.relative(environment.root, environment.localDb) || environment.localDb;
  throw new DriverError("TARGET_NOT_SET_UP", `the local engine file ${file} does not exist`, {
    location: { file },
    hint: "Run `mercurios up` first: it creates the local engine, runs the migrations and applies the declarations.",
  });
}

/** Throws TARGET_NOT_SET_UP when the environment's database does not exist on the target. */
async function assertDatabaseExists(
  driver: Driver,
  environment: ResolvedEnvironment,
  tag: string,
): Promise<void> {
  const database = quoteIdentifier(resolveIdentifier(environment.database));
  try {
    await driver.execute(`SHOW SCHEMAS IN DATABASE ${database}`, { queryTag: tag });
  } catch (error) {
    const code = (error as { sqlCode?: string }).sqlCode;
    if (code !== "002003" && code !== "002043") throw error;
    throw new DriverError(
      "TARGET_NOT_SET_UP",
      `database ${environment.database} does not exist in ${environment.name}`,
      {
        location: { object: `DATABASE ${environment.database}` },
        hint:
          environment.kind === "local"
            ? "Run `mercurios up` first: it runs the migrations and applies the declarations to the local engine."
            : `Run \`mercurios migrate up --env ${environment.name}\` and \`mercurios apply --env ${environment.name}\` first.`,
        cause: error,
      },
    );
  }
}

/**
 * Reads the live views (one introspection) and diffs them with the declared ones using drift's diff.
 * Throws DriverError TARGET_NOT_SET_UP when the target has no database for the environment.
 */
export async function compareViews(
  driver: Driver,
  declared: DeclaredViews,
  environment: ResolvedEnvironment,
  command: string,
): Promise<ViewComparison> {
  const tag = queryTag(command, environment);
  const live = await readLiveState(driver, declared.desired.model, environment, {
    kinds: ["view"],
    queryTag: tag,
  });
  // Introspection reads a database that does not exist as empty; only then is the extra check worth a round trip.
  if (live.model.objects.size === 0) await assertDatabaseExists(driver, environment, tag);
  const diff = diffModels(declared.desired.model, live.model, { kinds: ["view"] });
  const compared = new Set(diff.compared.map((c) => c.key));
  const ignored = new Set([...declared.graph.views.keys()].filter((name) => !compared.has(`view:${name}`)));
  return {
    declared,
    live: live.model,
    differences: new Map(diff.differences.map((d) => [d.key, d])),
    ignored,
  };
}

/** Opens the environment's target (refusing a local engine file that was never created) and runs `work`. */
export async function withViewTarget<T>(
  options: ViewsCommonOptions,
  work: (driver: Driver) => Promise<T>,
): Promise<T> {
  if (!options.driver) assertLocalFileExists(options.environment);
  return withDriver(options, work);
}

function lastPart(name: string): string {
  const parts = name.match(/"(?:[^"]|"")*"|[^.]+/g) ?? [name];
  return parts[parts.length - 1] ?? name;
}

/** `ADMIN.TENANT_ISOLATION on (TENANT_ID)`: the database is left out when it is the view's own. */
export function rowAccessPolicyText(view: ViewObject): string | null {
  const attached = view.rowAccessPolicy;
  if (!attached) return null;
  const prefix = `${view.database}.`;
  const policy = attached.policy.startsWith(prefix) ? attached.policy.slice(prefix.length) : attached.policy;
  return `${policy} on (${attached.columns.join(", ")})`;
}

function declaredEntry(view: ViewObject, comparison: ViewComparison): ViewListEntry {
  const difference = comparison.differences.get(`view:${view.name}`);
  const status: ViewListEntry["status"] =
    difference?.kind === "missing" ? "missing" : difference?.kind === "changed" ? "changed" : "in sync";
  return {
    name: view.name,
    schema: view.schema,
    view: lastPart(view.name),
    secure: view.secure === true,
    rowAccessPolicy: rowAccessPolicyText(view),
    source: view.source ?? null,
    status,
    changed: status === "changed" ? (difference?.properties ?? []).map((p) => attributeName(p.label)) : [],
  };
}

function undeclaredEntry(difference: ObjectDifference): ViewListEntry {
  const live = difference.live as ViewObject;
  return {
    name: live.name,
    schema: live.schema,
    view: lastPart(live.name),
    secure: live.secure === true,
    rowAccessPolicy: null,
    source: null,
    status: "not declared",
    changed: [],
  };
}

/** Builds the listing from a comparison: declared views in schema and name order, then undeclared ones. */
export function viewsListReport(
  comparison: ViewComparison,
  environment: ResolvedEnvironment,
): ViewsListReport {
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const declared = [...comparison.declared.graph.views.values()]
    .filter((v) => !comparison.ignored.has(v.name))
    .sort(byName)
    .map((v) => declaredEntry(v, comparison));
  const undeclared = [...comparison.differences.values()]
    .filter((d) => d.kind === "unexpected")
    .map(undeclaredEntry)
    .sort(byName);
  const views = [...declared, ...undeclared];
  return {
    environment: environment.name,
    database: environment.database,
    views,
    summary: summariseViewList(views),
  };
}

/** `views list`: the declared and undeclared views of the environment and their status on its target. */
export async function listViews(options: ViewsCommonOptions): Promise<ViewsListReport> {
  const declared = await loadDeclaredViews(options.environment, options.processEnv);
  return withViewTarget(options, async (driver) => {
    const comparison = await compareViews(driver, declared, options.environment, "views-list");
    return viewsListReport(comparison, options.environment);
  });
}
