/** ALTER TABLE: rename, swap, clustering, comment, columns; policies and tags go to the catalog. */
import { clusteringKey } from "../clustering-key.js";
import { moveHistoryStatements } from "../time-travel/history.js";
import type { DuckDBConnection } from "@duckdb/node-api";
import { Cursor } from "../cursor.js";
import { SnowflakeError, sfErrors } from "../errors.js";
import type { QualifiedName } from "../hooks.js";
import { referencingTables } from "../hybrid-keys.js";
import { displayName, duckRelation, encodeName, quoteDuck } from "../identifiers.js";
import { META_SCHEMA } from "../metadata.js";
import { type HandlerOutput, STATEMENT_OK, statusResult } from "../result.js";
import type { StatementContext } from "../session.js";
import { parseSnowflakeType } from "../types-map.js";
import {
  type ColumnDefinition,
  columnDefinitions,
  duckDefault,
  readColumnSpec,
  recordedDefault,
  renumber,
} from "./columns.js";
import { schemaDefaultCollation } from "../default-collation.js";
import { authorise, type ColumnRow, duckString, runDdl } from "./ddl.js";
import { display, readTableOptions, resolveParts, target } from "./relations.js";

/** The table an ALTER TABLE statement changes, with the metadata filters every action uses. */
interface AlterTarget {
  ctx: StatementContext;
  c: Cursor;
  name: QualifiedName;
  directory: StatementContext["engine"]["directory"];
  /** DuckDB relation of the table. */
  rel: string;
  /** Metadata rows of the table's schema. */
  where: string;
  /** The table's row in the objects metadata. */
  objectWhere: string;
  /** The table's rows in the columns metadata. */
  columnWhere: string;
  columns: ColumnRow[];
  findColumn(column: string): ColumnRow | undefined;
}

/**
 * A hybrid table another table's foreign key references keeps its name locally: DuckDB ties the
 * foreign key to it, and the referencing table's CREATE text names it (docs/decisions/018).
 */
function refuseReferencedRename(
  directory: StatementContext["engine"]["directory"],
  name: QualifiedName,
): void {
  if (referencingTables(directory, name).length)
    throw sfErrors.unsupported(
      `ALTER TABLE ${displayName(name.name)} RENAME / SWAP WITH: another hybrid table's foreign key references it, in the local engine`,
    );
}

/** RENAME TO: same schema only (DuckDB cannot move a table between schemas). */
async function renameTable(t: AlterTarget): Promise<HandlerOutput> {
  const { ctx, c, name, directory, rel, objectWhere, columnWhere } = t;
  const to = target(
    ctx,
    c.qualifiedName().map((p) => p.name),
  );
  if (to.database !== name.database || to.schema !== name.schema) {
    throw sfErrors.unsupported("ALTER TABLE RENAME TO another schema");
  }
  if (directory.relation(to)) throw sfErrors.alreadyExists(displayName(to.name));
  refuseReferencedRename(directory, name);
  await runDdl(ctx, async (conn) => {
    await conn.run(`ALTER TABLE ${rel} RENAME TO ${quoteDuck(encodeName(to.name))}`);
    await conn.run(
      `UPDATE ${META_SCHEMA}.objects SET name = ${duckString(to.name)}, duck_name = ${duckString(encodeName(to.name))} WHERE ${objectWhere}`,
    );
    await conn.run(
      `UPDATE ${META_SCHEMA}.columns SET table_name = ${duckString(to.name)} WHERE ${columnWhere}`,
    );
    for (const statement of moveHistoryStatements(name, to)) await conn.run(statement);
  });
  await ctx.engine.catalog.onObjectRenamed(ctx.session.hookContext(), "TABLE", name, to);
  return statusResult(STATEMENT_OK);
}

