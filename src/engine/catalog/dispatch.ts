/** Routes an account statement to the module that runs it. */
import { describeStream, showStreams } from "./show/streams.js";
import { showHybridTables } from "./show/hybrid-tables.js";
import type { CatalogContext, CatalogEnv } from "./context.js";
import { commentOn } from "./comments.js";
import { catalogError } from "./errors.js";
import type { Cursor } from "./lexer.js";
import {
  alterMaskingPolicy,
  createMaskingPolicy,
  describeMaskingPolicy,
  dropMaskingPolicy,
  setMaskingPolicies,
  showMaskingPolicies,
} from "./masking-policies.js";
import { grant, revoke } from "./grants.js";
import { showGrants } from "./show/grants.js";
import { alterAccount, alterMonitor, createMonitor, dropMonitor, showMonitors } from "./monitors.js";
import {
  alterPolicy,
  attachPolicy,
  createPolicy,
  describePolicy,
  dropPolicy,
  showPolicies,
} from "./policies.js";
import type { CatalogResult } from "./results.js";
import {
  alterDatabaseRole,
  alterRole,
  createDatabaseRole,
  createRole,
  dropDatabaseRole,
  dropRole,
  showDatabaseRoles,
  showRoles,
  useRole,
  useSecondaryRoles,
} from "./roles.js";
import { describeRelation, showColumns, showDatabases, showObjects, showSchemas } from "./show/data.js";
import { showFunctions } from "./show/functions.js";
import { showRoutines } from "./show/routines.js";
import { showImportedKeys, showIndexes, showKeys } from "./show/keys.js";
import { tokenize } from "../split/index.js";
import { showParameters } from "./parameters.js";
import { alterTask, createTask, describeTask, dropTask, executeTask, showTasks } from "./tasks.js";
import { alterUser, createUser, dropUser } from "./users.js";
import { describeUser, showUsers } from "./show/users.js";
import {
  alterWarehouse,
  createWarehouse,
  describeWarehouse,
  dropWarehouse,
  useWarehouse,
} from "./warehouses.js";
import { describeDatabase, describeSchema } from "./show/describe-containers.js";
import { describeRoutine } from "./show/describe-routine.js";
import { describeSequence, showSequences } from "./show/sequences.js";
import { showWarehouses } from "./show/warehouses.js";

const ACCOUNT_KINDS =
  "WAREHOUSE|RESOURCE\\s+MONITOR|ROLE|DATABASE\\s+ROLE|USER|ROW\\s+ACCESS\\s+POLICY|MASKING\\s+POLICY|TASK";

const PATTERN = new RegExp(
  [
    `^(CREATE(\\s+OR\\s+REPLACE)?|ALTER|DROP)\\s+(${ACCOUNT_KINDS})\\b`,
    "^(GRANT|REVOKE|SHOW|EXECUTE\\s+TASK)\\b",
    "^(DESC|DESCRIBE)\\s+(WAREHOUSE|ROW\\s+ACCESS\\s+POLICY|MASKING\\s+POLICY|USER|TASK|TABLE|VIEW|MATERIALIZED\\s+VIEW|SEQUENCE|STREAM|FUNCTION|PROCEDURE|DATABASE|SCHEMA)\\b",
    "^USE\\s+(ROLE|WAREHOUSE|SECONDARY\\s+ROLES)\\b",
    "^ALTER\\s+ACCOUNT\\b",
    `^COMMENT\\s+(IF\\s+EXISTS\\s+)?ON\\s+(${ACCOUNT_KINDS})\\b`,
    "^ALTER\\s+(TABLE|VIEW)\\s+[\\s\\S]*\\b(ADD|DROP)\\s+(ALL\\s+)?ROW\\s+ACCESS\\s+POL",
    "^ALTER\\s+(TABLE|VIEW)\\s+[\\s\\S]*\\b(SET|UNSET)\\s+MASKING\\s+POLICY\\b",
  ].join("|"),
  "i",
);

/**
 * True when the catalog runs this statement (the core's classify step asks). Comments may sit
 * anywhere between the words (`DESC /* sqlalchemy:… *\/ TABLE t`, as drivers send them).
 */
export function isAccountStatement(sql: string): boolean {
  return PATTERN.test(withoutComments(sql));
}

/** The statement's leading words with comments replaced by a space (strings left as they are). */
function withoutComments(sql: string): string {
  if (!sql.includes("--") && !sql.includes("//") && !sql.includes("/*")) return sql.trimStart();
  return tokenize(sql)
    .map((t) => (t.kind === "line-comment" || t.kind === "block-comment" ? " " : sql.slice(t.start, t.end)))
    .join(" ")
    .replace(/\s+/g, " ")
    .trimStart();
}

