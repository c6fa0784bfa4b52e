/** CREATE / ALTER / DROP DATABASE and SCHEMA. */
import type { DuckDBConnection } from "@duckdb/node-api";
import { Cursor } from "../cursor.js";
import { sfErrors } from "../errors.js";
import { displayName, displayQualified, duckSchemaName, quoteDuck } from "../identifiers.js";
import { META_SCHEMA } from "../metadata.js";
import { type HandlerOutput, STATEMENT_OK, statusResult } from "../result.js";
import type { StatementContext } from "../session.js";
import { createInformationSchema } from "../information-schema.js";
import { checkedDefaultCollation } from "../default-collation.js";
import { authorise, duckString, notifyCreated, notifyDropped, runDdl } from "./ddl.js";
import {
  discardDroppedSchema,
  discardDroppedSchemasOf,
  keepDroppedSchemaObjects,
  undropSchema,
} from "./undrop-schema.js";

/** Options after a database or schema name: `KEY = value`, WITH MANAGED ACCESS, WITH TAG (...), CLONE x. */
interface ContainerOptions {
  comment?: string | null;
  retention?: number;
  managedAccess?: boolean;
  clone?: string[];
  /** DEFAULT_DDL_COLLATION = '…', validated ('' is no collation). */
  defaultDdlCollation?: string;
}

function readOptions(c: Cursor): ContainerOptions {
  const options: ContainerOptions = {};
  while (!c.done) {
    if (c.accept("WITH", "MANAGED", "ACCESS")) {
      options.managedAccess = true;
      continue;
    }
    if (c.accept("WITH", "TAG") || c.accept("TAG")) {
      c.group();
      continue;
    }
    if (c.accept("CLONE")) {
      options.clone = c.qualifiedName().map((p) => p.name);
      // AT (...) / BEFORE (...) time travel is accepted and ignored.
      if (c.accept("AT") || c.accept("BEFORE")) c.group();
      continue;
    }
    if (c.accept("WITH")) continue;
    const key = c.namePart().name.toUpperCase();
    if (!c.acceptPunct("=")) c.fail();
    const t = c.peek();
    const value = t?.kind === "string" ? c.string() : c.take();
    if (key === "COMMENT") options.comment = value;
    else if (key === "DATA_RETENTION_TIME_IN_DAYS") options.retention = Number(value);
    else if (key === "DEFAULT_DDL_COLLATION") options.defaultDdlCollation = checkedDefaultCollation(value);
    c.acceptPunct(",");
  }
  return options;
}

async function createSchemaRows(
  connection: DuckDBConnection,
  database: string,
  schema: string,
  transient: boolean,
  options: ContainerOptions,
  owner: string,
): Promise<void> {
  const duck = duckSchemaName(database, schema);
  // A dropped version kept for UNDROP holds this DuckDB schema: the new schema replaces it.
  await discardDroppedSchema(connection, database, schema);
  await connection.run(`CREATE SCHEMA IF NOT EXISTS ${quoteDuck(duck)}`);
  await connection.run(
    `INSERT INTO ${META_SCHEMA}.schemas (database_name, name, duck_schema, is_transient, managed_access, comment, owner, retention_time, default_ddl_collation) VALUES (${[
      duckString(database),
      duckString(schema),
      duckString(duck),
      transient ? "true" : "false",
      options.managedAccess ? "true" : "false",
      duckString(options.comment ?? null),
      duckString(owner),
      // A schema without its own retention inherits its database's (as SHOW SCHEMAS shows it).
      options.retention !== undefined
        ? String(options.retention)
        : `(SELECT coalesce(max(retention_time), 1) FROM ${META_SCHEMA}.databases WHERE name = ${duckString(database)})`,
      // Unset (NULL): the schema inherits its database's value when a table is created.
      duckString(options.defaultDdlCollation ?? null),
    ].join(", ")})`,
  );
}