/** SWAP WITH: three renames through a temporary name, metadata rows follow. */
async function swapTables(t: AlterTarget): Promise<HandlerOutput> {
  const { ctx, c, name, directory, rel, where } = t;
  const other = resolveParts(
    ctx,
    c.qualifiedName().map((p) => p.name),
  );
  if (!directory.relation(other)) throw sfErrors.objectDoesNotExist(display(other));
  const tmp = `${name.name}$SWAP$${Date.now()}`;
  const otherRel = duckRelation(other.database, other.schema, other.name);
  if (other.database !== name.database || other.schema !== name.schema)
    throw sfErrors.unsupported("SWAP WITH across schemas");
  refuseReferencedRename(directory, name);
  refuseReferencedRename(directory, other);
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
      for (const statement of moveHistoryStatements({ ...name, name: from }, { ...name, name: to }))
        await conn.run(statement);
    }
  });
  return statusResult(STATEMENT_OK);
}

/** CLUSTER BY: recorded only. */
async function setClustering(t: AlterTarget): Promise<HandlerOutput> {
  const { ctx, c, objectWhere } = t;
  const clusterBy = clusteringKey(c.group());
  await runDdl(ctx, (conn) =>
    conn.run(`UPDATE ${META_SCHEMA}.objects SET cluster_by = ${duckString(clusterBy)} WHERE ${objectWhere}`),
  );
  return statusResult(STATEMENT_OK);
}

/** DROP CLUSTERING KEY. */
async function dropClustering(t: AlterTarget): Promise<HandlerOutput> {
  const { ctx, objectWhere } = t;
  await runDdl(ctx, (conn) =>
    conn.run(`UPDATE ${META_SCHEMA}.objects SET cluster_by = NULL WHERE ${objectWhere}`),
  );
  return statusResult(STATEMENT_OK);
}

/**
 * SET COMMENT, CHANGE_TRACKING and DATA_RETENTION_TIME_IN_DAYS (kept in the object's properties, which
 * Time Travel and CHANGES read); other options are read and ignored.
 */
async function setOptions(t: AlterTarget): Promise<HandlerOutput> {
  const { ctx, c, objectWhere } = t;
  const written = ctx.sql.replace(/^[\s\S]*?\bSET\b/i, "");
  const options = readTableOptions(c);
  const patch: Record<string, unknown> = {};
  if (/\bCHANGE_TRACKING\b/i.test(written)) patch.changeTracking = options.changeTracking;
  if (options.retentionTime !== null) patch.retentionTime = options.retentionTime;
  const sets = [
    ...(options.comment !== null || /\bCOMMENT\b/i.test(written)
      ? [`comment = ${duckString(options.comment)}`]
      : []),
    ...(Object.keys(patch).length > 0
      ? [
          `properties = json_merge_patch(coalesce(properties, '{}'::JSON), ${duckString(JSON.stringify(patch))}::JSON)`,
        ]
      : []),
  ];
  if (sets.length > 0)
    await runDdl(ctx, (conn) =>
      conn.run(`UPDATE ${META_SCHEMA}.objects SET ${sets.join(", ")} WHERE ${objectWhere}`),
    );
  return statusResult(STATEMENT_OK);
}

/** UNSET COMMENT. */
async function unsetOptions(t: AlterTarget): Promise<HandlerOutput> {
  const { ctx, c, objectWhere } = t;
  if (/COMMENT/i.test(c.rest())) {
    await runDdl(ctx, (conn) =>
      conn.run(`UPDATE ${META_SCHEMA}.objects SET comment = NULL WHERE ${objectWhere}`),
    );
  }
  return statusResult(STATEMENT_OK);
}

