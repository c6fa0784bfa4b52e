/**
 * SHOW PARAMETERS in every scope (SESSION, ACCOUNT, USER, DATABASE, SCHEMA, TABLE, TASK; WAREHOUSE
 * lives in warehouses.ts) and ALTER ACCOUNT SET of a parameter.
 *
 * The parameter lists follow the SHOW PARAMETERS page of Snowflake's SQL command reference (the
 * session list of its first example, the database example's DATA_RETENTION_TIME_IN_DAYS) and the
 * Parameters page's defaults. A value's `level` is where it was set: SESSION, USER, ACCOUNT or the
 * object's own kind; empty when it is the default.
 */
import type { CatalogContext, CatalogEnv } from "./context.js";
import { notFound } from "./errors.js";
import type { Cursor } from "./lexer.js";
import { displayName, likeMatcher, nameKey } from "./names.js";
import { resolveName } from "./objects.js";
import { seesObject, sessionRoles } from "./privileges.js";
import { type CatalogResult, columns } from "./results.js";
import { showWarehouseParameters } from "./warehouses.js";

type ParameterType = "BOOLEAN" | "NUMBER" | "STRING";

interface ParameterDefinition {
  default: string;
  type: ParameterType;
  description: string;
}

const bool = (value: boolean, description: string): ParameterDefinition => ({
  default: String(value),
  type: "BOOLEAN",
  description,
});
const number = (value: number, description: string): ParameterDefinition => ({
  default: String(value),
  type: "NUMBER",
  description,
});
const text = (value: string, description: string): ParameterDefinition => ({
  default: value,
  type: "STRING",
  description,
});

/** Session parameters: settable for the account, a user and a session. */
export const SESSION_PARAMETERS: Readonly<Record<string, ParameterDefinition>> = {
  ABORT_DETACHED_QUERY: bool(
    false,
    "If true, Snowflake will automatically abort queries when it detects that the client has disappeared.",
  ),
  AUTOCOMMIT: bool(
    true,
    "The autocommit property determines whether is statement should to be implicitly wrapped within a transaction or not. If autocommit is set to true, then a statement that requires a transaction is executed within a transaction implicitly. If autocommit is off then an explicit commit or rollback is required to close a transaction. The default autocommit value is true.",
  ),
  AUTOCOMMIT_API_SUPPORTED: bool(
    true,
    "Whether autocommit feature is enabled for this client. This parameter is for Snowflake use only.",
  ),
  BINARY_INPUT_FORMAT: text("HEX", "input format for binary"),
  BINARY_OUTPUT_FORMAT: text("HEX", "display format for binary"),
  CLIENT_SESSION_KEEP_ALIVE: bool(false, "If true, client session will not expire automatically"),
  DATE_INPUT_FORMAT: text("AUTO", "input format for date"),
  DATE_OUTPUT_FORMAT: text("YYYY-MM-DD", "display format for date"),
  ERROR_ON_NONDETERMINISTIC_MERGE: bool(
    true,
    "raise an error when attempting to merge-update a row that joins many rows",
  ),
  ERROR_ON_NONDETERMINISTIC_UPDATE: bool(
    false,
    "raise an error when attempting to update a row that joins many rows",
  ),
  LOCK_TIMEOUT: number(
    43200,
    "Number of seconds to wait while trying to lock a resource, before timing out and aborting the statement. A value of 0 turns off lock waiting i.e. the statement must acquire the lock immediately or abort. If multiple resources need to be locked by the statement, the timeout applies separately to each lock attempt.",
  ),
  QUERY_TAG: text("", "String (up to 2000 characters) used to tag statements executed by the session"),
  QUOTED_IDENTIFIERS_IGNORE_CASE: bool(false, "If true, the case of quoted identifiers is ignored"),
  ROWS_PER_RESULTSET: number(0, "maxium number of rows in a result set"),
  STATEMENT_QUEUED_TIMEOUT_IN_SECONDS: number(
    0,
    "Timeout in seconds for queued statements: statements will automatically be canceled if they are queued on a warehouse for longer than this amount of time; disabled if set to zero.",
  ),
  STATEMENT_TIMEOUT_IN_SECONDS: number(
    172800,
    "Timeout in seconds for statements: statements will automatically be canceled if they run for longer than this amount of time; disabled if set to zero.",
  ),
  TIMESTAMP_DAY_IS_ALWAYS_24H: bool(
    false,
    "If set, arithmetic on days always uses 24 hours per day, possibly not preserving the time (due to DST changes)",
  ),
  TIMESTAMP_INPUT_FORMAT: text("AUTO", "input format for timestamp"),
  TIMESTAMP_LTZ_OUTPUT_FORMAT: text(
    "",
    "Display format for TIMESTAMP_LTZ values. If empty, TIMESTAMP_OUTPUT_FORMAT is used.",
  ),
  TIMESTAMP_NTZ_OUTPUT_FORMAT: text(
    "YYYY-MM-DD HH24:MI:SS.FF3",
    "Display format for TIMESTAMP_NTZ values. If empty, TIMESTAMP_OUTPUT_FORMAT is used.",
  ),
  TIMESTAMP_OUTPUT_FORMAT: text(
    "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM",
    "Default display format for all timestamp types.",
  ),
  TIMESTAMP_TYPE_MAPPING: text(
    "TIMESTAMP_NTZ",
    "If TIMESTAMP type is used, what specific TIMESTAMP* type it should map to: TIMESTAMP_LTZ (default), TIMESTAMP_NTZ or TIMESTAMP_TZ",
  ),
  TIMESTAMP_TZ_OUTPUT_FORMAT: text(
    "",
    "Display format for TIMESTAMP_TZ values. If empty, TIMESTAMP_OUTPUT_FORMAT is used.",
  ),
  TIMEZONE: text("America/Los_Angeles", "time zone"),
  TIME_INPUT_FORMAT: text("AUTO", "input format for time"),
  TIME_OUTPUT_FORMAT: text("HH24:MI:SS", "display format for time"),
  TRANSACTION_ABORT_ON_ERROR: bool(
    false,
    "If this parameter is true, and a statement issued within a non-autocommit transaction returns with an error, then the non-autocommit transaction is aborted. All statements issued inside that transaction will fail until an commit or rollback statement is executed to close that transaction.",
  ),
  TRANSACTION_DEFAULT_ISOLATION_LEVEL: text(
    "READ COMMITTED",
    "The default isolation level when starting a starting a transaction, when no isolation level was specified",
  ),
  TWO_DIGIT_CENTURY_START: number(
    1970,
    "For 2-digit dates, defines a century-start year. For example, when set to 1980: - parsing a string '79' will produce 2079 - parsing a string '80' will produce 1980",
  ),
  UNSUPPORTED_DDL_ACTION: text("ignore", "The action to take upon encountering an unsupported ddl statement"),
  USE_CACHED_RESULT: bool(
    true,
    "If enabled, query results can be reused between successive invocations of the same query as long as the original result has not expired",
  ),
  WEEK_OF_YEAR_POLICY: number(0, "Defines the policy for the first week of the year."),
  WEEK_START: number(0, "Defines the first day of the week (0 or 1: Monday, 7: Sunday)."),
};

