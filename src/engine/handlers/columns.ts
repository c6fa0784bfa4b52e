/** Column definitions: parsed with the transpiler, defaults translated, ordinals kept dense. */
import type { DuckDBConnection } from "@duckdb/node-api";
import { Dialect, generateDataType } from "../transpiler.js";
import type { Cursor } from "../cursor.js";
import { SnowflakeError, sfErrors } from "../errors.js";
import { checkFunctionCalls } from "../functions/check.js";
import { normaliseIdentifier } from "../identifiers.js";
import { META_SCHEMA } from "../metadata.js";
import { isIdent } from "../resolve.js";
import { finishNextval, qualifyNextval, rewriteNextval } from "../sequences.js";
import type { StatementContext } from "../session.js";
import { parseStatement, printSnowflake, toDuck } from "../translate.js";
import { parseCollationSpec } from "../collation/spec.js";
import { parenthesiseDefaults } from "../default-expressions.js";
import { hideTypeSyntax } from "../type-syntax.js";
import { columnsRead, qualifyColumns } from "../row-defaults.js";
import { declaredTypeText, parseSnowflakeType, type SnowflakeType } from "../types-map.js";
import { udfLookup } from "../udf-lookup.js";
import type { ColumnRow } from "./ddl.js";

let selectTemplate: Record<string, unknown> | null = null;

/** Snowflake SQL text of an expression node (for column defaults). */
function expressionText(node: unknown): string {
  if (selectTemplate === null) selectTemplate = parseStatement("SELECT 1");
  const copy = JSON.parse(JSON.stringify(selectTemplate)) as { select: { expressions: unknown[] } };
  copy.select.expressions = [node];
  return printSnowflake(copy as unknown as Record<string, unknown>).replace(/^SELECT\s+/i, "");
}

export interface ColumnDefinition extends ColumnRow {
  duckType: string;
  /**
   * A default that reads other columns of the row, as written (row-defaults.ts applies it at
   * INSERT); `defaultValue` then holds it with those columns qualified by the table, as SHOW prints it.
   */
  rowDefault?: string;
  /** Declared BINARY (fixed length in SHOW COLUMNS), not VARBINARY. */
  fixedBinary?: boolean;
  /** `order`: ORDER was written (Snowflake's identity columns are NOORDER by default). */
  autoIncrement: { start: string; increment: string; order: boolean } | null;
}

/**
 * Column definitions of `CREATE TABLE x (<defs>)`, via the transpiler's parser; `table` (the table's
 * name) qualifies the columns a row-reading default shows. A text column written without COLLATE
 * gets `defaultCollation` (the effective DEFAULT_DDL_COLLATION, default-collation.ts), as if written.
 */
