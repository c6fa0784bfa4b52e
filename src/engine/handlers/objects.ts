/** Tables, views, other schema objects (sequences, stages, file formats, routines) and COMMENT ON. */
import type { DuckDBConnection } from "@duckdb/node-api";
import { Dialect, generateDataType } from "@polyglot-sql/sdk";
import { classify, stripStatement } from "../classify.js";
import { Cursor } from "../cursor.js";
import { SnowflakeError, sfErrors } from "../errors.js";
import type { QualifiedName } from "../hooks.js";
import {
  displayName,
  displayQualified,
  duckRelation,
  duckSchemaName,
  encodeName,
  normaliseIdentifier,
  quoteDuck,
} from "../identifiers.js";
import { objectKey } from "../directory.js";
import { META_SCHEMA, type ObjectKind } from "../metadata.js";
import { isIdent, qualify } from "../resolve.js";
import { finishNextval, rewriteNextval } from "../sequences.js";
import { type HandlerOutput, STATEMENT_OK, statusResult } from "../result.js";
import type { StatementContext } from "../session.js";
import { checkFunctionCalls } from "../functions/check.js";
import { parseStatement, printSnowflake, toDuck, translateStatement } from "../translate.js";
import { fromDuckType, parseSnowflakeType, type SnowflakeType } from "../types-map.js";
import {
  authorise,
  type ColumnRow,
  deleteObjectRows,
  duckString,
  insertColumnRows,
  insertObjectRow,
  notifyCreated,
  notifyReplaced,
  notifyDropped,
  runDdl,
} from "./ddl.js";
import { translateCached } from "./query.js";
import { udfLookup } from "../udf-lookup.js";

/** Resolves a written name against the session, checking the schema exists. */
function target(ctx: StatementContext, parts: string[]): QualifiedName {
  if (parts.length > 3) throw sfErrors.invalidIdentifier(parts.join("."));
  const name = parts[parts.length - 1] as string;
  const schema = parts.length >= 2 ? (parts[parts.length - 2] as string) : null;
  const database = parts.length === 3 ? (parts[0] as string) : null;
  const qn = qualify({ database, schema, name }, ctx.session.stateValue);
  const directory = ctx.engine.directory;
  if (!directory.database(qn.database)) throw sfErrors.databaseDoesNotExist(displayName(qn.database));
  if (!directory.schema(qn.database, qn.schema))
    throw sfErrors.schemaDoesNotExist(displayQualified(qn.database, qn.schema));
  return qn;
}

const display = (n: QualifiedName): string => displayQualified(n.database, n.schema, n.name);

/** DuckDB's column names and types of a relation, in order. */
async function duckColumns(
  connection: DuckDBConnection,
  name: QualifiedName,
): Promise<{ name: string; type: SnowflakeType | null; duckType: string; nullable: boolean }[]> {
  const reader = await connection.runAndReadAll(
    `SELECT column_name, data_type, is_nullable FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = ${duckString(duckSchemaName(name.database, name.schema))} AND table_name = ${duckString(encodeName(name.name))} ORDER BY column_index`,
  );
  return reader.getRows().map((r) => {
    const duckType = String(r[1]);
    const mapped = fromDuckType(duckType, duckType === "JSON" ? "JSON" : undefined);
    return {
      name: String(r[0]),
      duckType,
      type: parseSnowflakeType(mapped.sqlType),
      nullable: r[2] === true,
    };
  });
}

/** Metadata rows for a relation's columns as DuckDB has them (CTAS, views). */
async function derivedColumns(
  connection: DuckDBConnection,
  name: QualifiedName,
  comments: Map<string, string> = new Map(),
  declared: (column: string) => string | undefined = () => undefined,
): Promise<ColumnRow[]> {
  const { decodeName } = await import("../identifiers.js");
  return (await duckColumns(connection, name)).map((c) => {
    const sfName = decodeName(c.name);
    return {
      name: sfName,
      dataType: preferDeclared(c.type, declared(sfName)),
      nullable: c.nullable,
      defaultValue: null,
      comment: comments.get(sfName) ?? null,
    };
  });
}

/**
 * The declared type of a source column with the same name (VARCHAR(10) rather than DuckDB's
 * VARCHAR, OBJECT rather than JSON), when it is of the same family as what DuckDB reports.
 */
function preferDeclared(derived: SnowflakeType | null, declaredText: string | undefined): string {
  const fallback = derived?.sqlType ?? "VARCHAR(16777216)";
  const declared = declaredText === undefined ? null : parseSnowflakeType(declaredText);
  if (declared === null || derived === null) return fallback;
  const same =
    declared.type === derived.type ||
    (derived.type === "variant" && (declared.type === "object" || declared.type === "array")) ||
    (derived.type === "timestamp_ltz" && declared.type === "timestamp_tz");
  if (!same) return fallback;
  if (declared.type === "fixed" && declared.scale !== derived.scale) return fallback;
  return declared.sqlType;
}

/** Drops whatever relation holds `name` in DuckDB and its metadata rows. */
async function dropRelation(
  ctx: StatementContext,
  connection: DuckDBConnection,
  name: QualifiedName,
): Promise<void> {
  const existing = ctx.engine.directory.relation(name);
  if (!existing) return;
  const rel = duckRelation(name.database, name.schema, name.name);
  await connection.run(
    existing.kind === "TABLE" ? `DROP TABLE IF EXISTS ${rel}` : `DROP VIEW IF EXISTS ${rel}`,
  );
  await deleteObjectRows(connection, name, existing.kind);
}

// ---------------------------------------------------------------------------------------------
// Tables

interface TableOptions {
  clusterBy: string | null;
  comment: string | null;
  like: string[] | null;
  clone: string[] | null;
  query: string | null;
  rowAccessPolicy: string | null;
  /** COPY GRANTS: a replaced object's privileges pass to the new one. */
  copyGrants: boolean;
}

