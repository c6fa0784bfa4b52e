/**
 * The session's view of user-defined functions, for the function check (functions/check.ts).
 */
import type { Directory } from "./directory.js";
import type { UdfLookup } from "./functions/check.js";
import type { SessionState } from "./types.js";

/**
 * A name of 1 to 3 parts is resolved against the current database and schema, where DuckDB's
 * search path finds the UDF macros; it names a UDF when the catalog has a FUNCTION of that name.
 */
export function udfLookup(directory: Directory, state: SessionState): UdfLookup {
  const fold = /^true$/i.test(state.parameters.QUOTED_IDENTIFIERS_IGNORE_CASE ?? "");
  return (written) => {
    const parts = fold ? written.map((p) => p.toUpperCase()) : written;
    const name = parts[parts.length - 1];
    const schema = parts.length >= 2 ? parts[parts.length - 2] : state.schema;
    const database = parts.length === 3 ? parts[0] : state.database;
    if (name === undefined || !schema || !database) return false;
    return directory.object({ database, schema, name }, "FUNCTION") !== undefined;
  };
}
