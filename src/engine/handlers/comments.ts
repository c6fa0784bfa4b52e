/** COMMENT ON databases, schemas, columns and schema objects; account objects go to the catalog. */
import { classify } from "../classify.js";
import { Cursor } from "../cursor.js";
import { sfErrors } from "../errors.js";
import { displayName, displayQualified } from "../identifiers.js";
import { META_SCHEMA, type ObjectKind } from "../metadata.js";
import { type HandlerOutput, STATEMENT_OK, statusResult } from "../result.js";
import type { StatementContext } from "../session.js";
import { authorise, duckString, runDdl } from "./ddl.js";

/** The object type the authorise step knows each commented kind by. */
const AUTHORISED_AS: Record<string, Parameters<typeof authorise>[1]> = {
  TABLE: "TABLE",
  VIEW: "VIEW",
  "MATERIALIZED VIEW": "VIEW",
  SEQUENCE: "SEQUENCE",
  "FILE FORMAT": "FILE FORMAT",
  STAGE: "STAGE",
  PROCEDURE: "PROCEDURE",
  FUNCTION: "FUNCTION",
};
import { display, resolveParts } from "./relations.js";

export async function handleComment(ctx: StatementContext): Promise<HandlerOutput> {
  // Comments on account objects (warehouse, role, user, monitor, task, policy) are the catalog's.
  const handled = await ctx.engine.catalog.tryExecute(ctx.session.hookContext(), ctx.sql);
  if (handled) return { kind: handled.kind, columns: handled.columns, rows: handled.rows };
  const c = new Cursor(ctx.sql);
  c.expect("COMMENT");
  const ifExists = c.accept("IF", "EXISTS");
  c.expect("ON");
  const kindWord = c.take().toUpperCase();
  let kind = kindWord;
  if (kindWord === "MATERIALIZED") {
    c.expect("VIEW");
    kind = "MATERIALIZED VIEW";
  }
  const parts = c.qualifiedName().map((p) => p.name);
  c.expect("IS");
  const text = c.string();
  const directory = ctx.engine.directory;
  if (kind === "DATABASE") {
    const db = parts[0] as string;
    if (!directory.database(db)) throw sfErrors.databaseDoesNotExist(displayName(db));
    await authorise(ctx, "DATABASE", { database: db, schema: db, name: db }, "ALTER");
    await runDdl(ctx, (conn) =>
      conn.run(
        `UPDATE ${META_SCHEMA}.databases SET comment = ${duckString(text)} WHERE name = ${duckString(db)}`,
      ),
    );
    return statusResult(STATEMENT_OK);
  }
  if (kind === "SCHEMA") {
    const database = parts.length === 2 ? (parts[0] as string) : ctx.session.stateValue.database;
    if (database === null) throw sfErrors.noCurrentDatabase();
    const schema = parts[parts.length - 1] as string;
    if (!directory.schema(database, schema))
      throw sfErrors.schemaDoesNotExist(displayQualified(database, schema));
    await authorise(ctx, "SCHEMA", { database, schema, name: schema }, "ALTER");
    await runDdl(ctx, (conn) =>
      conn.run(
        `UPDATE ${META_SCHEMA}.schemas SET comment = ${duckString(text)} WHERE database_name = ${duckString(database)} AND name = ${duckString(schema)}`,
      ),
    );
    return statusResult(STATEMENT_OK);
  }
  if (kind === "COLUMN") {
    const column = parts.pop() as string;
    const table = resolveParts(ctx, parts);
    const relation = directory.relation(table);
    if (!relation) throw sfErrors.objectDoesNotExist(display(table));
    await authorise(ctx, relation.kind === "TABLE" ? "TABLE" : "VIEW", table, "ALTER");
    if (!directory.columnsOf(table).some((col) => col.name === column))
      throw sfErrors.invalidIdentifier(displayName(column));
    await runDdl(ctx, (conn) =>
      conn.run(
        `UPDATE ${META_SCHEMA}.columns SET comment = ${duckString(text)} WHERE database_name = ${duckString(table.database)} AND schema_name = ${duckString(table.schema)} AND table_name = ${duckString(table.name)} AND name = ${duckString(column)}`,
      ),
    );
    return statusResult(STATEMENT_OK);
  }
  const name = resolveParts(ctx, parts);
  const objectKind =
    (kind === "TABLE" || kind === "VIEW" || kind === "MATERIALIZED VIEW"
      ? directory.relation(name)?.kind
      : directory.object(name, kind as ObjectKind)?.kind) ?? null;
  if (objectKind === null) {
    if (ifExists) return statusResult(STATEMENT_OK);
    // Account objects (warehouses, roles, …) belong to the catalog.
    const handled = await ctx.engine.catalog.tryExecute(ctx.session.hookContext(), ctx.sql);
    if (handled) return { kind: handled.kind, columns: handled.columns, rows: handled.rows };
    throw sfErrors.objectDoesNotExist(display(name));
  }
  // COMMENT changes the object: OWNERSHIP, as ALTER needs.
  await authorise(ctx, AUTHORISED_AS[objectKind] ?? "TABLE", name, "ALTER");
  await runDdl(ctx, (conn) =>
    conn.run(
      `UPDATE ${META_SCHEMA}.objects SET comment = ${duckString(text)} WHERE database_name = ${duckString(name.database)} AND schema_name = ${duckString(name.schema)} AND name = ${duckString(name.name)} AND kind = ${duckString(objectKind)}`,
    ),
  );
  void classify;
  return statusResult(STATEMENT_OK);
}
