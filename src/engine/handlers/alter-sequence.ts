/**
 * ALTER SEQUENCE: RENAME TO, [SET] INCREMENT [BY] [=] n, SET COMMENT / ORDER / NOORDER, UNSET COMMENT.
 * DuckDB cannot rename a sequence or change its step, so both recreate it at the value NEXTVAL would
 * have given next; the metadata row follows (SHOW SEQUENCES reads its start, interval and name).
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Cursor } from "../cursor.js";
import { sfErrors } from "../errors.js";
import { displayName, duckSchemaName, encodeName, quoteDuck } from "../identifiers.js";
import { META_SCHEMA } from "../metadata.js";
import { type HandlerOutput, STATEMENT_OK, statusResult } from "../result.js";
import type { StatementContext } from "../session.js";
import type { QualifiedName } from "../hooks.js";
import { duckString, runDdl } from "./ddl.js";
import { target } from "./relations.js";

function duckSequence(name: QualifiedName): string {
  return `${quoteDuck(duckSchemaName(name.database, name.schema))}.${quoteDuck(encodeName(name.name))}`;
}

function objectWhere(name: QualifiedName): string {
  return `database_name = ${duckString(name.database)} AND schema_name = ${duckString(name.schema)} AND name = ${duckString(name.name)} AND kind = 'SEQUENCE'`;
}

/** The value the next NEXTVAL gives, and the current step. */
async function nextState(
  conn: DuckDBConnection,
  name: QualifiedName,
): Promise<{ next: bigint; step: bigint }> {
  const reader = await conn.runAndReadAll(
    `SELECT start_value, increment_by, last_value FROM duckdb_sequences() WHERE schema_name = ${duckString(duckSchemaName(name.database, name.schema))} AND sequence_name = ${duckString(encodeName(name.name))}`,
  );
  const [start, step, last] = (reader.getRows()[0] ?? [1n, 1n, null]) as [bigint, bigint, bigint | null];
  return { next: last === null ? BigInt(start) : BigInt(last) + BigInt(step), step: BigInt(step) };
}

/** Recreates the DuckDB sequence as `to` starting at the next value, with `step`. */
async function recreate(
  conn: DuckDBConnection,
  from: QualifiedName,
  to: QualifiedName,
  step: bigint | null,
): Promise<void> {
  const state = await nextState(conn, from);
  const increment = step ?? state.step;
  await conn.run(`DROP SEQUENCE ${duckSequence(from)}`);
  await conn.run(`CREATE SEQUENCE ${duckSequence(to)} START ${state.next} INCREMENT ${increment}`);
  const patch = JSON.stringify({ start: Number(state.next), increment: Number(increment) });
  await conn.run(
    `UPDATE ${META_SCHEMA}.objects SET database_name = ${duckString(to.database)}, schema_name = ${duckString(to.schema)}, name = ${duckString(to.name)}, duck_name = ${duckString(encodeName(to.name))}, properties = json_merge_patch(coalesce(properties, '{}'::JSON), ${duckString(patch)}::JSON) WHERE ${objectWhere(from)}`,
  );
}

/** Runs the ALTER SEQUENCE clause after the name (`c` is just past it). */
export async function alterSequence(
  ctx: StatementContext,
  c: Cursor,
  name: QualifiedName,
): Promise<HandlerOutput> {
  if (c.accept("RENAME", "TO")) {
    const to = target(
      ctx,
      c.qualifiedName().map((p) => p.name),
    );
    if (!c.done) c.fail();
    const directory = ctx.engine.directory;
    if (!directory.schema(to.database, to.schema))
      throw sfErrors.objectDoesNotExist(`${to.database}.${to.schema}`);
    if (directory.object(to, "SEQUENCE")) throw sfErrors.alreadyExists(displayName(to.name));
    await runDdl(ctx, (conn) => recreate(conn, name, to, null));
    await ctx.engine.catalog.onObjectRenamed(ctx.session.hookContext(), "SEQUENCE", name, to);
    return statusResult(STATEMENT_OK);
  }
  if (c.accept("UNSET")) {
    c.expect("COMMENT");
    if (!c.done) c.fail();
    await runDdl(ctx, (conn) =>
      conn.run(`UPDATE ${META_SCHEMA}.objects SET comment = NULL WHERE ${objectWhere(name)}`),
    );
    return statusResult(STATEMENT_OK);
  }
  c.accept("SET");
  let step: bigint | null = null;
  let comment: string | null | undefined;
  while (!c.done) {
    if (c.accept("INCREMENT")) {
      c.accept("BY");
      c.acceptPunct("=");
      const negative = c.acceptPunct("-");
      const value = BigInt(c.take());
      if (value === 0n) throw sfErrors.syntax(1, 0, "0");
      step = negative ? -value : value;
    } else if (c.accept("COMMENT")) {
      c.acceptPunct("=");
      comment = c.string();
    } else if (!c.accept("ORDER") && !c.accept("NOORDER")) c.fail();
    c.acceptPunct(",");
  }
  await runDdl(ctx, async (conn) => {
    if (step !== null) await recreate(conn, name, name, step);
    if (comment !== undefined)
      await conn.run(
        `UPDATE ${META_SCHEMA}.objects SET comment = ${duckString(comment)} WHERE ${objectWhere(name)}`,
      );
  });
  return statusResult(STATEMENT_OK);
}