/** Reads the clauses after a table's name and column list, up to `AS <query>`. */
function readTableOptions(c: Cursor): TableOptions {
  const options: TableOptions = {
    clusterBy: null,
    comment: null,
    like: null,
    clone: null,
    query: null,
    rowAccessPolicy: null,
    copyGrants: false,
  };
  while (!c.done) {
    if (c.accept("CLUSTER", "BY")) {
      const inner = c.group();
      options.clusterBy = `LINEAR(${inner.trim()})`;
      continue;
    }
    if (c.accept("LIKE")) {
      options.like = c.qualifiedName().map((p) => p.name);
      continue;
    }
    if (c.accept("CLONE")) {
      options.clone = c.qualifiedName().map((p) => p.name);
      if (c.accept("AT") || c.accept("BEFORE")) c.group();
      continue;
    }
    if (c.accept("COPY", "GRANTS")) {
      options.copyGrants = true;
      continue;
    }
    if (c.accept("WITH", "ROW", "ACCESS", "POLICY") || c.accept("ROW", "ACCESS", "POLICY")) {
      const from = c.pos;
      c.qualifiedName();
      c.expect("ON");
      c.group();
      options.rowAccessPolicy = c.sliceFrom(from);
      continue;
    }
    if (c.accept("WITH", "TAG") || c.accept("TAG")) {
      c.group();
      continue;
    }
    if (c.accept("AS")) {
      options.query = c.rest();
      continue;
    }
    if (c.accept("WITH")) continue;
    const key = c.namePart().name.toUpperCase();
    if (!c.acceptPunct("=")) c.fail();
    const t = c.peek();
    if (t?.kind === "punct" && c.text(t) === "(") c.group();
    else {
      const value = t?.kind === "string" ? c.string() : c.take();
      if (key === "COMMENT") options.comment = value;
    }
    c.acceptPunct(",");
  }
  return options;
}

let selectTemplate: Record<string, unknown> | null = null;

/** Snowflake SQL text of an expression node (for column defaults). */
function expressionText(node: unknown): string {
  if (selectTemplate === null) selectTemplate = parseStatement("SELECT 1");
  const copy = JSON.parse(JSON.stringify(selectTemplate)) as { select: { expressions: unknown[] } };
  copy.select.expressions = [node];
  return printSnowflake(copy as unknown as Record<string, unknown>).replace(/^SELECT\s+/i, "");
}

interface ColumnDefinition extends ColumnRow {
  duckType: string;
  autoIncrement: { start: string; increment: string } | null;
}

/** Column definitions of `CREATE TABLE x (<defs>)`, via the transpiler's parser. */
function columnDefinitions(defs: string): ColumnDefinition[] {
  const ast = parseStatement(`CREATE TABLE x (${defs})`) as {
    create_table?: { columns?: Record<string, unknown>[] };
  };
  const columns = ast.create_table?.columns ?? [];
  return columns.map((col) => {
    const nameNode = col.name;
    if (!isIdent(nameNode)) throw sfErrors.syntax(1, 0, "");
    const name = normaliseIdentifier(nameNode.name, nameNode.quoted);
    const generated = generateDataType(col.data_type as never, Dialect.Snowflake);
    const written = generated.success && generated.sql ? generated.sql : "VARCHAR";
    const type = parseSnowflakeType(written);
    if (type === null) {
      throw new SnowflakeError(
        "002040",
        "42601",
        `SQL compilation error:\nUnsupported data type '${written}'.`,
      );
    }
    const order = (col.constraint_order as string[] | undefined) ?? [];
    const nullable = !(col.nullable === false || order.includes("NotNull") || col.primary_key === true);
    const constraints = (col.constraints as Record<string, unknown>[] | undefined) ?? [];
    const commentConstraint = constraints.find((k) => typeof k.Comment === "string");
    const comment =
      typeof col.comment === "string"
        ? col.comment
        : ((commentConstraint?.Comment as string | undefined) ?? null);
    const defaultValue = col.default ? expressionText(col.default) : null;
    const autoIncrement = col.auto_increment
      ? {
          start: col.auto_increment_start ? expressionText(col.auto_increment_start) : "1",
          increment: col.auto_increment_increment ? expressionText(col.auto_increment_increment) : "1",
        }
      : null;
    return {
      name,
      dataType: type.sqlType,
      nullable,
      defaultValue,
      comment,
      duckType: type.duckType,
      autoIncrement,
    };
  });
}

/** DuckDB SQL for a default expression written in Snowflake SQL. */
function duckDefault(ctx: StatementContext, expression: string): string {
  checkFunctionCalls(`SELECT ${expression}`, udfLookup(ctx.engine.directory, ctx.session.stateValue));
  const state = ctx.session.stateValue;
  const text = rewriteNextval(`SELECT ${expression}`, { database: state.database, schema: state.schema });
  return finishNextval(toDuck(text, ctx.engine.functions)).replace(/^SELECT\s+/i, "");
}

