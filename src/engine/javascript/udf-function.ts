/**
 * `merc_javascript_udf(definition, arg…)`: the DuckDB scalar function every JavaScript UDF's macro
 * calls (udf-macro.ts). The first argument is the UDF's definition (JSON text, a constant of the
 * macro); the others are the row's arguments as text. It answers the body's result as text, which
 * the macro casts to the declared return type. Users cannot call it: the function check refuses
 * any name the Snowflake reference does not list.
 */
import { DuckDBScalarFunction, VARCHAR } from "../duckdb.js";
import { SnowflakeError } from "../errors.js";
import { canonicalJsonText } from "../functions/json.js";
import type { SandboxLimits } from "./sandbox.js";
import { compiledUdf, forgetUdf, UdfError, type UdfDefinition } from "./udf-runtime.js";

export const JAVASCRIPT_UDF_FUNCTION = "merc_javascript_udf";
/** A table function's: the same, answering the rows processRow() wrote as JSON (`[["a", null]]`). */
export const JAVASCRIPT_UDTF_FUNCTION = "merc_javascript_udtf";

/** Where the body failed: the line a stack frame of `name` names, and where its statement starts. */
function failingLine(
  stack: string,
  name: string,
  body: string,
): { line: number; text: string; position: number } {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const frame = new RegExp(`${escaped}:(\\d+)`).exec(stack);
  const line = frame ? Number(frame[1]) : 1;
  const text = body.split("\n")[line - 1] ?? "";
  return { line, text, position: text.length - text.trimStart().length };
}

/** Snowflake's message for a JavaScript UDF that failed (the bracket is read by error-map.ts). */
function udfErrorMessage(definition: UdfDefinition, error: UdfError): string {
  const name = definition.name;
  if (error.kind === "memory")
    return "[snowflake 100132 P0000] JavaScript out of memory error: UDF thread memory limit exceeded";
  if (error.kind === "timeout")
    return `[snowflake 100132 P0000] JavaScript execution error: ${name} exceeded the local engine's JavaScript time limit and was stopped.`;
  const where = failingLine(error.stack_, name, definition.body);
  const thrown = error.errorName === null ? error.message : `${error.errorName}: ${error.message}`;
  return `[snowflake 100132 P0000] JavaScript execution error: Uncaught ${thrown} in ${name} at '${where.text.trim()}' position ${where.position}\nstackstrace: \n${name} line: ${where.line}`;
}

/**
 * Runs a table function's handler over one partition's rows (udtf-partitions.ts) in the engine's
 * limits: the written rows, each with the index of the row that wrote it (-1: finalize()). A failure
 * is Snowflake's error for it, and the compiled function is dropped.
 */
export function runTablePartition(
  definition: UdfDefinition,
  limits: SandboxLimits,
  rows: (string | null)[][],
  consts: boolean[],
): [number, ...(string | null)[]][] {
  const definitionJson = JSON.stringify(definition);
  try {
    return compiledUdf(definitionJson, limits).runPartition(rows, consts);
  } catch (error) {
    forgetUdf(definitionJson, limits);
    if (!(error instanceof UdfError)) throw error;
    const raised = /^\[snowflake (\d{6}) ([0-9A-Z]{5})\] ([\s\S]*)$/.exec(udfErrorMessage(definition, error));
    if (raised === null) throw error;
    throw new SnowflakeError(raised[1] as string, raised[2] as string, raised[3] as string);
  }
}

/** The scalar function, registered on each engine's DuckDB instance with that engine's limits. */
export function javascriptUdfFunction(limits: SandboxLimits, table = false): DuckDBScalarFunction {
  return DuckDBScalarFunction.create({
    name: table ? JAVASCRIPT_UDTF_FUNCTION : JAVASCRIPT_UDF_FUNCTION,
    parameterTypes: [VARCHAR],
    varArgsType: VARCHAR,
    specialHandling: true,
    volatile: true,
    returnType: VARCHAR,
    mainFunction: (info, input, output) => {
      const vectors = Array.from({ length: input.columnCount }, (_, i) => input.getColumnVector(i));
      let definitionJson = "";
      try {
        for (let row = 0; row < input.rowCount; row++) {
          definitionJson = String(vectors[0]?.getItem(row));
          const udf = compiledUdf(definitionJson, limits);
          const args = vectors.slice(1).map((v) => {
            const item = v.getItem(row);
            return item === null ? null : String(item);
          });
          if (table) {
            // A call the engine could not give its partition (inside a view or a function's body):
            // each input row is a partition of its own, which Snowflake's implicit partitioning allows.
            const written = udf.runPartition(
              [args],
              args.map(() => false),
            );
            output.setItem(row, JSON.stringify(written.map((cells) => cells.slice(1))));
            continue;
          }
          const result = udf.run(args);
          output.setItem(
            row,
            result !== null && udf.definition.returns === "json" ? canonicalJsonText(result) : result,
          );
        }
        output.flush();
      } catch (error) {
        forgetUdf(definitionJson, limits);
        if (error instanceof UdfError) {
          // error-map.ts reads one line: the message's own line breaks travel as U+2028.
          info.setError(
            udfErrorMessage(JSON.parse(definitionJson) as UdfDefinition, error).replaceAll("\n", "\u2028"),
          );
          return;
        }
        info.setError(error instanceof Error ? error.message : String(error));
      }
    },
  });
}