/** ADD [COLUMN] [IF NOT EXISTS] <defs>; ADD CONSTRAINT is accepted and not enforced, as in Snowflake. */
async function addColumns(t: AlterTarget): Promise<HandlerOutput> {
  const { ctx, c, name, rel, columns, findColumn } = t;
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
  // The table's own DEFAULT_DDL_COLLATION, else its schema's or database's (default-collation.ts).
  const own = t.directory.relation(name)?.properties.defaultDdlCollation;
  const defaultCollation =
    typeof own === "string" ? own : await schemaDefaultCollation(ctx.connection, name.database, name.schema);
  const defs = columnDefinitions(specs.join(", "), "X", defaultCollation);
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
              `(${duckString(name.database)}, ${duckString(name.schema)}, ${duckString(name.name)}, ${duckString(d.name)}, ${start + i + 1}, ${duckString(d.dataType)}, ${d.nullable}, ${duckString(d.rowDefault === undefined ? recordedDefault(ctx, d.defaultValue) : d.defaultValue)}, ${duckString(d.comment)})`,
          )
          .join(", ")}`,
      );
    });
  }
  return statusResult(STATEMENT_OK);
}

/** DROP [COLUMN] [IF EXISTS] a, b; DROP CONSTRAINT / keys are accepted. */
async function dropColumns(t: AlterTarget): Promise<HandlerOutput> {
  const { ctx, c, rel, columnWhere, findColumn } = t;
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
      await conn.run(`DELETE FROM ${META_SCHEMA}.columns WHERE ${columnWhere} AND name = ${duckString(col)}`);
    }
    await renumber(conn, columnWhere);
  });
  return statusResult(STATEMENT_OK);
}

/** RENAME COLUMN a TO b. */
async function renameColumn(t: AlterTarget): Promise<HandlerOutput> {
  const { ctx, c, rel, columnWhere, findColumn } = t;
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

/** A sequence's NEXTVAL, the only default ALTER COLUMN … SET DEFAULT can give (and only in place of one). */
const NEXTVAL_DEFAULT = /^\s*(?:(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)\s*\.\s*){1,3}NEXTVAL\s*$/i;

/**
 * ALTER | MODIFY: one or more column actions, comma-separated or in parentheses, each naming its
 * column (`c1 DROP NOT NULL, COLUMN c4 DROP DEFAULT`): [SET | DROP] NOT NULL, COMMENT, UNSET COMMENT,
 * DROP DEFAULT, SET DEFAULT <sequence>.NEXTVAL, [SET DATA] TYPE. All run in one DDL.
 */
async function alterColumns(t: AlterTarget): Promise<HandlerOutput> {
  const { ctx, c } = t;
  const opening = c.peek();
  const actions = opening?.kind === "punct" && c.text(opening) === "(" ? new Cursor(c.group()) : c;
  await runDdl(ctx, async (conn) => {
    do {
      actions.accept("COLUMN");
      await alterColumn(t, actions, conn);
    } while (actions.acceptPunct(","));
  });
  if (!actions.done) actions.fail();
  return statusResult(STATEMENT_OK);
}

/** One column action of ALTER | MODIFY, read from `c`. */
async function alterColumn(t: AlterTarget, c: Cursor, conn: DuckDBConnection): Promise<void> {
  const { ctx, rel, columnWhere, findColumn } = t;
  const col = c.namePart().name;
  const column = findColumn(col);
  if (!column) throw sfErrors.invalidIdentifier(displayName(col));
  const colSql = quoteDuck(encodeName(col));
  const colWhere = `${columnWhere} AND name = ${duckString(col)}`;
  if (c.accept("SET", "NOT", "NULL")) {
    await conn.run(`ALTER TABLE ${rel} ALTER COLUMN ${colSql} SET NOT NULL`);
    await conn.run(`UPDATE ${META_SCHEMA}.columns SET nullable = false WHERE ${colWhere}`);
  } else if (c.accept("DROP", "NOT", "NULL")) {
    await conn.run(`ALTER TABLE ${rel} ALTER COLUMN ${colSql} DROP NOT NULL`);
    await conn.run(`UPDATE ${META_SCHEMA}.columns SET nullable = true WHERE ${colWhere}`);
  } else if (c.accept("COMMENT")) {
    await conn.run(`UPDATE ${META_SCHEMA}.columns SET comment = ${duckString(c.string())} WHERE ${colWhere}`);
  } else if (c.accept("UNSET", "COMMENT")) {
    await conn.run(`UPDATE ${META_SCHEMA}.columns SET comment = NULL WHERE ${colWhere}`);
  } else if (c.accept("DROP", "DEFAULT")) {
    await conn.run(`ALTER TABLE ${rel} ALTER COLUMN ${colSql} DROP DEFAULT`);
    await conn.run(`UPDATE ${META_SCHEMA}.columns SET default_value = NULL WHERE ${colWhere}`);
  } else if (c.accept("SET", "DEFAULT")) {
    // Snowflake changes a default only from one sequence to another (alter-table-column's usage notes).
    const expression = readColumnSpec(c);
    if (!NEXTVAL_DEFAULT.test(expression) || !NEXTVAL_DEFAULT.test(column.defaultValue ?? ""))
      throw sfErrors.unsupported("ALTER COLUMN … SET DEFAULT other than one sequence for another");
    await conn.run(`ALTER TABLE ${rel} ALTER COLUMN ${colSql} SET DEFAULT (${duckDefault(ctx, expression)})`);
    await conn.run(
      `UPDATE ${META_SCHEMA}.columns SET default_value = ${duckString(recordedDefault(ctx, expression))} WHERE ${colWhere}`,
    );
  } else {
    c.accept("SET", "DATA") || c.accept("SET");
    c.accept("TYPE");
    const type = parseSnowflakeType(readColumnSpec(c));
    if (type === null) return c.fail();
    await conn.run(`ALTER TABLE ${rel} ALTER COLUMN ${colSql} TYPE ${type.duckType}`);
    await conn.run(
      `UPDATE ${META_SCHEMA}.columns SET data_type = ${duckString(type.sqlType)} WHERE ${colWhere}`,
    );
  }
}

/** Actions in the order they are tried: the longer openings first (RENAME TO before RENAME COLUMN). */
const ACTIONS: [words: string[], action: (t: AlterTarget) => Promise<HandlerOutput>][] = [
  [["RENAME", "TO"], renameTable],
  [["SWAP", "WITH"], swapTables],
  [["CLUSTER", "BY"], setClustering],
  [["DROP", "CLUSTERING", "KEY"], dropClustering],
  [["SET"], setOptions],
  [["UNSET"], unsetOptions],
  [["ADD"], addColumns],
  [["DROP"], dropColumns],
  [["RENAME", "COLUMN"], renameColumn],
  [["ALTER"], alterColumns],
  [["MODIFY"], alterColumns],
];

export async function alterTable(ctx: StatementContext, c: Cursor): Promise<HandlerOutput> {
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
    const handled = await ctx.engine.catalog.tryExecute(ctx.session.hookContext(), ctx.sql);
    if (handled) return { kind: handled.kind, columns: handled.columns, rows: handled.rows };
    return statusResult(STATEMENT_OK);
  }
  await authorise(ctx, "TABLE", name, "ALTER");
  const where = `database_name = ${duckString(name.database)} AND schema_name = ${duckString(name.schema)}`;
  const columns = directory.columnsOf(name);
  const t: AlterTarget = {
    ctx,
    c,
    name,
    directory,
    rel: duckRelation(name.database, name.schema, name.name),
    where,
    objectWhere: `${where} AND name = ${duckString(name.name)} AND kind = 'TABLE'`,
    columnWhere: `${where} AND table_name = ${duckString(name.name)}`,
    columns,
    findColumn: (col) => columns.find((x) => x.name === col),
  };
  for (const [words, action] of ACTIONS) if (c.accept(...words)) return action(t);
  throw sfErrors.unsupported(`ALTER TABLE ${c.rest().split(/\s+/).slice(0, 2).join(" ")}`);
}