async function createTable(ctx: StatementContext, c: Cursor): Promise<HandlerOutput> {
  const directory = ctx.engine.directory;
  c.expect("CREATE");
  const orReplace = c.accept("OR", "REPLACE");
  c.accept("LOCAL") || c.accept("GLOBAL");
  let tableKind = "PERMANENT";
  if (c.accept("TRANSIENT")) tableKind = "TRANSIENT";
  else if (c.accept("TEMPORARY") || c.accept("TEMP") || c.accept("VOLATILE")) tableKind = "TEMPORARY";
  c.expect("TABLE");
  const ifNotExists = c.accept("IF", "NOT", "EXISTS");
  const name = target(
    ctx,
    c.qualifiedName().map((p) => p.name),
  );
  let defs: ColumnDefinition[] | null = null;
  if (c.peek()?.kind === "punct" && c.text() === "(") defs = columnDefinitions(c.group());
  const options = readTableOptions(c);
  const existing = directory.relation(name);
  if (existing && ifNotExists) return statusResult(`${name.name} already exists, statement succeeded.`);
  if (existing && (!orReplace || existing.kind !== "TABLE"))
    throw sfErrors.alreadyExists(displayName(name.name));
  // CREATE on the new object's type and name: the catalog checks CREATE TABLE on its schema.
  await authorise(ctx, "TABLE", name, "CREATE");
  const rel = duckRelation(name.database, name.schema, name.name);
  let sourceSql: string | null = null;
  let sourceTypes: (column: string) => string | undefined = () => undefined;
  let copyFrom: QualifiedName | null = null;
  if (options.query !== null) {
    const translation = translateCached(ctx, options.query);
    for (const r of translation.relations) {
      if (!directory.relation(r.name)) throw sfErrors.objectDoesNotExist(display(r.name));
    }
    sourceSql = translation.duckSql;
    sourceTypes = directory.columnTypeLookup(translation.relations.map((r) => r.name));
  } else if (options.like || options.clone) {
    copyFrom = target(ctx, (options.like ?? options.clone) as string[]);
    if (!directory.relation(copyFrom)) throw sfErrors.objectDoesNotExist(display(copyFrom));
  } else if (defs === null) {
    c.fail();
  }
  await runDdl(ctx, async (conn) => {
    if (existing) await dropRelation(ctx, conn, name);
    let columns: ColumnRow[];
    if (sourceSql !== null) {
      await conn.run(`CREATE TABLE ${rel} AS ${sourceSql}`);
      columns = await derivedColumns(conn, name, new Map(), sourceTypes);
      if (defs !== null) {
        // CREATE TABLE t (a, b) AS SELECT …: the list renames the query's columns.
        for (let i = 0; i < defs.length && i < columns.length; i++) {
          const from = columns[i] as ColumnRow;
          const to = defs[i] as ColumnDefinition;
          if (from.name !== to.name) {
            await conn.run(
              `ALTER TABLE ${rel} RENAME COLUMN ${quoteDuck(encodeName(from.name))} TO ${quoteDuck(encodeName(to.name))}`,
            );
          }
          columns[i] = {
            ...from,
            name: to.name,
            dataType: to.dataType === "VARCHAR(16777216)" ? from.dataType : to.dataType,
          };
        }
      }
    } else if (copyFrom !== null) {
      const source = duckRelation(copyFrom.database, copyFrom.schema, copyFrom.name);
      await conn.run(`CREATE TABLE ${rel} AS SELECT * FROM ${source}${options.like ? " LIMIT 0" : ""}`);
      columns = directory.columnsOf(copyFrom).map((col) => ({ ...col }));
      if (columns.length === 0) columns = await derivedColumns(conn, name);
    } else {
      const parts: string[] = [];
      for (const d of defs as ColumnDefinition[]) {
        let def = `${quoteDuck(encodeName(d.name))} ${d.duckType}`;
        if (d.autoIncrement) {
          const sequence = `${quoteDuck(duckSchemaName(name.database, name.schema))}.${quoteDuck(encodeName(`${name.name}$${d.name}$SEQ`))}`;
          await conn.run(
            `CREATE SEQUENCE IF NOT EXISTS ${sequence} START ${d.autoIncrement.start} INCREMENT ${d.autoIncrement.increment}`,
          );
          def += ` DEFAULT nextval('${sequence.replaceAll("'", "''")}')`;
        } else if (d.defaultValue !== null) {
          def += ` DEFAULT (${duckDefault(ctx, d.defaultValue)})`;
        }
        if (!d.nullable) def += " NOT NULL";
        parts.push(def);
      }
      await conn.run(`CREATE TABLE ${rel} (${parts.join(", ")})`);
      columns = (defs as ColumnDefinition[]).map((d) => ({
        name: d.name,
        dataType: d.dataType,
        nullable: d.nullable,
        defaultValue: d.autoIncrement
          ? `AUTOINCREMENT START ${d.autoIncrement.start} INCREMENT ${d.autoIncrement.increment}`
          : d.defaultValue,
        comment: d.comment,
      }));
    }
    await insertObjectRow(conn, {
      name,
      kind: "TABLE",
      duckName: encodeName(name.name),
      tableKind,
      text: stripStatement(ctx.original),
      comment: options.comment,
      clusterBy: options.clusterBy,
      owner: ctx.session.stateValue.role,
      properties: tableKind === "TEMPORARY" ? { sessionId: ctx.session.id } : {},
    });
    await insertColumnRows(conn, name, columns);
  });
  if (existing) await notifyReplaced(ctx, "TABLE", name, { copyGrants: options.copyGrants });
  else await notifyCreated(ctx, "TABLE", name);
  if (options.rowAccessPolicy) await attachPolicy(ctx, "TABLE", name, options.rowAccessPolicy);
  return statusResult(`Table ${name.name} successfully created.`);
}

/** Hands `ADD ROW ACCESS POLICY p ON (…)` to the catalog, which owns policies. */
async function attachPolicy(
  ctx: StatementContext,
  kind: "TABLE" | "VIEW",
  name: QualifiedName,
  clause: string,
): Promise<void> {
  const tryExecute = ctx.engine.catalog.tryExecute;
  if (!tryExecute) return;
  await tryExecute.call(
    ctx.engine.catalog,
    ctx.session.hookContext(),
    `ALTER ${kind} ${display(name)} ADD ROW ACCESS POLICY ${clause}`,
  );
}

async function dropRelationStatement(
  ctx: StatementContext,
  c: Cursor,
  kind: "TABLE" | "VIEW" | "MATERIALIZED VIEW",
): Promise<HandlerOutput> {
  const ifExists = c.accept("IF", "EXISTS");
  const name = qualify(
    (() => {
      const parts = c.qualifiedName().map((p) => p.name);
      return {
        name: parts[parts.length - 1] as string,
        schema: parts.length >= 2 ? (parts[parts.length - 2] as string) : null,
        database: parts.length === 3 ? (parts[0] as string) : null,
      };
    })(),
    ctx.session.stateValue,
  );
  c.accept("CASCADE") || c.accept("RESTRICT");
  if (!c.done) c.fail();
  const existing = ctx.engine.directory.relation(name);
  const kindWord = kind === "TABLE" ? "Table" : kind === "VIEW" ? "View" : "Materialized view";
  if (!existing) {
    if (ifExists) return statusResult(`Drop statement executed successfully (${name.name} already dropped).`);
    throw new SnowflakeError(
      "002003",
      "02000",
      `SQL compilation error:\n${kindWord} '${display(name)}' does not exist or not authorized.`,
    );
  }
  if (existing.kind !== kind) {
    throw new SnowflakeError(
      "002203",
      "02000",
      `SQL compilation error: Object found is of type '${existing.kind.replace(" ", "_")}', not specified type '${kind.replace(" ", "_")}'.`,
    );
  }
  await authorise(ctx, kind === "TABLE" ? "TABLE" : "VIEW", name, "DROP");
  await runDdl(ctx, (conn) =>
    kind === "TABLE" ? keepDroppedTable(conn, name) : dropRelation(ctx, conn, name),
  );
  await notifyDropped(ctx, kind === "TABLE" ? "TABLE" : "VIEW", name);
  return statusResult(`${name.name} successfully dropped.`);
}

