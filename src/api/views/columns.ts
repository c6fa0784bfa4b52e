/**
 * The columns of a view as the target sees them, read the same way for both sides so that they
 * compare like for like: the live view with `SELECT * FROM <view> LIMIT 0`, the declared one by
 * running its rendered SELECT as a subquery with `LIMIT 0` (nothing is created; it reads the
 * target's tables and views). Also the comparison of two column lists.
 */
import type { Driver, DriverColumn } from "../../driver/types.js";
import { DriverError, ProjectError } from "../../errors/index.js";
import type { ViewObject } from "../../model/index.js";

/** One column of a view's result. */
export interface ViewColumn {
  name: string;
  /** Snowflake type as the driver reports it, e.g. `NUMBER(38,2)`, `VARCHAR(16777216)`. */
  type: string;
}

/** A column whose type differs between the live view and the declared one. */
export interface RetypedColumn {
  name: string;
  live: string;
  declared: string;
}

/** What the declared columns change against the live ones. */
export interface ColumnChanges {
  added: ViewColumn[];
  removed: ViewColumn[];
  retyped: RetypedColumn[];
}

/**
 * The column's SQL type as its driver reports it (`NUMBER(38,2)`, `TIMESTAMP_NTZ(9)`); snowflake-sdk
 * passes on no text or binary length (`VARCHAR`). Both sides of a comparison come from one driver,
 * so they compare like for like. A family neither driver spells out is shown upper-cased.
 */
export function columnType(column: DriverColumn): string {
  return column.sqlType ?? column.type.toUpperCase();
}

async function columnsOf(driver: Driver, sql: string, queryTag: string): Promise<ViewColumn[]> {
  const result = await driver.execute(sql, { queryTag });
  return result.columns.map((c) => ({ name: c.name, type: columnType(c) }));
}

/** The live view's columns. */
export function liveViewColumns(driver: Driver, view: string, queryTag: string): Promise<ViewColumn[]> {
  return columnsOf(driver, `SELECT * FROM ${view} LIMIT 0`, queryTag);
}

/** `error line 3 at position 7` in a Snowflake compilation error. */
function errorLine(message: string): number | undefined {
  const match = /\bline (\d+) at position \d+/i.exec(message);
  return match ? Number(match[1]) : undefined;
}

/**
 * The first line of the query that names what an `invalid identifier 'X'` or `Object 'DB.S.X' does
 * not exist` error is about: the local engine's messages carry no line, Snowflake's do not always.
 */
function lineNaming(query: string, message: string): number | undefined {
  const named = /invalid identifier '([^']+)'|Object '([^']+)' does not exist/i.exec(message);
  const identifier = named?.[1] ?? named?.[2];
  if (!identifier) return undefined;
  const bare = identifier.split(".").pop() ?? identifier;
  const pattern = new RegExp(
    `(^|[^A-Za-z0-9_$])${bare.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^A-Za-z0-9_$])`,
    "i",
  );
  const index = query.split("\n").findIndex((line) => !line.trim().startsWith("--") && pattern.test(line));
  return index >= 0 ? index + 1 : undefined;
}

/**
 * The declared view's columns on the target. The query starts on the wrapper's second line, so an
 * error on line L of the wrapper is on line `sourceLine + L - 2` of the view's file. Throws
 * ProjectError VIEW_QUERY_FAILED with that file:line when the target cannot run the SELECT.
 */
export async function declaredViewColumns(
  driver: Driver,
  view: ViewObject,
  queryTag: string,
): Promise<ViewColumn[]> {
  try {
    return await columnsOf(driver, `SELECT * FROM (\n${view.query}\n) LIMIT 0`, queryTag);
  } catch (error) {
    if (!(error instanceof DriverError)) throw error;
    const message = error.message.replace(/\s+/g, " ").trim();
    const wrapperLine = errorLine(error.message);
    const queryLine =
      wrapperLine !== undefined ? Math.max(1, wrapperLine - 1) : lineNaming(view.query, error.message);
    const firstLine = view.sourceLine ?? 1;
    throw new ProjectError(
      "VIEW_QUERY_FAILED",
      `the declared SELECT of ${view.name} fails on the target: ${message}`,
      {
        location: {
          ...(view.source ? { file: view.source } : {}),
          line: firstLine + (queryLine ?? 1) - 1,
          object: `VIEW ${view.name}`,
        },
        hint: "Fix the view's SQL, or, if it reads a column or table that a pending migration creates, run `mercurios migrate up` on the target first (views diff reads the target's tables as they are).",
        cause: error,
      },
    );
  }
}

/** Added, removed and retyped columns of `declared` against `live` (names compared exactly, as Snowflake stores them). */
export function compareColumns(declared: readonly ViewColumn[], live: readonly ViewColumn[]): ColumnChanges {
  const liveByName = new Map(live.map((c) => [c.name, c]));
  const declaredNames = new Set(declared.map((c) => c.name));
  const retyped: RetypedColumn[] = [];
  for (const column of declared) {
    const current = liveByName.get(column.name);
    if (current && current.type !== column.type)
      retyped.push({ name: column.name, live: current.type, declared: column.type });
  }
  return {
    added: declared.filter((c) => !liveByName.has(c.name)),
    removed: live.filter((c) => !declaredNames.has(c.name)),
    retyped,
  };
}