/** Object parameters of databases, schemas and tables (inherited downwards from the account). */
const RETENTION: ParameterDefinition = number(
  1,
  "number of days to retain the old version of deleted/updated data",
);

/** Task parameters, besides the session parameters a task may set for its runs. */
const TASK_PARAMETERS: Readonly<Record<string, ParameterDefinition>> = {
  SUSPEND_TASK_AFTER_NUM_FAILURES: number(
    10,
    "Number of consecutive failed task runs after which the task is suspended automatically.",
  ),
  USER_TASK_TIMEOUT_MS: number(3600000, "User task execution timeout in milliseconds."),
};

/** Parameters ALTER ACCOUNT SET keeps (session parameters and the retention default). */
export function isAccountParameter(key: string): boolean {
  return key in SESSION_PARAMETERS || key === "DATA_RETENTION_TIME_IN_DAYS";
}

type Row = [
  key: string,
  value: string,
  defaultValue: string,
  level: string,
  description: string,
  type: string,
];

function row(key: string, p: ParameterDefinition, set: { value: string; level: string } | null): Row {
  // Booleans show as true/false whichever way they were written (ALTER … SET X = TRUE).
  const value = set?.value ?? p.default;
  const shown = p.type === "BOOLEAN" ? value.toLowerCase() : value;
  return [key, shown, p.default, set?.level ?? "", p.description, p.type];
}

function result(rows: Row[], like: ((s: string) => boolean) | null): CatalogResult {
  return {
    kind: "SHOW",
    columns: columns(["key:t", "value:t", "default:t", "level:t", "description:t", "type:t"]),
    rows: rows.filter(([key]) => !like || like(key)).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
  };
}

/** Where a session parameter's value comes from: the session, else the account, else the default. */
function sessionRows(env: CatalogEnv, sessionValues: Readonly<Record<string, string>>): Row[] {
  const account = env.store.account.parameters ?? {};
  return Object.entries(SESSION_PARAMETERS).map(([key, p]) => {
    const session = sessionValues[key];
    if (session !== undefined) return row(key, p, { value: session, level: "SESSION" });
    const acct = account[key];
    return row(key, p, acct === undefined ? null : { value: acct, level: "ACCOUNT" });
  });
}