function resolveParts(ctx: StatementContext, parts: string[]): QualifiedName {
  return qualify(
    {
      name: parts[parts.length - 1] as string,
      schema: parts.length >= 2 ? (parts[parts.length - 2] as string) : null,
      database: parts.length === 3 ? (parts[0] as string) : null,
    },
    ctx.session.stateValue,
  );
}

/** Reads a column type and its modifiers up to the next top-level comma. */
function readColumnSpec(c: Cursor): string {
  const from = c.pos;
  let depth = 0;
  while (!c.done) {
    const t = c.peek();
    const ch = t?.kind === "punct" ? c.text(t) : "";
    if (ch === "," && depth === 0) break;
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    c.pos++;
  }
  return c.sliceFrom(from);
}

async function alterTable(ctx: StatementContext, c: Cursor): Promise<HandlerOutput> {
  c.expect("ALTER", "TABLE");
  const ifExists = c.accept("IF", "EXISTS");
  const name = resolveParts(
    ctx,
    c.qualifiedName().map((p) => p.name),
  );
  const directory = ctx.engine.directory;
  const existing = directory.relation(name);
  if (existing?.kind !== "TABLE") {
    if (ifExists) return statusResult(STATEMENT_OK);
    throw new SnowflakeError(
      "002003",
      "02000",
      `SQL compilation error:\nTable '${display(name)}' does not exist or not authorized.`,
    );
  }
  // Policies and tags belong to the catalog.
  if (/\b(ROW\s+ACCESS\s+POLICY|MASKING\s+POLICY|TAG)\b/i.test(ctx.sql)) {
    const tryExecute = ctx.engine.catalog.tryExecute;
    const handled = tryExecute
      ? await tryExecute.call(ctx.engine.catalog, ctx.session.hookContext(), ctx.sql)
      : null;
    if (handled) return { kind: handled.kind, columns: handled.columns, rows: handled.rows };
    return statusResult(STATEMENT_OK);
  }
  await authorise(ctx, "TABLE", name, "ALTER");
  const rel = duckRelation(name.database, name.schema, name.name);
  const where = `database_name = ${duckString(name.database)} AND schema_name = ${duckString(name.schema)}`;
  const objectWhere = `${where} AND name = ${duckString(name.name)} AND kind = 'TABLE'`;
  const columnWhere = `${where} AND table_name = ${duckString(name.name)}`;
  const columns = directory.columnsOf(name);
  const findColumn = (col: string) => columns.find((x) => x.name === col);
  if (c.accept("RENAME", "TO")) {
    const to = target(
      ctx,
      c.qualifiedName().map((p) => p.name),
    );
    if (to.database !== name.database || to.schema !== name.schema) {
      throw sfErrors.unsupported("ALTER TABLE RENAME TO another schema");
    }
    if (directory.relation(to)) throw sfErrors.alreadyExists(displayName(to.name));
    await runDdl(ctx, async (conn) => {
      await conn.run(`ALTER TABLE ${rel} RENAME TO ${quoteDuck(encodeName(to.name))}`);
      await conn.run(
        `UPDATE ${META_SCHEMA}.objects SET name = ${duckString(to.name)}, duck_name = ${duckString(encodeName(to.name))} WHERE ${objectWhere}`,
      );
      await conn.run(
        `UPDATE ${META_SCHEMA}.columns SET table_name = ${duckString(to.name)} WHERE ${columnWhere}`,
      );
    });
    const hook = ctx.engine.catalog.onObjectRenamed;
    if (hook) await hook.call(ctx.engine.catalog, ctx.session.hookContext(), "TABLE", name, to);
    return statusResult(STATEMENT_OK);
  }
  if (c.accept("SWAP", "WITH")) {
    const other = resolveParts(
      ctx,
      c.qualifiedName().map((p) => p.name),
    );
    if (!directory.relation(other)) throw sfErrors.objectDoesNotExist(display(other));
    const tmp = `${name.name}$SWAP$${Date.now()}`;
    const otherRel = duckRelation(other.database, other.schema, other.name);
    if (other.database !== name.database || other.schema !== name.schema)
      throw sfErrors.unsupported("SWAP WITH across schemas");
    await runDdl(ctx, async (conn) => {
      await conn.run(`ALTER TABLE ${rel} RENAME TO ${quoteDuck(encodeName(tmp))}`);
      await conn.run(`ALTER TABLE ${otherRel} RENAME TO ${quoteDuck(encodeName(name.name))}`);
      await conn.run(
        `ALTER TABLE ${duckRelation(name.database, name.schema, tmp)} RENAME TO ${quoteDuck(encodeName(other.name))}`,
      );
      for (const [from, to] of [
        [name.name, tmp],
        [other.name, name.name],
        [tmp, other.name],
      ] as const) {
        await conn.run(
          `UPDATE ${META_SCHEMA}.objects SET name = ${duckString(to)}, duck_name = ${duckString(encodeName(to))} WHERE ${where} AND name = ${duckString(from)} AND kind = 'TABLE'`,
        );
        await conn.run(
          `UPDATE ${META_SCHEMA}.columns SET table_name = ${duckString(to)} WHERE ${where} AND table_name = ${duckString(from)}`,
        );
      }
    });
    return statusResult(STATEMENT_OK);
  }
  if (c.accept("CLUSTER", "BY")) {
    const clusterBy = `LINEAR(${c.group().trim()})`;
    await runDdl(ctx, (conn) =>
      conn.run(
        `UPDATE ${META_SCHEMA}.objects SET cluster_by = ${duckString(clusterBy)} WHERE ${objectWhere}`,
      ),
    );
    return statusResult(STATEMENT_OK);
  }
  if (c.accept("DROP", "CLUSTERING", "KEY")) {
    await runDdl(ctx, (conn) =>
      conn.run(`UPDATE ${META_SCHEMA}.objects SET cluster_by = NULL WHERE ${objectWhere}`),
    );
    return statusResult(STATEMENT_OK);
  }
  if (c.accept("SET")) {
    const options = readTableOptions(c);
    await runDdl(ctx, (conn) =>
      conn.run(
        `UPDATE ${META_SCHEMA}.objects SET comment = ${duckString(options.comment)} WHERE ${objectWhere}`,
      ),
    );
    return statusResult(STATEMENT_OK);
  }
  if (c.accept("UNSET")) {
    if (/COMMENT/i.test(c.rest())) {
      await runDdl(ctx, (conn) =>
        conn.run(`UPDATE ${META_SCHEMA}.objects SET comment = NULL WHERE ${objectWhere}`),
      );
    }
    return statusResult(STATEMENT_OK);
  }
  if (c.accept("ADD")) {
    if (c.accept("CONSTRAINT") || ["PRIMARY", "UNIQUE", "FOREIGN"].includes(c.peek()?.upper ?? "")) {
      // Snowflake records but does not enforce these constraints.
      c.rest();
      return statusResult(STATEMENT_OK);
    }
    c.accept("COLUMN");
    const ifNotExists = c.accept("IF", "NOT", "EXISTS");
    const specs: string[] = [];
    do specs.push(readColumnSpec(c));
    while (c.acceptPunct(","));
    const defs = columnDefinitions(specs.join(", "));
    const added: ColumnDefinition[] = [];
    for (const d of defs) {
      if (findColumn(d.name)) {
        if (ifNotExists) continue;
        throw new SnowflakeError(
          "002028",
          "42601",
          `SQL compilation error:\nambiguous column name '${d.name}'`,
        );
      }
      added.push(d);
    }
    if (added.length > 0) {
      await runDdl(ctx, async (conn) => {
        for (const d of added) {
          let def = `${quoteDuck(encodeName(d.name))} ${d.duckType}`;
          if (d.defaultValue !== null) def += ` DEFAULT (${duckDefault(ctx, d.defaultValue)})`;
          await conn.run(`ALTER TABLE ${rel} ADD COLUMN ${def}`);
          if (!d.nullable)
            await conn.run(`ALTER TABLE ${rel} ALTER COLUMN ${quoteDuck(encodeName(d.name))} SET NOT NULL`);
        }
        const start = columns.length;
        await conn.run(
          `INSERT INTO ${META_SCHEMA}.columns (database_name, schema_name, table_name, name, ordinal, data_type, nullable, default_value, comment) VALUES ${added
            .map(
              (d, i) =>
                `(${duckString(name.database)}, ${duckString(name.schema)}, ${duckString(name.name)}, ${duckString(d.name)}, ${start + i + 1}, ${duckString(d.dataType)}, ${d.nullable}, ${duckString(d.defaultValue)}, ${duckString(d.comment)})`,
            )
            .join(", ")}`,
        );
      });
    }
    return statusResult(STATEMENT_OK);
  }
  if (c.accept("DROP")) {
    if (
      c.accept("CONSTRAINT") ||
      c.accept("PRIMARY", "KEY") ||
      c.accept("UNIQUE") ||
      c.accept("FOREIGN", "KEY")
    ) {
      c.rest();
      return statusResult(STATEMENT_OK);
    }
    c.accept("COLUMN");
    const ifExists2 = c.accept("IF", "EXISTS");
    const names: string[] = [];
    do names.push(c.namePart().name);
    while (c.acceptPunct(","));
    for (const col of names) {
      if (!findColumn(col) && !ifExists2) throw sfErrors.invalidIdentifier(displayName(col));
    }
    await runDdl(ctx, async (conn) => {
      for (const col of names) {
        if (!findColumn(col)) continue;
        await conn.run(`ALTER TABLE ${rel} DROP COLUMN ${quoteDuck(encodeName(col))}`);
        await conn.run(
          `DELETE FROM ${META_SCHEMA}.columns WHERE ${columnWhere} AND name = ${duckString(col)}`,
        );
      }
      await renumber(conn, columnWhere);
    });
    return statusResult(STATEMENT_OK);
  }
  if (c.accept("RENAME", "COLUMN")) {
    const from = c.namePart().name;
    c.expect("TO");
    const to = c.namePart().name;
    if (!findColumn(from)) throw sfErrors.invalidIdentifier(displayName(from));
    await runDdl(ctx, async (conn) => {
      await conn.run(
        `ALTER TABLE ${rel} RENAME COLUMN ${quoteDuck(encodeName(from))} TO ${quoteDuck(encodeName(to))}`,
      );
      await conn.run(
        `UPDATE ${META_SCHEMA}.columns SET name = ${duckString(to)} WHERE ${columnWhere} AND name = ${duckString(from)}`,
      );
    });
    return statusResult(STATEMENT_OK);
  }
  if (c.accept("ALTER") || c.accept("MODIFY")) {
    c.accept("COLUMN");
    const col = c.namePart().name;
    if (!findColumn(col)) throw sfErrors.invalidIdentifier(displayName(col));
    const colSql = quoteDuck(encodeName(col));
    const colWhere = `${columnWhere} AND name = ${duckString(col)}`;
    await runDdl(ctx, async (conn) => {
      if (c.accept("SET", "NOT", "NULL")) {
        await conn.run(`ALTER TABLE ${rel} ALTER COLUMN ${colSql} SET NOT NULL`);
        await conn.run(`UPDATE ${META_SCHEMA}.columns SET nullable = false WHERE ${colWhere}`);
      } else if (c.accept("DROP", "NOT", "NULL")) {
        await conn.run(`ALTER TABLE ${rel} ALTER COLUMN ${colSql} DROP NOT NULL`);
        await conn.run(`UPDATE ${META_SCHEMA}.columns SET nullable = true WHERE ${colWhere}`);
      } else if (c.accept("COMMENT")) {
        await conn.run(
          `UPDATE ${META_SCHEMA}.columns SET comment = ${duckString(c.string())} WHERE ${colWhere}`,
        );
      } else if (c.accept("UNSET", "COMMENT")) {
        await conn.run(`UPDATE ${META_SCHEMA}.columns SET comment = NULL WHERE ${colWhere}`);
      } else if (c.accept("DROP", "DEFAULT")) {
        await conn.run(`ALTER TABLE ${rel} ALTER COLUMN ${colSql} DROP DEFAULT`);
        await conn.run(`UPDATE ${META_SCHEMA}.columns SET default_value = NULL WHERE ${colWhere}`);
      } else {
        c.accept("SET", "DATA") || c.accept("SET");
        c.accept("TYPE");
        const type = parseSnowflakeType(c.rest());
        if (type === null) c.fail();
        await conn.run(`ALTER TABLE ${rel} ALTER COLUMN ${colSql} TYPE ${type.duckType}`);
        await conn.run(
          `UPDATE ${META_SCHEMA}.columns SET data_type = ${duckString(type.sqlType)} WHERE ${colWhere}`,
        );
      }
    });
    return statusResult(STATEMENT_OK);
  }
  throw sfErrors.unsupported(`ALTER TABLE ${c.rest().split(/\s+/).slice(0, 2).join(" ")}`);
}