/**
 * Drops a schema with its objects. A schema dropped on its own is remembered for SHOW SCHEMAS
 * HISTORY (`remember`) and keeps its DuckDB schema and object rows for UNDROP SCHEMA
 * (undrop-schema.ts); one dropped with its database goes with the database's version, and
 * INFORMATION_SCHEMA comes and goes with its database.
 */
async function dropSchemaRows(
  connection: DuckDBConnection,
  database: string,
  schema: string,
  remember = true,
): Promise<void> {
  const keep = remember && schema !== "INFORMATION_SCHEMA";
  if (!keep)
    await connection.run(`DROP SCHEMA IF EXISTS ${quoteDuck(duckSchemaName(database, schema))} CASCADE`);
  const where = `database_name = ${duckString(database)} AND schema_name = ${duckString(schema)}`;
  if (keep) {
    await connection.run(
      `INSERT INTO ${META_SCHEMA}.dropped (kind, database_name, name, is_transient, managed_access, comment, owner, retention_time, created_on) SELECT 'SCHEMA', database_name, name, is_transient, managed_access, comment, owner, retention_time, created_on FROM ${META_SCHEMA}.schemas WHERE database_name = ${duckString(database)} AND name = ${duckString(schema)}`,
    );
    await keepDroppedSchemaObjects(connection, database, schema);
  }
  await connection.run(`DELETE FROM ${META_SCHEMA}.objects WHERE ${where}`);
  await connection.run(`DELETE FROM ${META_SCHEMA}.columns WHERE ${where}`);
  await connection.run(
    `DELETE FROM ${META_SCHEMA}.schemas WHERE database_name = ${duckString(database)} AND name = ${duckString(schema)}`,
  );
}

async function dropDatabaseRows(
  ctx: StatementContext,
  connection: DuckDBConnection,
  database: string,
): Promise<void> {
  for (const s of await ctx.engine.directory.schemas(database))
    await dropSchemaRows(connection, database, s.name, false);
  await discardDroppedSchemasOf(connection, database);
  // Remembered for SHOW DATABASES HISTORY.
  await connection.run(
    `INSERT INTO ${META_SCHEMA}.dropped (kind, database_name, name, is_transient, comment, owner, retention_time, created_on) SELECT 'DATABASE', name, name, kind = 'TRANSIENT', comment, owner, retention_time, created_on FROM ${META_SCHEMA}.databases WHERE name = ${duckString(database)}`,
  );
  await connection.run(`DELETE FROM ${META_SCHEMA}.databases WHERE name = ${duckString(database)}`);
}

/** Copies every table of one schema into another (CLONE): data and metadata, views re-created. */
async function cloneSchemaContents(
  ctx: StatementContext,
  connection: DuckDBConnection,
  from: { database: string; schema: string },
  to: { database: string; schema: string },
): Promise<void> {
  const fromDuck = quoteDuck(duckSchemaName(from.database, from.schema));
  const toDuck = quoteDuck(duckSchemaName(to.database, to.schema));
  const relations = await ctx.engine.directory.relations(from.database, from.schema);
  for (const r of relations) {
    if (r.kind !== "TABLE") continue;
    const info = ctx.engine.directory.relation({
      database: from.database,
      schema: from.schema,
      name: r.name,
    });
    if (!info?.duckName) continue;
    await connection.run(
      `CREATE TABLE ${toDuck}.${quoteDuck(info.duckName)} AS SELECT * FROM ${fromDuck}.${quoteDuck(info.duckName)}`,
    );
  }
  const sameKeys = `database_name = ${duckString(from.database)} AND schema_name = ${duckString(from.schema)}`;
  await connection.run(
    `INSERT INTO ${META_SCHEMA}.objects SELECT ${duckString(to.database)}, ${duckString(to.schema)}, name, kind, duck_name, table_kind, is_secure, text, comment, cluster_by, owner, properties, current_timestamp FROM ${META_SCHEMA}.objects WHERE ${sameKeys} AND kind = 'TABLE'`,
  );
  await connection.run(
    `INSERT INTO ${META_SCHEMA}.columns SELECT ${duckString(to.database)}, ${duckString(to.schema)}, table_name, name, ordinal, data_type, nullable, default_value, comment FROM ${META_SCHEMA}.columns WHERE ${sameKeys} AND table_name IN (SELECT name FROM ${META_SCHEMA}.objects WHERE ${sameKeys} AND kind = 'TABLE')`,
  );
}

