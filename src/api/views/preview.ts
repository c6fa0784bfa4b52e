/**
 * Use case `views preview`: brings a declared view (and the declared views it reads) up to date in
 * the environment's local engine, then reads its first rows as a role would, in the row shape of
 * `mercurios sql --format json`. Local environments only: preview creates views.
 */
import { stat } from "node:fs/promises";
import type { ResolvedEnvironment } from "../../config/index.js";
import { DriverError, MercuriosError } from "../../errors/index.js";
import type { Driver } from "../../driver/types.js";
import type { Engine } from "../../engine/index.js";
import { quoteString, resolveIdentifier, type ViewObject } from "../../model/index.js";
import type { SqlStatementOutput } from "../sql.js";
import { type DeclaredViews, loadDeclaredViews } from "./declared.js";
import type { SyncViewsReport } from "./sync.js";

export interface PreviewViewOptions {
  environment: ResolvedEnvironment;
  /** The view as typed: `TOP_SHOPS`, `ANALYTICS.TOP_SHOPS` or `DB.SCHEMA.VIEW`. */
  name: string;
  /** Rows to read (default 10). */
  limit?: number;
  /** The role whose view of the rows to show (default: the engine user's default role). */
  asRole?: string;
  processEnv?: NodeJS.ProcessEnv;
}

/** A statement's rows in the `mercurios sql --format json` shape. */
export type PreviewRows = Extract<SqlStatementOutput, { columns: string[] }>;

export interface PreviewReport {
  /** The view's qualified name. */
  view: string;
  /** Its file, relative to the project root. */
  source: string | undefined;
  /** What was (re)created to bring it up to date, in creation order. */
  synced: SyncViewsReport;
  /** The query run, and the role it ran as. */
  sql: string;
  role: string;
  limit: number;
  result: PreviewRows;
}

/** The preview's SELECT failed (PREVIEW_QUERY_FAILED); `output` is the error in the `sql --format json` shape. */
export class PreviewQueryError extends MercuriosError {
  readonly output: Extract<SqlStatementOutput, { error: unknown }>;
  constructor(
    message: string,
    options: ConstructorParameters<typeof MercuriosError>[2] & {
      output: Extract<SqlStatementOutput, { error: unknown }>;
    },
  ) {
    super("PREVIEW_QUERY_FAILED", message, options);
    this.output = options.output;
  }
}

export const DEFAULT_PREVIEW_LIMIT = 10;

/** Why preview refuses a Snowflake environment, and what to run instead. */
function refuseSnowflake(environment: ResolvedEnvironment): never {
  throw new MercuriosError(
    "PREVIEW_LOCAL_ONLY",
    `views preview runs on the local engine; ${environment.name} is a Snowflake environment`,
    {
      location: { path: `environments.${environment.name}` },
      hint: `Preview creates views, which it does only in the local engine: run it without --env (or --env local). To compare the declared view with ${environment.name}, run \`mercurios views diff <name> --env ${environment.name}\`.`,
    },
  );
}

async function requireEngineFile(environment: ResolvedEnvironment): Promise<string> {
  const localDb = environment.localDb;
  if (!localDb) {
    throw new MercuriosError("NO_LOCAL_DB", `environment ${environment.name} has no local engine file`, {
      location: { path: `environments.${environment.name}.localDb` },
      hint: "Set localDb in mercurios.config.ts, or pass --local-db PATH.",
    });
  }
  const exists =
    localDb === ":memory:" ||
    (await stat(localDb).then(
      () => true,
      () => false,
    ));
  // An in-memory engine is always empty: nothing to preview on until `up` has filled it.
  if (!exists || localDb === ":memory:") notUp(environment, localDb);
  return localDb;
}

function notUp(environment: ResolvedEnvironment, localDb: string, database?: string): never {
  throw new MercuriosError(
    "LOCAL_NOT_UP",
    database
      ? `database ${database} is not in the local engine (${localDb})`
      : `the local engine has no data yet (${localDb} does not exist)`,
    {
      location: { file: localDb },
      hint: `Run \`mercurios up${environment.name === "local" ? "" : ` --env ${environment.name}`}\` first: it creates the database, its tables and sample rows, and the declared objects.`,
    },
  );
}

function positiveLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PREVIEW_LIMIT;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new MercuriosError("BAD_OPTION", `--limit must be a whole number of rows, not ${limit}`, {
      hint: "For example --limit 20.",
    });
  }
  return limit;
}

async function openPreviewEngine(localDb: string): Promise<Engine> {
  const { openEngine } = await import("../../engine/index.js");
  try {
    return await openEngine({ path: localDb });
  } catch (error) {
    throw new DriverError("LOCAL_ENGINE_OPEN", error instanceof Error ? error.message : String(error), {
      location: { file: localDb },
      hint: "Another mercurios process (`dev`?) may hold the engine file; run again when it is done.",
      cause: error,
    });
  }
}

/** `shop_tenant_acme` is SHOP_TENANT_ACME, as Snowflake folds an unquoted name; `"x"` stays x. */
function storedRoleName(role: string): string {
  return resolveIdentifier(role);
}