async function renumber(conn: DuckDBConnection, columnWhere: string): Promise<void> {
  await conn.run(
    `UPDATE ${META_SCHEMA}.columns AS c SET ordinal = r.n FROM (SELECT name, row_number() OVER (ORDER BY ordinal) AS n FROM ${META_SCHEMA}.columns WHERE ${columnWhere}) r WHERE c.name = r.name AND ${columnWhere.replaceAll("database_name", "c.database_name").replaceAll("schema_name", "c.schema_name").replaceAll("table_name", "c.table_name")}`,
  );
}

async function truncate(ctx: StatementContext, c: Cursor): Promise<HandlerOutput> {
  c.expect("TRUNCATE");
  c.accept("TABLE");
  const ifExists = c.accept("IF", "EXISTS");
  const name = resolveParts(
    ctx,
    c.qualifiedName().map((p) => p.name),
  );
  const existing = ctx.engine.directory.relation(name);
  if (existing?.kind !== "TABLE") {
    if (ifExists) return statusResult(STATEMENT_OK);
    throw new SnowflakeError(
      "002003",
      "02000",
      `SQL compilation error:\nTable '${display(name)}' does not exist or not authorized.`,
    );
  }
  await authorise(ctx, "TABLE", name, "TRUNCATE");
  await ctx.connection.run(`DELETE FROM ${duckRelation(name.database, name.schema, name.name)}`);
  return statusResult(STATEMENT_OK);
}

