/** CREATE / ALTER / DROP [SECURE | MATERIALIZED] VIEW. */
import { isScanRelation } from "../result-scan.js";
import { bindViewScans, pointViewScans, viewScanBody } from "../view-result-scans.js";
import { type InlineMask, setInlineMasks } from "./inline-masks.js";
import { stripStatement } from "../classify.js";
import { Cursor } from "../cursor.js";
import { SnowflakeError, sfErrors } from "../errors.js";
import { displayName, duckRelation, encodeName, quoteDuck } from "../identifiers.js";
import { META_SCHEMA, type ObjectKind } from "../metadata.js";
import { type HandlerOutput, STATEMENT_OK, statusResult } from "../result.js";
import type { StatementContext } from "../session.js";
import {
  authorise,
  duckString,
  insertColumnRows,
  insertObjectRow,
  notifyCreated,
  notifyReplaced,
  runDdl,
} from "./ddl.js";
import { resultHints } from "../result-types.js";
import { authoriseRelations, translateCached } from "./query.js";
import { expandStreamReferences } from "../streams/references.js";
import {
  attachPolicy,
  derivedColumns,
  display,
  dropRelation,
  dropRelationStatement,
  readTableOptions,
  resolveParts,
  target,
} from "./relations.js";

async function createView(ctx: StatementContext, c: Cursor): Promise<HandlerOutput> {
  const directory = ctx.engine.directory;
  c.expect("CREATE");
  const orReplace = c.accept("OR", "REPLACE");
  let secure = false;
  let materialized = false;
  for (;;) {
    if (c.accept("SECURE")) secure = true;
    else if (c.accept("MATERIALIZED")) materialized = true;
    else if (
      c.accept("RECURSIVE") ||
      c.accept("LOCAL") ||
      c.accept("TEMPORARY") ||
      c.accept("TEMP") ||
      c.accept("VOLATILE")
    )
      continue;
    else break;
  }
  c.expect("VIEW");
  const ifNotExists = c.accept("IF", "NOT", "EXISTS");
  const name = target(
    ctx,
    c.qualifiedName().map((p) => p.name),
  );
  const columnNames: string[] = [];
  const columnComments = new Map<string, string>();
  const viewMasks: InlineMask[] = [];
  if (c.peek()?.kind === "punct" && c.text() === "(") {
    const inner = new Cursor(c.group());
    while (!inner.done) {
      const col = inner.namePart().name;
      columnNames.push(col);
      if (inner.accept("WITH", "MASKING", "POLICY") || inner.accept("MASKING", "POLICY")) {
        const from = inner.pos;
        inner.qualifiedName();
        if (inner.accept("USING")) inner.group();
        viewMasks.push({ column: col, clause: inner.sliceFrom(from) });
      }
      if (inner.accept("COMMENT")) columnComments.set(col, inner.string());
      if (!inner.acceptPunct(",") && !inner.done) inner.fail();
    }
  }
  const options = readTableOptions(c);
  if (options.query === null) c.fail();
  const existing = directory.relation(name);
  if (existing && ifNotExists) return statusResult(`${name.name} already exists, statement succeeded.`);
  const kind: ObjectKind = materialized ? "MATERIALIZED VIEW" : "VIEW";
  if (existing && (!orReplace || existing.kind !== kind))
    throw sfErrors.alreadyExists(displayName(name.name));
  // CREATE on the new object's type and name: the catalog checks CREATE VIEW on its schema.
  await authorise(ctx, "VIEW", name, "CREATE");
  // OR REPLACE drops the view it replaces: OWNERSHIP of it.
  if (existing) await authorise(ctx, "VIEW", name, "DROP");
  // RESULT_SCAN in a view is read when the view is (view-result-scans.ts); bound now to compile it.
  const { sql: body, scans } = viewScanBody(options.query);
  // A stream's rows are its changes when the view is read: a view body cannot hold them.
  if (
    expandStreamReferences(body, 0, ctx.engine.directory, (n) => ctx.session.resolveWritten(n)).clauses
      .length > 0
  )
    throw sfErrors.unsupported(
      "a view over a stream: the local engine reads streams in queries and DML only; query the stream directly",
    );
  if (scans.length > 0) await bindViewScans(scans, ctx.session.recent, ctx.connection);
  const compiled = translateCached(ctx, body);
  const translation =
    scans.length === 0
      ? compiled
      : {
          ...compiled,
          duckSql: pointViewScans(compiled.duckSql, scans),
          relations: compiled.relations.filter((r) => !isScanRelation(r.name.database)),
        };
  for (const r of translation.relations) {
    if (!directory.relation(r.name)) throw sfErrors.objectDoesNotExist(display(r.name));
  }
  // The view's owner reads its sources when others query it: SELECT on each, as Snowflake asks.
  await authoriseRelations({ ...ctx, sql: options.query }, translation, "SELECT", "REFERENCE");
  const rel = duckRelation(name.database, name.schema, name.name);
  const list =
    columnNames.length > 0 ? ` (${columnNames.map((n) => quoteDuck(encodeName(n))).join(", ")})` : "";
  await runDdl(ctx, async (conn) => {
    if (existing) await dropRelation(ctx, conn, name);
    await conn.run(`CREATE VIEW ${rel}${list} AS ${translation.duckSql}`);
    await insertObjectRow(conn, {
      name,
      kind,
      duckName: encodeName(name.name),
      secure,
      text: stripStatement(ctx.original),
      comment: options.comment,
      clusterBy: options.clusterBy,
      owner: ctx.session.stateValue.role,
      // CHANGE_TRACKING = TRUE on a view (SHOW VIEWS change_tracking ON), as tables keep it.
      properties: {
        ...(options.changeTracking ? { changeTracking: true } : {}),
        ...(scans.length > 0 ? { resultScans: scans } : {}),
      },
    });
    const sourceTypes = directory.columnTypeLookup(translation.relations.map((r) => r.name));
    // The SELECT list's own types (as a query's result metadata has them) keep declared lengths
    // through aliases and expressions (`lname "Last Name"` stays VARCHAR(50)); then same-name sources.
    const hints = resultHints(translation.ast);
    const inferred = translation.resultTypes;
    const declared = (column: string, position: number): string | undefined => {
      const item = inferred?.[position];
      const itemType = item && !item.isNull ? item.type.sqlType : undefined;
      return itemType ?? hints?.[position]?.sqlType ?? sourceTypes(column);
    };
    await insertColumnRows(conn, name, await derivedColumns(conn, name, columnComments, declared));
  });
  if (existing) await notifyReplaced(ctx, kind, name, { copyGrants: options.copyGrants });
  else await notifyCreated(ctx, kind, name);
  if (options.rowAccessPolicy) await attachPolicy(ctx, "VIEW", name, options.rowAccessPolicy);
  await setInlineMasks(ctx, "VIEW", name, viewMasks);
  return statusResult(`${materialized ? "Materialized view" : "View"} ${name.name} successfully created.`);
}