export async function dispatch(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
): Promise<CatalogResult | null> {
  if (!isAccountStatement(c.sql)) return null;
  if (c.acceptKw("CREATE")) {
    const orReplace = c.acceptKw("OR", "REPLACE");
    if (c.acceptKw("WAREHOUSE")) return createWarehouse(env, ctx, c, orReplace);
    if (c.acceptKw("RESOURCE", "MONITOR")) return createMonitor(env, ctx, c, orReplace);
    if (c.acceptKw("DATABASE", "ROLE")) return createDatabaseRole(env, ctx, c, orReplace);
    if (c.acceptKw("ROLE")) return createRole(env, ctx, c, orReplace);
    if (c.acceptKw("USER")) return createUser(env, ctx, c, orReplace);
    if (c.acceptKw("ROW", "ACCESS", "POLICY")) return createPolicy(env, ctx, c, orReplace);
    if (c.acceptKw("MASKING", "POLICY")) return createMaskingPolicy(env, ctx, c, orReplace);
    if (c.acceptKw("TASK")) return createTask(env, ctx, c, orReplace);
    return null;
  }
  if (c.acceptKw("ALTER")) {
    if (c.acceptKw("WAREHOUSE")) return alterWarehouse(env, ctx, c);
    if (c.acceptKw("RESOURCE", "MONITOR")) return alterMonitor(env, ctx, c);
    if (c.acceptKw("DATABASE", "ROLE")) return alterDatabaseRole(env, ctx, c);
    if (c.acceptKw("ROLE")) return alterRole(env, ctx, c);
    if (c.acceptKw("USER")) return alterUser(env, ctx, c);
    if (c.acceptKw("ROW", "ACCESS", "POLICY")) return alterPolicy(env, ctx, c);
    if (c.acceptKw("MASKING", "POLICY")) return alterMaskingPolicy(env, ctx, c);
    if (c.acceptKw("TASK")) return alterTask(env, ctx, c);
    if (c.acceptKw("ACCOUNT")) return alterAccount(env, ctx, c);
    if (c.acceptKw("TABLE"))
      return (await setMaskingPolicies(env, ctx, c, "TABLE")) ?? attachPolicy(env, ctx, c, "TABLE");
    if (c.acceptKw("VIEW"))
      return (await setMaskingPolicies(env, ctx, c, "VIEW")) ?? attachPolicy(env, ctx, c, "VIEW");
    return null;
  }
  if (c.acceptKw("DROP")) {
    if (c.acceptKw("WAREHOUSE")) return dropWarehouse(env, ctx, c);
    if (c.acceptKw("RESOURCE", "MONITOR")) return dropMonitor(env, ctx, c);
    if (c.acceptKw("DATABASE", "ROLE")) return dropDatabaseRole(env, ctx, c);
    if (c.acceptKw("ROLE")) return dropRole(env, ctx, c);
    if (c.acceptKw("USER")) return dropUser(env, ctx, c);
    if (c.acceptKw("ROW", "ACCESS", "POLICY")) return dropPolicy(env, ctx, c);
    if (c.acceptKw("MASKING", "POLICY")) return dropMaskingPolicy(env, ctx, c);
    if (c.acceptKw("TASK")) return dropTask(env, ctx, c);
    return null;
  }
  if (c.acceptKw("COMMENT")) return commentOn(env, ctx, c);
  if (c.acceptKw("GRANT")) return grant(env, ctx, c);
  if (c.acceptKw("REVOKE")) return revoke(env, ctx, c);
  if (c.acceptKw("USE")) {
    if (c.acceptKw("ROLE")) return useRole(env, ctx, c);
    if (c.acceptKw("WAREHOUSE")) return useWarehouse(env, ctx, c);
    if (c.acceptKw("SECONDARY", "ROLES")) return useSecondaryRoles(c);
    return null;
  }
  if (c.acceptKw("EXECUTE", "TASK")) return executeTask(env, ctx, c);
  if (c.acceptKw("DESC") || c.acceptKw("DESCRIBE")) {
    if (c.acceptKw("WAREHOUSE")) return describeWarehouse(env, ctx, c);
    if (c.acceptKw("ROW", "ACCESS", "POLICY")) return describePolicy(env, ctx, c);
    if (c.acceptKw("MASKING", "POLICY")) return describeMaskingPolicy(env, ctx, c);
    if (c.acceptKw("USER")) return describeUser(env, ctx, c);
    if (c.acceptKw("TASK")) return describeTask(env, ctx, c);
    if (c.acceptKw("SEQUENCE")) return describeSequence(env, ctx, c);
    if (c.acceptKw("STREAM")) return describeStream(env, ctx, c);
    if (c.acceptKw("FUNCTION")) return describeRoutine(env, ctx, c, "FUNCTION");
    if (c.acceptKw("PROCEDURE")) return describeRoutine(env, ctx, c, "PROCEDURE");
    if (c.acceptKw("DATABASE")) return describeDatabase(env, ctx, c);
    if (c.acceptKw("SCHEMA")) return describeSchema(env, ctx, c);
    if (c.acceptKw("TABLE")) return describeRelation(env, ctx, c, "TABLE");
    if (c.acceptKw("MATERIALIZED", "VIEW")) return describeRelation(env, ctx, c, "VIEW");
    if (c.acceptKw("VIEW")) return describeRelation(env, ctx, c, "VIEW");
    return null;
  }
  if (c.acceptKw("SHOW")) return show(env, ctx, c);
  return null;
}