export async function handleTable(ctx: StatementContext): Promise<HandlerOutput> {
  const c = new Cursor(ctx.sql);
  switch (ctx.words[0]) {
    case "CREATE":
      return createTable(ctx, c);
    case "DROP":
      c.expect("DROP", "TABLE");
      return dropRelationStatement(ctx, c, "TABLE");
    case "ALTER":
      return alterTable(ctx, c);
    case "TRUNCATE":
      return truncate(ctx, c);
    case "UNDROP":
      return undropTable(ctx, c);
    default:
      throw sfErrors.unsupported(`${ctx.words.slice(0, 2).join(" ")} (time travel is not emulated)`);
  }
}

/**
 * DROP TABLE keeps the data for UNDROP: the DuckDB table is renamed to a tombstone name (raw
 * lower-case letters never occur in encoded names, so it cannot collide), and its metadata rows
 * become kind DROPPED TABLE with the tombstone as their table name.
 */
async function keepDroppedTable(conn: DuckDBConnection, name: QualifiedName): Promise<void> {
  const tombstone = `${encodeName(name.name)}~dropped~${Date.now()}`;
  const where = `database_name = ${duckString(name.database)} AND schema_name = ${duckString(name.schema)}`;
  await conn.run(
    `ALTER TABLE ${duckRelation(name.database, name.schema, name.name)} RENAME TO ${quoteDuck(tombstone)}`,
  );
  await conn.run(
    `UPDATE ${META_SCHEMA}.objects SET kind = 'DROPPED TABLE', duck_name = ${duckString(tombstone)}, created_on = current_timestamp WHERE ${where} AND name = ${duckString(name.name)} AND kind = 'TABLE'`,
  );
  await conn.run(
    `UPDATE ${META_SCHEMA}.columns SET table_name = ${duckString(tombstone)} WHERE ${where} AND table_name = ${duckString(name.name)}`,
  );
}