export async function handleDatabase(ctx: StatementContext): Promise<HandlerOutput> {
  const c = new Cursor(ctx.sql);
  const directory = ctx.engine.directory;
  const state = ctx.session.stateValue;
  if (c.accept("CREATE")) {
    const orReplace = c.accept("OR", "REPLACE");
    const transient = c.accept("TRANSIENT");
    c.expect("DATABASE");
    const ifNotExists = c.accept("IF", "NOT", "EXISTS");
    const name = c.namePart().name;
    const options = readOptions(c);
    const exists = directory.database(name) !== undefined;
    if (exists && ifNotExists) return statusResult(`${name} already exists, statement succeeded.`);
    if (exists && !orReplace) throw sfErrors.alreadyExists(displayName(name));
    const qn = { database: name, schema: name, name };
    await authorise(ctx, "DATABASE", qn, "CREATE");
    if (options.clone && !directory.database(options.clone[0] as string)) {
      throw sfErrors.databaseDoesNotExist(displayName(options.clone[0] as string));
    }
    await runDdl(ctx, async (conn) => {
      if (exists) await dropDatabaseRows(ctx, conn, name);
      await conn.run(
        `INSERT INTO ${META_SCHEMA}.databases (name, kind, comment, owner, retention_time, default_ddl_collation) VALUES (${duckString(name)}, ${duckString(transient ? "TRANSIENT" : "STANDARD")}, ${duckString(options.comment ?? null)}, ${duckString(state.role)}, ${options.retention ?? 1}, ${duckString(options.defaultDdlCollation ?? null)})`,
      );
      if (options.clone) {
        const source = options.clone[0] as string;
        for (const s of await directory.schemas(source)) {
          await createSchemaRows(
            conn,
            name,
            s.name,
            s.transient,
            { managedAccess: s.managedAccess, comment: s.comment },
            state.role,
          );
          await cloneSchemaContents(
            ctx,
            conn,
            { database: source, schema: s.name },
            { database: name, schema: s.name },
          );
        }
        await createInformationSchema(conn, name);
      } else {
        await createSchemaRows(conn, name, "PUBLIC", transient, {}, state.role);
        await createSchemaRows(
          conn,
          name,
          "INFORMATION_SCHEMA",
          false,
          { comment: "Views describing the contents of schemas in this database" },
          state.role,
        );
        await createInformationSchema(conn, name);
      }
    });
    if (exists) await notifyDropped(ctx, "DATABASE", qn);
    await notifyCreated(ctx, "DATABASE", qn);
    state.database = name;
    state.schema = directory.schema(name, "PUBLIC") ? "PUBLIC" : null;
    return statusResult(`Database ${name} successfully created.`);
  }
  if (c.accept("DROP")) {
    c.expect("DATABASE");
    const ifExists = c.accept("IF", "EXISTS");
    const name = c.namePart().name;
    c.accept("CASCADE") || c.accept("RESTRICT");
    if (!c.done) c.fail();
    if (!directory.database(name)) {
      if (ifExists)
        return statusResult("Drop statement executed successfully (" + `${name} already dropped).`);
      throw sfErrors.databaseDoesNotExist(displayName(name));
    }
    const qn = { database: name, schema: name, name };
    await authorise(ctx, "DATABASE", qn, "DROP");
    await runDdl(ctx, (conn) => dropDatabaseRows(ctx, conn, name));
    await notifyDropped(ctx, "DATABASE", qn);
    if (state.database === name) {
      state.database = null;
      state.schema = null;
    }
    return statusResult(`${name} successfully dropped.`);
  }
  if (c.accept("ALTER")) {
    c.expect("DATABASE");
    const ifExists = c.accept("IF", "EXISTS");
    const name = c.namePart().name;
    if (!directory.database(name)) {
      if (ifExists) return statusResult(STATEMENT_OK);
      throw sfErrors.databaseDoesNotExist(displayName(name));
    }
    const qn = { database: name, schema: name, name };
    await authorise(ctx, "DATABASE", qn, "ALTER");
    if (c.accept("SET")) {
      const options = readOptions(c);
      const sets: string[] = [];
      if (options.comment !== undefined) sets.push(`comment = ${duckString(options.comment)}`);
      if (options.retention !== undefined) sets.push(`retention_time = ${options.retention}`);
      if (options.defaultDdlCollation !== undefined)
        sets.push(`default_ddl_collation = ${duckString(options.defaultDdlCollation)}`);
      if (sets.length > 0) {
        await runDdl(ctx, (conn) =>
          conn.run(`UPDATE ${META_SCHEMA}.databases SET ${sets.join(", ")} WHERE name = ${duckString(name)}`),
        );
      }
      return statusResult(STATEMENT_OK);
    }
    if (c.accept("UNSET")) {
      const keys = c.rest().toUpperCase();
      const sets: string[] = [];
      if (keys.includes("COMMENT")) sets.push("comment = NULL");
      if (keys.includes("DATA_RETENTION_TIME_IN_DAYS")) sets.push("retention_time = 1");
      if (keys.includes("DEFAULT_DDL_COLLATION")) sets.push("default_ddl_collation = NULL");
      if (sets.length > 0) {
        await runDdl(ctx, (conn) =>
          conn.run(`UPDATE ${META_SCHEMA}.databases SET ${sets.join(", ")} WHERE name = ${duckString(name)}`),
        );
      }
      return statusResult(STATEMENT_OK);
    }
    throw sfErrors.unsupported(`ALTER DATABASE ${c.rest().split(/\s+/).slice(0, 2).join(" ")}`);
  }
  throw sfErrors.unsupported(ctx.words.slice(0, 2).join(" "));
}