async function show(env: CatalogEnv, ctx: CatalogContext, c: Cursor): Promise<CatalogResult> {
  const terse = c.acceptKw("TERSE");
  if (c.acceptKw("WAREHOUSES")) return showWarehouses(env, ctx, c);
  if (c.acceptKw("RESOURCE", "MONITORS")) return showMonitors(env, ctx, c);
  if (c.acceptKw("DATABASE", "ROLES")) return showDatabaseRoles(env, ctx, c);
  if (c.acceptKw("ROLES")) return showRoles(env, ctx, c);
  if (c.acceptKw("USERS")) return showUsers(env, ctx, c, terse);
  if (c.acceptKw("GRANTS")) return showGrants(env, ctx, c, false);
  if (c.acceptKw("FUTURE", "GRANTS")) return showGrants(env, ctx, c, true);
  if (c.acceptKw("ROW", "ACCESS", "POLICIES")) return showPolicies(env, ctx, c);
  if (c.acceptKw("MASKING", "POLICIES")) return showMaskingPolicies(env, ctx, c);
  if (c.acceptKw("TASKS")) return showTasks(env, ctx, c, terse);
  if (c.acceptKw("DATABASES")) return showDatabases(env, ctx, c, terse);
  if (c.acceptKw("SCHEMAS")) return showSchemas(env, ctx, c, terse);
  if (c.acceptKw("HYBRID", "TABLES")) return showHybridTables(env, ctx, c, terse);
  if (c.acceptKw("TABLES")) return showObjects(env, ctx, c, "TABLE", terse);
  if (c.acceptKw("MATERIALIZED", "VIEWS")) return showObjects(env, ctx, c, "MATERIALIZED_VIEW", terse);
  if (c.acceptKw("VIEWS")) return showObjects(env, ctx, c, "VIEW", terse);
  if (c.acceptKw("OBJECTS")) return showObjects(env, ctx, c, "OBJECT", terse);
  if (c.acceptKw("COLUMNS")) return showColumns(env, ctx, c);
  if (c.acceptKw("SEQUENCES")) return showSequences(env, ctx, c);
  if (c.acceptKw("STREAMS")) return showStreams(env, ctx, c, terse);
  if (c.acceptKw("PRIMARY", "KEYS")) return showKeys(env, ctx, c, "PRIMARY KEY");
  if (c.acceptKw("UNIQUE", "KEYS")) return showKeys(env, ctx, c, "UNIQUE");
  if (c.acceptKw("IMPORTED", "KEYS")) return showImportedKeys(env, ctx, c);
  if (c.acceptKw("INDEXES")) return showIndexes(env, ctx, c, terse);
  if (c.acceptKw("PARAMETERS")) return showParameters(env, ctx, c);
  if (c.acceptKw("USER", "FUNCTIONS")) return showRoutines(env, ctx, c, "FUNCTION");
  if (c.acceptKw("FUNCTIONS")) return showFunctions(env, ctx, c);
  if (c.acceptKw("USER", "PROCEDURES")) return showRoutines(env, ctx, c, "USER PROCEDURE");
  if (c.acceptKw("PROCEDURES")) return showRoutines(env, ctx, c, "PROCEDURE");
  // Other SHOW kinds name real Snowflake objects the engine does not model: say so plainly.
  const stop = c.tokens.findIndex(
    (t, i) =>
      i > 0 && (t.kind !== "word" || ["LIKE", "IN", "STARTS", "LIMIT"].includes(t.text.toUpperCase())),
  );
  const words = c.tokens
    .slice(0, stop < 0 ? c.tokens.length : stop)
    .map((t) => t.text.toUpperCase())
    .join(" ");
  throw catalogError(
    "002040",
    "0A000",
    `SQL compilation error:\nUnsupported feature '${words}' in the local engine.`,
  );
}