/** UNDROP TABLE: the most recently dropped table of that name comes back. */
async function undropTable(ctx: StatementContext, c: Cursor): Promise<HandlerOutput> {
  c.expect("UNDROP", "TABLE");
  const name = resolveParts(
    ctx,
    c.qualifiedName().map((p) => p.name),
  );
  const directory = ctx.engine.directory;
  const dropped = (directory.objectMap.get(objectKey(name)) ?? [])
    .filter((o) => o.kind === ("DROPPED TABLE" as ObjectKind) && o.duckName !== null)
    .sort((a, b) => b.createdOn - a.createdOn)[0];
  if (!dropped?.duckName) {
    throw new SnowflakeError(
      "002003",
      "02000",
      `SQL compilation error:\nTable '${display(name)}' does not exist or not authorized.`,
    );
  }
  if (directory.relation(name)) throw sfErrors.alreadyExists(displayName(name.name));
  const tombstone = dropped.duckName;
  const where = `database_name = ${duckString(name.database)} AND schema_name = ${duckString(name.schema)}`;
  await runDdl(ctx, async (conn) => {
    await conn.run(
      `ALTER TABLE ${quoteDuck(duckSchemaName(name.database, name.schema))}.${quoteDuck(tombstone)} RENAME TO ${quoteDuck(encodeName(name.name))}`,
    );
    await conn.run(
      `UPDATE ${META_SCHEMA}.objects SET kind = 'TABLE', duck_name = ${duckString(encodeName(name.name))} WHERE ${where} AND name = ${duckString(name.name)} AND kind = 'DROPPED TABLE' AND duck_name = ${duckString(tombstone)}`,
    );
    await conn.run(
      `UPDATE ${META_SCHEMA}.columns SET table_name = ${duckString(name.name)} WHERE ${where} AND table_name = ${duckString(tombstone)}`,
    );
  });
  await notifyCreated(ctx, "TABLE", name);
  return statusResult(`Table ${name.name} successfully restored.`);
}

// ---------------------------------------------------------------------------------------------
// Views

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
  if (c.peek()?.kind === "punct" && c.text() === "(") {
    const inner = new Cursor(c.group());
    while (!inner.done) {
      const col = inner.namePart().name;
      columnNames.push(col);
      if (inner.accept("WITH", "MASKING", "POLICY") || inner.accept("MASKING", "POLICY"))
        inner.qualifiedName();
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
  const translation = translateCached(ctx, options.query);
  for (const r of translation.relations) {
    if (!directory.relation(r.name)) throw sfErrors.objectDoesNotExist(display(r.name));
  }
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
    });
    const sourceTypes = directory.columnTypeLookup(translation.relations.map((r) => r.name));
    await insertColumnRows(conn, name, await derivedColumns(conn, name, columnComments, sourceTypes));
  });
  if (existing) await notifyReplaced(ctx, kind, name, { copyGrants: options.copyGrants });
  else await notifyCreated(ctx, kind, name);
  if (options.rowAccessPolicy) await attachPolicy(ctx, "VIEW", name, options.rowAccessPolicy);
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
    const tryExecute = ctx.engine.catalog.tryExecute;
    const handled = tryExecute
      ? await tryExecute.call(ctx.engine.catalog, ctx.session.hookContext(), ctx.sql)
      : null;
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
    const hook = ctx.engine.catalog.onObjectRenamed;
    if (hook) await hook.call(ctx.engine.catalog, ctx.session.hookContext(), "VIEW", name, to);
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

// ---------------------------------------------------------------------------------------------
// Other schema objects: recorded (sequences also live in DuckDB); routines are stored.

const OBJECT_KINDS: [string[], ObjectKind][] = [
  [["SEQUENCE"], "SEQUENCE"],
  [["FILE", "FORMAT"], "FILE FORMAT"],
  [["STAGE"], "STAGE"],
  [["PROCEDURE"], "PROCEDURE"],
  [["FUNCTION"], "FUNCTION"],
];

const KIND_LABEL: Record<string, string> = {
  SEQUENCE: "Sequence",
  "FILE FORMAT": "File format",
  STAGE: "Stage area",
  PROCEDURE: "Function",
  FUNCTION: "Function",
};

