/**
 * SQL UDFs over policy-protected relations. A SQL UDF runs as a DuckDB macro whose body was
 * translated once, at CREATE FUNCTION; row access and masking policies are applied by rewriting the
 * relations a statement names (handlers/row-access.ts, the catalog's view expansion), and a macro
 * body is out of that rewrite's reach. So a statement that calls a UDF whose body reads a relation
 * with a policy attached (directly, through views, or through other UDFs it calls) is refused,
 * rather than run with the body reading the relation raw. The check runs at call time, so a policy
 * attached after the UDF was created counts.
 */
import { viewQueryText } from "./catalog/view-expansion.js";
import type { Directory, ObjectInfo } from "./directory.js";
import { SnowflakeError } from "./errors.js";
import { findFunctionCalls } from "./functions/check.js";
import type { QualifiedName } from "./hooks.js";
import { displayQualified } from "./identifiers.js";
import type { StatementContext } from "./session.js";
import { translateStatement } from "./translate.js";
import { loadTranspiler } from "./transpiler.js";
import { sessionUdfScope, udfObject } from "./udf-lookup.js";

/** What a UDF or view body reads: the relations it names and the calls it makes (as written). */
interface BodyReads {
  relations: QualifiedName[];
  calls: string[][];
}

interface Scope {
  database: string | null;
  schema: string | null;
}

/** Body analyses keyed by [body, scope]: a body is parsed once, whatever calls it (at most 1000). */
const readsByBody = new Map<string, BodyReads>();

/** Per directory: whether it holds any SQL UDF at the version last looked at. */
const udfsByDirectory = new WeakMap<Directory, { version: number; any: boolean }>();

async function hasSqlUdfs(directory: Directory): Promise<boolean> {
  const known = udfsByDirectory.get(directory);
  if (known && known.version === directory.version) return known.any;
  const any = (await directory.routines()).some((r) => r.kind === "FUNCTION" && r.language === "SQL");
  udfsByDirectory.set(directory, { version: directory.version, any });
  return any;
}

/** The relations and calls of a Snowflake query, resolved in `scope` (the engine's name resolution). */
async function bodyReads(ctx: StatementContext, sql: string, scope: Scope): Promise<BodyReads> {
  const key = JSON.stringify([sql, scope.database, scope.schema]);
  const cached = readsByBody.get(key);
  if (cached) return cached;
  await loadTranspiler();
  // The body passed the function check when it was created; every name it calls is accepted (only
  // the relations it reads are used here) and followed below.
  const anyCall = (parts: readonly string[]) => {
    const udf = udfObject(ctx.engine.directory, parts, { ...scope, fold: false });
    return {
      database: udf?.database ?? scope.database ?? "",
      schema: udf?.schema ?? scope.schema ?? "",
      name: udf?.name ?? parts.join("."),
    };
  };
  const translation = translateStatement(sql, scope, ctx.engine.functions, undefined, undefined, anyCall);
  const reads = {
    relations: translation.relations.map((r) => r.name),
    // Table functions too: a UDTF's body reads relations like a scalar UDF's.
    calls: findFunctionCalls(sql).map((c) => c.parts),
  };
  if (readsByBody.size >= 1000) readsByBody.delete(readsByBody.keys().next().value!);
  readsByBody.set(key, reads);
  return reads;
}

/** A SQL UDF's body as the query its macro was translated from (handlers/schema-objects.ts). */
function udfQuery(udf: ObjectInfo): string | null {
  const body = udf.properties.body;
  if (udf.properties.language !== "SQL" || typeof body !== "string") return null;
  // A table function's body is a query of its own (RETURNS TABLE).
  if (/^\s*TABLE\s*\(/i.test(String(udf.properties.returns ?? ""))) return body.trim().replace(/;\s*$/, "");
  const expression = /^\s*(select|with)\b/i.test(body) ? `(${body.trim()})` : body.trim();
  return `SELECT ${expression} AS MERC_UDF_BODY`;
}

/** The names in a UDF body resolve where its creator stood (recorded since), else in its schema. */
function udfScope(udf: ObjectInfo): Scope {
  const recorded = udf.properties.bodyScope as Partial<Scope> | undefined;
  if (recorded && typeof recorded === "object" && typeof recorded.database === "string")
    return {
      database: recorded.database,
      schema: typeof recorded.schema === "string" ? recorded.schema : null,
    };
  return { database: udf.database, schema: udf.schema };
}

function keyOf(kind: string, name: QualifiedName): string {
  return JSON.stringify([kind, name.database, name.schema, name.name]);
}

function display(name: QualifiedName): string {
  return displayQualified(name.database, name.schema, name.name);
}

/** Snowflake-style refusal of a UDF call whose body would read `relation` past its policies. */
export function udfOverProtectedRelation(udf: QualifiedName, relation: QualifiedName): SnowflakeError {
  return new SnowflakeError(
    "002040",
    "0A000",
    `SQL compilation error:\nFunction ${display(udf)} reads ${display(relation)}, which has a row access or masking policy attached. The local engine cannot apply row access or masking policies inside a UDF body, so the call is refused. Read ${display(relation)} in the query itself or through a view instead of through the function.`,
  );
}

/**
 * Throws when the statement `sql` (reading `relations`) calls a SQL UDF, directly or inside a view
 * it reads, whose body leads to a relation with a row access or masking policy attached.
 */
export async function refuseUdfsOverProtected(
  ctx: StatementContext,
  sql: string,
  relations: readonly QualifiedName[],
): Promise<void> {
  const directory = ctx.engine.directory;
  if (!(await hasSqlUdfs(directory))) return;
  const hookCtx = ctx.session.hookContext();
  const fold = sessionUdfScope(ctx.session.stateValue).fold;
  const seen = new Set<string>();

  const checkUdf = async (udf: ObjectInfo): Promise<void> => {
    const key = keyOf("FUNCTION", udf);
    if (seen.has(key)) return;
    seen.add(key);
    const query = udfQuery(udf);
    if (query === null) return;
    const scope = udfScope(udf);
    const reads = await bodyReads(ctx, query, scope);
    for (const relation of reads.relations) await checkRelation(relation, udf);
    for (const call of reads.calls) {
      const called = udfObject(directory, call, { ...scope, fold });
      if (called) await checkUdf(called);
    }
  };

  // `via`: the UDF whose body reads the relation (null: the statement or a view it reads).
  const checkRelation = async (relation: QualifiedName, via: ObjectInfo | null): Promise<void> => {
    if (via) {
      const guarded = await ctx.engine.catalog.protectedRead(hookCtx, relation);
      if (guarded) throw udfOverProtectedRelation(via, guarded);
    }
    const view = directory.relation(relation);
    if (!view || view.kind === "TABLE" || view.text === null) return;
    const key = keyOf(via ? `VIEW ${keyOf("FUNCTION", via)}` : "VIEW", relation);
    if (seen.has(key)) return;
    seen.add(key);
    const query = viewQueryText(view.text);
    if (query === null) return;
    const scope = { database: view.database, schema: view.schema };
    const reads = await bodyReads(ctx, query, scope);
    for (const call of reads.calls) {
      const called = udfObject(directory, call, { ...scope, fold });
      if (called) await checkUdf(called);
    }
    for (const inner of reads.relations) await checkRelation(inner, via);
  };

  for (const call of findFunctionCalls(sql)) {
    const udf = udfObject(directory, call.parts, sessionUdfScope(ctx.session.stateValue));
    if (udf) await checkUdf(udf);
  }
  for (const relation of relations) await checkRelation(relation, null);
}