async function alterView(ctx: StatementContext, c: Cursor): Promise<HandlerOutput> {
  c.expect("ALTER");
  const materialized = c.accept("MATERIALIZED");
  c.expect("VIEW");
  const ifExists = c.accept("IF", "EXISTS");
  const name = resolveParts(
    ctx,
    c.qualifiedName().map((p) => p.name),
  );
  const directory = ctx.engine.directory;
  const existing = directory.relation(name);
  if (!existing || existing.kind === "TABLE") {
    if (ifExists) return statusResult(STATEMENT_OK);
    throw new SnowflakeError(
      "002003",
      "02000",
      `SQL compilation error:\nView '${display(name)}' does not exist or not authorized.`,
    );
  }
  void materialized;
  if (/\b(ROW\s+ACCESS\s+POLICY|MASKING\s+POLICY|TAG)\b/i.test(ctx.sql)) {
    const handled = await ctx.engine.catalog.tryExecute(ctx.session.hookContext(), ctx.sql);
    if (handled) return { kind: handled.kind, columns: handled.columns, rows: handled.rows };
    return statusResult(STATEMENT_OK);
  }
  await authorise(ctx, "VIEW", name, "ALTER");
  const objectWhere = `database_name = ${duckString(name.database)} AND schema_name = ${duckString(name.schema)} AND name = ${duckString(name.name)} AND kind = ${duckString(existing.kind)}`;
  if (c.accept("RENAME", "TO")) {
    const to = target(
      ctx,
      c.qualifiedName().map((p) => p.name),
    );
    if (to.database !== name.database || to.schema !== name.schema)
      throw sfErrors.unsupported("ALTER VIEW RENAME TO another schema");
    if (directory.relation(to)) throw sfErrors.alreadyExists(displayName(to.name));
    await runDdl(ctx, async (conn) => {
      await conn.run(
        `ALTER VIEW ${duckRelation(name.database, name.schema, name.name)} RENAME TO ${quoteDuck(encodeName(to.name))}`,
      );
      await conn.run(
        `UPDATE ${META_SCHEMA}.objects SET name = ${duckString(to.name)}, duck_name = ${duckString(encodeName(to.name))} WHERE ${objectWhere}`,
      );
      await conn.run(
        `UPDATE ${META_SCHEMA}.columns SET table_name = ${duckString(to.name)} WHERE database_name = ${duckString(name.database)} AND schema_name = ${duckString(name.schema)} AND table_name = ${duckString(name.name)}`,
      );
    });
    await ctx.engine.catalog.onObjectRenamed(ctx.session.hookContext(), "VIEW", name, to);
    return statusResult(STATEMENT_OK);
  }
  const sets: string[] = [];
  if (c.accept("SET", "SECURE")) sets.push("is_secure = true");
  else if (c.accept("UNSET", "SECURE")) sets.push("is_secure = false");
  else if (c.accept("SET")) {
    const options = readTableOptions(c);
    sets.push(`comment = ${duckString(options.comment)}`);
  } else if (c.accept("UNSET")) {
    if (/COMMENT/i.test(c.rest())) sets.push("comment = NULL");
  } else throw sfErrors.unsupported(`ALTER VIEW ${c.rest().split(/\s+/).slice(0, 2).join(" ")}`);
  if (sets.length > 0)
    await runDdl(ctx, (conn) =>
      conn.run(`UPDATE ${META_SCHEMA}.objects SET ${sets.join(", ")} WHERE ${objectWhere}`),
    );
  return statusResult(STATEMENT_OK);
}

export async function handleView(ctx: StatementContext): Promise<HandlerOutput> {
  const c = new Cursor(ctx.sql);
  switch (ctx.words[0]) {
    case "CREATE":
      return createView(ctx, c);
    case "DROP": {
      c.expect("DROP");
      const materialized = c.accept("MATERIALIZED");
      c.expect("VIEW");
      return dropRelationStatement(ctx, c, materialized ? "MATERIALIZED VIEW" : "VIEW");
    }
    case "ALTER":
      return alterView(ctx, c);
    default:
      throw sfErrors.unsupported(`${ctx.words.slice(0, 2).join(" ")} (time travel is not emulated)`);
  }
}