export async function handleObject(ctx: StatementContext): Promise<HandlerOutput> {
  const c = new Cursor(ctx.sql);
  const verb = ctx.words[0];
  c.pos++;
  const orReplace = verb === "CREATE" && c.accept("OR", "REPLACE");
  while (["TEMPORARY", "TEMP", "SECURE", "EXTERNAL"].includes(c.peek()?.upper ?? "")) c.pos++;
  let kind: ObjectKind | null = null;
  for (const [words, k] of OBJECT_KINDS) {
    if (c.accept(...words)) {
      kind = k;
      break;
    }
  }
  if (kind === null) return c.fail();
  const ifClause = verb === "CREATE" ? c.accept("IF", "NOT", "EXISTS") : c.accept("IF", "EXISTS");
  const name = target(
    ctx,
    c.qualifiedName().map((p) => p.name),
  );
  // Routines are identified by name and argument types; the engine keys them by name only.
  let signature = "";
  if ((kind === "PROCEDURE" || kind === "FUNCTION") && c.peek()?.kind === "punct" && c.text() === "(") {
    signature = c.group();
  }
  const directory = ctx.engine.directory;
  const existing = directory.object(name, kind);
  const seqName = `${quoteDuck(duckSchemaName(name.database, name.schema))}.${quoteDuck(encodeName(name.name))}`;
  if (verb === "DROP") {
    if (!existing) {
      if (ifClause)
        return statusResult(`Drop statement executed successfully (${name.name} already dropped).`);
      throw sfErrors.objectDoesNotExist(display(name));
    }
    await runDdl(ctx, async (conn) => {
      if (kind === "SEQUENCE") await conn.run(`DROP SEQUENCE IF EXISTS ${seqName}`);
      if (kind === "FUNCTION") await conn.run(`DROP MACRO IF EXISTS ${seqName}`);
      await deleteObjectRows(conn, name, kind);
    });
    await notifyDropped(ctx, kind, name);
    return statusResult(`${name.name} successfully dropped.`);
  }
  if (verb === "ALTER") {
    if (!existing) {
      if (ifClause) return statusResult(STATEMENT_OK);
      throw sfErrors.objectDoesNotExist(display(name));
    }
    const rest = c.rest();
    const comment = /COMMENT\s*=\s*'((?:[^']|'')*)'/i.exec(rest);
    if (comment) {
      await runDdl(ctx, (conn) =>
        conn.run(
          `UPDATE ${META_SCHEMA}.objects SET comment = ${duckString((comment[1] as string).replaceAll("''", "'"))} WHERE database_name = ${duckString(name.database)} AND schema_name = ${duckString(name.schema)} AND name = ${duckString(name.name)} AND kind = ${duckString(kind)}`,
        ),
      );
    }
    return statusResult(STATEMENT_OK);
  }
  // CREATE
  if (existing && ifClause) return statusResult(`${name.name} already exists, statement succeeded.`);
  if (existing && !orReplace) throw sfErrors.alreadyExists(displayName(name.name));
  const rest = c.rest();
  const properties: Record<string, unknown> = {};
  if (signature !== "") properties.arguments = signature.trim();
  const returns =
    /\bRETURNS\s+(.+?)\s+(?:LANGUAGE|AS|NOT|NULL|STRICT|IMMUTABLE|VOLATILE|CALLED|RETURNS|COMMENT|EXECUTE)\b/is.exec(
      rest,
    );
  if (returns) properties.returns = (returns[1] as string).trim();
  const language = /\bLANGUAGE\s+(\w+)/i.exec(rest);
  properties.language = language ? (language[1] as string).toUpperCase() : "SQL";
  const body = /\bAS\s+(\$\$[\s\S]*\$\$|'(?:[^'\\]|\\.|'')*')\s*$/i.exec(rest);
  if (body) {
    const raw = body[1] as string;
    properties.body = raw.startsWith("$$") ? raw.slice(2, -2) : raw.slice(1, -1).replaceAll("''", "'");
  }
  const comment = /COMMENT\s*=\s*'((?:[^']|'')*)'/i.exec(rest.replace(/\bAS\s+(\$\$[\s\S]*\$\$)\s*$/i, ""));
  await runDdl(ctx, async (conn) => {
    if (existing) {
      if (kind === "SEQUENCE") await conn.run(`DROP SEQUENCE IF EXISTS ${seqName}`);
      if (kind === "FUNCTION") await conn.run(`DROP MACRO IF EXISTS ${seqName}`);
      await deleteObjectRows(conn, name, kind);
    }
    if (kind === "FUNCTION" && properties.language === "SQL" && typeof properties.body === "string") {
      const returns = typeof properties.returns === "string" ? parseSnowflakeType(properties.returns) : null;
      await conn.run(sqlFunctionMacro(ctx, seqName, signature, properties.body, returns?.duckType ?? null));
    }
    if (kind === "SEQUENCE") {
      const start = /\bSTART\s+(?:WITH\s+)?=?\s*(-?\d+)/i.exec(rest)?.[1] ?? "1";
      const increment = /\bINCREMENT\s+(?:BY\s+)?=?\s*(-?\d+)/i.exec(rest)?.[1] ?? "1";
      properties.start = Number(start);
      properties.increment = Number(increment);
      await conn.run(`CREATE SEQUENCE ${seqName} START ${start} INCREMENT ${increment}`);
    }
    await insertObjectRow(conn, {
      name,
      kind,
      duckName: kind === "SEQUENCE" ? encodeName(name.name) : null,
      text: stripStatement(ctx.original),
      comment: comment ? (comment[1] as string).replaceAll("''", "'") : null,
      owner: ctx.session.stateValue.role,
      properties,
    });
  });
  if (existing) await notifyDropped(ctx, kind, name);
  await notifyCreated(ctx, kind, name);
  return statusResult(`${KIND_LABEL[kind] ?? kind} ${name.name} successfully created.`);
}

/**
 * A SQL UDF as a DuckDB macro in the function's schema (sessions put their current schema on
 * DuckDB's search path, so unqualified calls find it). Arguments are referenced by name in the body.
 */
function sqlFunctionMacro(
  ctx: StatementContext,
  macroName: string,
  signature: string,
  body: string,
  returnsDuckType: string | null,
): string {
  const args = splitArguments(signature).map((arg) => new Cursor(arg).namePart().name);
  const state = ctx.session.stateValue;
  const scope = { database: state.database, schema: state.schema };
  const expression = /^\s*(select|with)\b/i.test(body) ? `(${body.trim()})` : body.trim();
  const duck = translateStatement(
    `SELECT ${expression} AS MERC_UDF_BODY`,
    scope,
    ctx.engine.functions,
    undefined,
    undefined,
    udfLookup(ctx.engine.directory, ctx.session.stateValue),
  ).duckSql;
  const inner = duck.replace(/^SELECT\s+/i, "").replace(/\s+AS\s+"MERC_UDF_BODY"\s*$/i, "");
  const value = returnsDuckType === null ? inner : `CAST((${inner}) AS ${returnsDuckType})`;
  return `CREATE OR REPLACE MACRO ${macroName}(${args.map((a) => quoteDuck(encodeName(a))).join(", ")}) AS (${value})`;
}

/** `a NUMBER, b VARCHAR` at top-level commas. */
function splitArguments(signature: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < signature.length; i++) {
    const ch = signature[i];
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "," && depth === 0) {
      out.push(signature.slice(start, i));
      start = i + 1;
    }
  }
  out.push(signature.slice(start));
  return out.map((a) => a.trim()).filter((a) => a !== "");
}

// ---------------------------------------------------------------------------------------------
// COMMENT ON

export async function handleComment(ctx: StatementContext): Promise<HandlerOutput> {
  // Comments on account objects (warehouse, role, user, monitor, task, policy) are the catalog's.
  const tryExecute = ctx.engine.catalog.tryExecute;
  const handled = tryExecute
    ? await tryExecute.call(ctx.engine.catalog, ctx.session.hookContext(), ctx.sql)
    : null;
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
    if (!directory.relation(table)) throw sfErrors.objectDoesNotExist(display(table));
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
    const tryExecute = ctx.engine.catalog.tryExecute;
    const handled = tryExecute
      ? await tryExecute.call(ctx.engine.catalog, ctx.session.hookContext(), ctx.sql)
      : null;
    if (handled) return { kind: handled.kind, columns: handled.columns, rows: handled.rows };
    throw sfErrors.objectDoesNotExist(display(name));
  }
  await runDdl(ctx, (conn) =>
    conn.run(
      `UPDATE ${META_SCHEMA}.objects SET comment = ${duckString(text)} WHERE database_name = ${duckString(name.database)} AND schema_name = ${duckString(name.schema)} AND name = ${duckString(name.name)} AND kind = ${duckString(objectKind)}`,
    ),
  );
  void classify;
  return statusResult(STATEMENT_OK);
}