/** A role that does not exist is named as such (the engine's login error says only "not granted"). */
async function requireRole(driver: Driver, role: string): Promise<void> {
  const stored = storedRoleName(role);
  const found = await driver.execute(`SHOW ROLES LIKE ${quoteString(stored)}`);
  if (found.rows.length > 0) return;
  const all = await driver.execute("SHOW ROLES");
  const nameColumn = all.columns.findIndex((c) => c.name === "name");
  const names = all.rows.map((r) => r[nameColumn] ?? "").filter((n) => n !== "");
  throw new MercuriosError("PREVIEW_ROLE", `role ${role} does not exist in the local engine`, {
    location: { object: `ROLE ${role}` },
    hint: `Roles there: ${names.join(", ")}. Declare roles in roles/ and run \`mercurios up\`.`,
  });
}

/** Syncs the view and reads its first rows. */
export async function previewView(options: PreviewViewOptions): Promise<PreviewReport> {
  const { environment } = options;
  if (environment.kind !== "local") refuseSnowflake(environment);
  const limit = positiveLimit(options.limit);
  const localDb = await requireEngineFile(environment);
  // Opening the engine (DuckDB, native threads) overlaps loading the declarations (JavaScript).
  const opening = openPreviewEngine(localDb);
  let declared: DeclaredViews;
  let view: ViewObject;
  try {
    declared = await loadDeclaredViews(environment, options.processEnv);
    view = declared.resolve(options.name);
  } catch (error) {
    await (await opening.catch(() => undefined))?.close();
    throw error;
  }
  const engine = await opening;
  const [{ displayValue, SnowflakeError }, { openLocalDriver }, { syncViews }] = await Promise.all([
    import("../../engine/index.js"),
    import("../../driver/local.js"),
    import("./sync.js"),
  ]);
  try {
    const driver = await openLocalDriver(engine, { secrets: environment.secrets });
    let synced: SyncViewsReport;
    try {
      const database = view.database.replace(/^"|"$/g, "");
      const known = await driver.execute(`SHOW DATABASES LIKE ${quoteString(database)}`);
      if (known.rows.length === 0) notUp(environment, localDb, view.database);
      if (options.asRole) await requireRole(driver, options.asRole);
      synced = await syncViews({ environment, driver, declared, views: [view.name] });
    } finally {
      await driver.close();
    }

    let sql = `SELECT * FROM ${view.name} LIMIT ${limit}`;
    let session: Awaited<ReturnType<typeof engine.openSession>>;
    try {
      session = await engine.openSession(options.asRole ? { role: storedRoleName(options.asRole) } : {});
    } catch (error) {
      if (!(error instanceof SnowflakeError)) throw error;
      const role = storedRoleName(options.asRole ?? "");
      if (/not granted/i.test(error.message)) {
        // As on Snowflake, a user may use a role only when it is granted to the user, directly or
        // through the roles it is granted to; the engine's user holds ACCOUNTADMIN (and so SYSADMIN).
        throw new MercuriosError(
          "PREVIEW_ROLE",
          `role ${role} is not granted to the local engine's user ADMIN, directly or through the roles it is granted to.`,
          {
            location: { object: `ROLE ${role}` },
            hint: `ADMIN holds ACCOUNTADMIN and with it SYSADMIN, so a role is usable here when its chain of parents reaches SYSADMIN, as Snowflake recommends for custom roles: declare \`parents: ["SYSADMIN"]\` on ${role} (or on a role it is granted to) in roles/, then run \`mercurios up\`. \`mercurios views test\` (as_role) runs as any declared role.`,
            cause: error,
          },
        );
      }
      throw new MercuriosError("PREVIEW_ROLE", `cannot preview as role ${options.asRole}: ${error.message}`, {
        location: { object: `ROLE ${options.asRole}` },
        hint: "Use a role that exists and is granted to the local engine's user (roles/ declares them; `mercurios up` creates them).",
        cause: error,
      });
    }
    try {
      const role = session.state().role;
      let result: Awaited<ReturnType<typeof session.execute>>;
      try {
        // Ordered by every column, so that the same data always shows the same first rows (a bare
        // LIMIT returns whichever rows the engine's threads finish first).
        const shape = await session.execute(`SELECT * FROM ${view.name} LIMIT 0`);
        const positions = shape.columns.map((_, i) => i + 1).join(", ");
        if (positions) sql = `SELECT * FROM ${view.name} ORDER BY ${positions} LIMIT ${limit}`;
        result = await session.execute(sql);
      } catch (error) {
        if (!(error instanceof SnowflakeError)) throw error;
        throw new PreviewQueryError(
          `reading ${view.name} as role ${role} failed: ${error.message.replace(/^SQL compilation error:\s*/i, "")}`,
          {
            location: { object: `VIEW ${view.name}`, ...(view.source ? { file: view.source } : {}) },
            hint:
              error.code === "002003" || error.code === "003001"
                ? `Role ${role} may not read the view: it needs USAGE on the database and schema and SELECT on the view (declare the grants in roles/, then \`mercurios up\`).`
                : "Fix the view's SELECT and run preview again.",
            cause: error,
            output: {
              statement: 1,
              error: { code: error.code, sqlState: error.sqlState, message: error.message },
            },
          },
        );
      }
      return {
        view: view.name,
        source: view.source,
        synced,
        sql,
        role,
        limit,
        result: {
          statement: 1,
          columns: result.columns.map((c) => c.name),
          types: result.columns.map((c) => c.sqlType),
          rows: result.rows.map((row) =>
            row.map((cell, i) => displayValue(cell, result.columns[i] ?? { type: "text", scale: null })),
          ),
          rowCount: result.rowCount,
        },
      };
    } finally {
      await session.close();
    }
  } finally {
    await engine.close();
  }
}