/** The account's DATA_RETENTION_TIME_IN_DAYS: what databases inherit. */
function accountRetention(env: CatalogEnv): { value: string; level: string } | null {
  const acct = env.store.account.parameters?.DATA_RETENTION_TIME_IN_DAYS;
  return acct === undefined ? null : { value: acct, level: "ACCOUNT" };
}

/** A retention value set on an object shows that object's level; an inherited one its source's. */
function retentionAt(
  own: number | null | undefined,
  level: string,
  inherited: { value: string; level: string } | null,
): { value: string; level: string } | null {
  const inheritedValue = inherited?.value ?? RETENTION.default;
  if (own === null || own === undefined || String(own) === inheritedValue) return inherited;
  return { value: String(own), level };
}

/** SHOW PARAMETERS [LIKE '…'] [{IN | FOR} scope [name]]. */
export async function showParameters(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
): Promise<CatalogResult> {
  let like: ((s: string) => boolean) | null = null;
  if (c.acceptKw("LIKE")) like = likeMatcher(c.string("a LIKE pattern"));
  if (!(c.acceptKw("IN") || c.acceptKw("FOR")) || c.acceptKw("SESSION"))
    return result(sessionRows(env, ctx.parameters ?? {}), like);
  if (c.acceptKw("ACCOUNT")) {
    const retention = row("DATA_RETENTION_TIME_IN_DAYS", RETENTION, accountRetention(env));
    return result([...sessionRows(env, {}), retention], like);
  }
  if (c.acceptKw("USER")) {
    const name = c.atEnd() ? ctx.user : c.ident("user name");
    if (!env.store.users.has(name)) throw notFound("User", displayName([name]));
    return result(sessionRows(env, {}), like);
  }
  if (c.acceptKw("WAREHOUSE")) {
    const name = c.atEnd() ? ctx.warehouse : c.ident("warehouse name");
    if (name === null) throw notFound("Warehouse", "NULL");
    return showWarehouseParameters(env, ctx, like, name);
  }
  if (c.acceptKw("DATABASE")) {
    const database = c.atEnd() ? ctx.database : c.ident("database name");
    const d = (await env.directory.databases()).find((x) => x.name === database);
    if (!d) throw notFound("Database", displayName([database ?? "NULL"]));
    const set = retentionAt(d.retentionTime, "DATABASE", accountRetention(env));
    return result([row("DATA_RETENTION_TIME_IN_DAYS", RETENTION, set)], like);
  }
  if (c.acceptKw("SCHEMA")) {
    const name = c.atEnd() ? [ctx.database ?? "", ctx.schema ?? ""] : resolveName(ctx, "SCHEMA", c.name());
    return result([row("DATA_RETENTION_TIME_IN_DAYS", RETENTION, await schemaRetention(env, name))], like);
  }
  if (c.acceptKw("TABLE") || c.acceptKw("VIEW")) {
    const name = resolveName(ctx, "TABLE", c.name());
    const rel = (await env.directory.relations(name[0], name[1])).find((r) => r.name === name[2]);
    if (!rel) throw notFound("Table", displayName(name));
    const inherited = await schemaRetention(env, name.slice(0, 2));
    const set = retentionAt(rel.retentionTime, "TABLE", inherited);
    return result([row("DATA_RETENTION_TIME_IN_DAYS", RETENTION, set)], like);
  }
  if (c.acceptKw("TASK")) {
    const name = resolveName(ctx, "TASK", c.name());
    const task = env.store.tasks.get(nameKey(name));
    if (!task || !seesObject(env, sessionRoles(env, ctx), "TASK", name))
      throw notFound("Task", displayName(name));
    const rows = [...Object.entries(TASK_PARAMETERS), ...Object.entries(SESSION_PARAMETERS)].map(
      ([key, p]) => {
        const own = task.parameters[key];
        return row(key, p, own === undefined ? null : { value: own, level: "TASK" });
      },
    );
    return result(rows, like);
  }
  return c.fail("SESSION, ACCOUNT, USER, WAREHOUSE, DATABASE, SCHEMA, TABLE or TASK");
}

async function schemaRetention(
  env: CatalogEnv,
  name: string[],
): Promise<{ value: string; level: string } | null> {
  const [database, schema] = name as [string, string];
  const d = (await env.directory.databases()).find((x) => x.name === database);
  const s = (await env.directory.schemas(database)).find((x) => x.name === schema);
  if (!d || !s) throw notFound("Schema", displayName(name));
  const fromDatabase = retentionAt(d.retentionTime, "DATABASE", accountRetention(env));
  return retentionAt(s.retentionTime, "SCHEMA", fromDatabase);
}