/** Resolves `[db.]schema` written in a statement. */
function schemaTarget(ctx: StatementContext, c: Cursor): { database: string; schema: string } {
  const parts = c.qualifiedName().map((p) => p.name);
  if (parts.length > 2) c.fail();
  const database = parts.length === 2 ? (parts[0] as string) : ctx.session.stateValue.database;
  if (database === null) throw sfErrors.noCurrentDatabase();
  if (!ctx.engine.directory.database(database)) throw sfErrors.databaseDoesNotExist(displayName(database));
  return { database, schema: parts[parts.length - 1] as string };
}

export async function handleSchema(ctx: StatementContext): Promise<HandlerOutput> {
  const c = new Cursor(ctx.sql);
  const directory = ctx.engine.directory;
  const state = ctx.session.stateValue;
  if (c.accept("CREATE")) {
    const orReplace = c.accept("OR", "REPLACE");
    const transient = c.accept("TRANSIENT");
    c.expect("SCHEMA");
    const ifNotExists = c.accept("IF", "NOT", "EXISTS");
    const { database, schema } = schemaTarget(ctx, c);
    const options = readOptions(c);
    const exists = directory.schema(database, schema) !== undefined;
    if (exists && ifNotExists) return statusResult(`${schema} already exists, statement succeeded.`);
    if (exists && !orReplace) throw sfErrors.alreadyExists(displayQualified(database, schema));
    const qn = { database, schema, name: schema };
    await authorise(ctx, "SCHEMA", qn, "CREATE");
    let cloneFrom: { database: string; schema: string } | null = null;
    if (options.clone) {
      const parts = options.clone;
      cloneFrom = {
        database: parts.length === 2 ? (parts[0] as string) : database,
        schema: parts[parts.length - 1] as string,
      };
      if (!directory.schema(cloneFrom.database, cloneFrom.schema)) {
        throw sfErrors.schemaDoesNotExist(displayQualified(cloneFrom.database, cloneFrom.schema));
      }
    }
    await runDdl(ctx, async (conn) => {
      if (exists) await dropSchemaRows(conn, database, schema);
      await createSchemaRows(conn, database, schema, transient, options, state.role);
      if (cloneFrom) await cloneSchemaContents(ctx, conn, cloneFrom, { database, schema });
    });
    if (exists) await notifyDropped(ctx, "SCHEMA", qn);
    await notifyCreated(ctx, "SCHEMA", qn);
    state.database = database;
    state.schema = schema;
    return statusResult(`Schema ${schema} successfully created.`);
  }
  if (c.accept("DROP")) {
    c.expect("SCHEMA");
    const ifExists = c.accept("IF", "EXISTS");
    const { database, schema } = schemaTarget(ctx, c);
    c.accept("CASCADE") || c.accept("RESTRICT");
    if (!c.done) c.fail();
    if (!directory.schema(database, schema)) {
      if (ifExists) return statusResult(`Drop statement executed successfully (${schema} already dropped).`);
      throw sfErrors.schemaDoesNotExist(displayQualified(database, schema));
    }
    const qn = { database, schema, name: schema };
    await authorise(ctx, "SCHEMA", qn, "DROP");
    await runDdl(ctx, (conn) => dropSchemaRows(conn, database, schema));
    await notifyDropped(ctx, "SCHEMA", qn);
    if (state.database === database && state.schema === schema) state.schema = null;
    return statusResult(`${schema} successfully dropped.`);
  }
  if (c.accept("ALTER")) {
    c.expect("SCHEMA");
    const ifExists = c.accept("IF", "EXISTS");
    const { database, schema } = schemaTarget(ctx, c);
    if (!directory.schema(database, schema)) {
      if (ifExists) return statusResult(STATEMENT_OK);
      throw sfErrors.schemaDoesNotExist(displayQualified(database, schema));
    }
    await authorise(ctx, "SCHEMA", { database, schema, name: schema }, "ALTER");
    const where = `database_name = ${duckString(database)} AND name = ${duckString(schema)}`;
    const sets: string[] = [];
    if (c.accept("ENABLE", "MANAGED", "ACCESS")) sets.push("managed_access = true");
    else if (c.accept("DISABLE", "MANAGED", "ACCESS")) sets.push("managed_access = false");
    else if (c.accept("SET")) {
      const options = readOptions(c);
      if (options.comment !== undefined) sets.push(`comment = ${duckString(options.comment)}`);
      if (options.retention !== undefined) sets.push(`retention_time = ${options.retention}`);
      if (options.defaultDdlCollation !== undefined)
        sets.push(`default_ddl_collation = ${duckString(options.defaultDdlCollation)}`);
    } else if (c.accept("UNSET")) {
      const keys = c.rest().toUpperCase();
      if (keys.includes("COMMENT")) sets.push("comment = NULL");
      if (keys.includes("DATA_RETENTION_TIME_IN_DAYS")) sets.push("retention_time = 1");
      if (keys.includes("DEFAULT_DDL_COLLATION")) sets.push("default_ddl_collation = NULL");
    } else {
      throw sfErrors.unsupported(`ALTER SCHEMA ${c.rest().split(/\s+/).slice(0, 2).join(" ")}`);
    }
    if (sets.length > 0) {
      await runDdl(ctx, (conn) =>
        conn.run(`UPDATE ${META_SCHEMA}.schemas SET ${sets.join(", ")} WHERE ${where}`),
      );
    }
    return statusResult(STATEMENT_OK);
  }
  if (c.accept("UNDROP", "SCHEMA")) {
    return undropSchema(ctx, c, schemaTarget(ctx, c));
  }
  throw sfErrors.unsupported(ctx.words.slice(0, 2).join(" "));
}