export function columnDefinitions(
  defs: string,
  table = "X",
  defaultCollation: string | null = null,
): ColumnDefinition[] {
  const defaults = parenthesiseDefaults(defs);
  const ast = parseStatement(hideTypeSyntax(`CREATE TABLE x (${defaults.text})`)) as {
    create_table?: { columns?: Record<string, unknown>[] };
  };
  const columns = ast.create_table?.columns ?? [];
  const names = new Set(
    columns.flatMap((col) =>
      isIdent(col.name) ? [normaliseIdentifier(col.name.name, col.name.quoted)] : [],
    ),
  );
  let defaultIndex = 0;
  return columns.map((col) => {
    // A default put in parentheses only so that it parses reads as written.
    if (col.default && defaults.wrapped[defaultIndex++]) {
      const paren = (col.default as { paren?: { this?: unknown } }).paren;
      if (paren?.this) col.default = paren.this;
    }
    const nameNode = col.name;
    if (!isIdent(nameNode)) throw sfErrors.syntax(1, 0, "");
    const name = normaliseIdentifier(nameNode.name, nameNode.quoted);
    const generated = generateDataType(col.data_type as never, Dialect.Snowflake);
    const written = generated.success && generated.sql ? generated.sql : "VARCHAR";
    const parsed = parseSnowflakeType(written);
    const type =
      parsed !== null && defaultCollation && takesDefaultCollation(parsed, written)
        ? { ...parsed, collation: defaultCollation }
        : parsed;
    if (type === null) {
      throw new SnowflakeError(
        "002040",
        "42601",
        `SQL compilation error:\nUnsupported data type '${written}'.`,
      );
    }
    // A column's collation is validated when it is declared, as Snowflake does.
    if (type.collation !== undefined) parseCollationSpec(type.collation);
    const order = (col.constraint_order as string[] | undefined) ?? [];
    const nullable = !(col.nullable === false || order.includes("NotNull") || col.primary_key === true);
    const constraints = (col.constraints as Record<string, unknown>[] | undefined) ?? [];
    const commentConstraint = constraints.find((k) => typeof k.Comment === "string");
    const comment =
      typeof col.comment === "string"
        ? col.comment
        : ((commentConstraint?.Comment as string | undefined) ?? null);
    const reads = col.default ? columnsRead(col.default, names) : [];
    const rowDefault = reads.length ? { rowDefault: expressionText(col.default) } : {};
    const defaultValue = !col.default
      ? null
      : reads.length
        ? expressionText(qualifyColumns(col.default, table, names))
        : expressionText(col.default);
    const fixedBinary = (col.data_type as { data_type?: unknown } | undefined)?.data_type === "binary";
    const autoIncrement = col.auto_increment
      ? {
          start: col.auto_increment_start ? expressionText(col.auto_increment_start) : "1",
          increment: col.auto_increment_increment ? expressionText(col.auto_increment_increment) : "1",
          order: col.auto_increment_order === true,
        }
      : null;
    return {
      name,
      dataType: declaredTypeText(type),
      nullable,
      defaultValue,
      comment,
      duckType: type.duckType,
      autoIncrement,
      ...rowDefault,
      ...(fixedBinary ? { fixedBinary } : {}),
    };
  });
}

/** A text column written without COLLATE (geography and geometry are no text to collate). */
function takesDefaultCollation(type: SnowflakeType, written: string): boolean {
  return (
    type.type === "text" && !/^(GEOGRAPHY|GEOMETRY)$/.test(type.sqlType) && !/\sCOLLATE\s/i.test(written)
  );
}

/**
 * A default as the metadata records it (DESCRIBE TABLE, SHOW COLUMNS, GET_DDL): as written, but a
 * sequence it reads named in full, resolved in the session's current schema at declaration.
 */
export function recordedDefault(ctx: StatementContext, expression: string | null): string | null {
  if (expression === null) return null;
  const state = ctx.session.stateValue;
  return qualifyNextval(expression, { database: state.database, schema: state.schema });
}

/** DuckDB SQL for a default expression written in Snowflake SQL. */
export function duckDefault(ctx: StatementContext, expression: string): string {
  checkFunctionCalls(`SELECT ${expression}`, udfLookup(ctx.engine.directory, ctx.session.stateValue));
  const state = ctx.session.stateValue;
  const text = rewriteNextval(`SELECT ${expression}`, { database: state.database, schema: state.schema });
  return finishNextval(toDuck(text, ctx.engine.functions)).replace(/^SELECT\s+/i, "");
}

/** Reads a column type and its modifiers up to the next top-level comma. */
export function readColumnSpec(c: Cursor): string {
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

export async function renumber(conn: DuckDBConnection, columnWhere: string): Promise<void> {
  await conn.run(
    `UPDATE ${META_SCHEMA}.columns AS c SET ordinal = r.n FROM (SELECT name, row_number() OVER (ORDER BY ordinal) AS n FROM ${META_SCHEMA}.columns WHERE ${columnWhere}) r WHERE c.name = r.name AND ${columnWhere.replaceAll("database_name", "c.database_name").replaceAll("schema_name", "c.schema_name").replaceAll("table_name", "c.table_name")}`,
  );
}
