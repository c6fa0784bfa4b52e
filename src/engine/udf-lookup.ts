/**
 * The session's view of user-defined functions, for the function check (functions/check.ts).
 */
import type { Directory, ObjectInfo } from "./directory.js";
import { sfErrors } from "./errors.js";
import type { UdfLookup } from "./functions/check.js";
import type { SessionState } from "./types.js";

/**
 * The FUNCTION a name of 1 to 3 parts names, resolved against `database` and `schema` (where
 * DuckDB's search path finds the UDF macros), or undefined.
 */
export function udfObject(
  directory: Directory,
  written: readonly string[],
  scope: { database: string | null; schema: string | null; fold: boolean },
): ObjectInfo | undefined {
  const parts = scope.fold ? written.map((p) => p.toUpperCase()) : written;
  const name = parts[parts.length - 1];
  const schema = parts.length >= 2 ? parts[parts.length - 2] : scope.schema;
  const database = parts.length === 3 ? parts[0] : scope.database;
  if (name === undefined || !schema || !database) return undefined;
  return directory.object({ database, schema, name }, "FUNCTION");
}

/** The session's scope for `udfObject`: its current database and schema, its identifier rule. */
export function sessionUdfScope(state: SessionState) {
  return {
    database: state.database,
    schema: state.schema,
    fold: /^true$/i.test(state.parameters.QUOTED_IDENTIFIERS_IGNORE_CASE ?? ""),
  };
}

/** A name names a UDF when the catalog has a FUNCTION of that name in the session's scope. */
export function udfLookup(directory: Directory, state: SessionState): UdfLookup {
  const scope = sessionUdfScope(state);
  return (written) => {
    const udf = udfObject(directory, written, scope);
    if (udf === undefined) return undefined;
    // Only SQL UDFs have a body the engine runs (a DuckDB macro); say so rather than "unknown function".
    const language = (udf.properties as { language?: string }).language ?? "SQL";
    // A JavaScript UDF runs through its macro (javascript/udf-macro.ts) when its types map.
    const runnable =
      language === "SQL" || (language === "JAVASCRIPT" && udf.properties.javascriptMacro === true);
    if (!runnable) {
      throw sfErrors.unsupported(
        `calling a ${language} user-defined function (${udf.name}) in the local engine`,
      );
    }
    const returns = udf.properties.returns;
    const table = typeof returns === "string" && /^\s*TABLE\s*\(/i.test(returns);
    return {
      database: udf.database,
      schema: udf.schema,
      name: udf.name,
      table,
      ...(typeof returns === "string" ? { returns } : {}),
    };
  };
}
