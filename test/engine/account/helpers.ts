/**
 * A fresh engine with the account catalog, and helpers that read results as text. With the default
 * catalog options and no file named, the engine is a copy of a new engine's file (../fresh-engine.ts:
 * the same new account, without paying the install of a new in-memory engine at every test).
 */
import { Catalog, type CatalogOptions } from "../../../src/engine/catalog/index.js";
import { displayValue } from "../../../src/engine/format.js";
import { type EngineSession, openEngine, SnowflakeError } from "../../../src/engine/index.js";
import type { Engine, SessionOptions } from "../../../src/engine/types.js";
import { openFreshEngine } from "../fresh-engine.js";

export interface Table {
  columns: string[];
  rows: (string | null)[][];
}

export interface Account {
  engine: Engine;
  catalog: Catalog;
  session: EngineSession;
  /** Runs statements in order, returning the last result as text. */
  run(...sql: string[]): Promise<Table>;
  /** Rows of one column by name. */
  column(sql: string, name: string): Promise<(string | null)[]>;
  /** The error a statement fails with. */
  error(sql: string): Promise<SnowflakeError>;
  /** Another session (another user or role). */
  open(options: SessionOptions): Promise<Session>;
  close(): Promise<void>;
}

export interface Session {
  run(...sql: string[]): Promise<Table>;
  error(sql: string): Promise<SnowflakeError>;
}

function wrap(session: EngineSession): Session {
  return {
    async run(...sql: string[]) {
      let last: Table = { columns: [], rows: [] };
      for (const statement of sql) {
        const r = await session.execute(statement);
        last = {
          columns: r.columns.map((c) => c.name),
          rows: r.rows.map((row) => row.map((v, i) => displayValue(v, r.columns[i]!))),
        };
      }
      return last;
    },
    async error(sql: string) {
      try {
        await session.execute(sql);
      } catch (e) {
        if (e instanceof SnowflakeError) return e;
        throw e;
      }
      throw new Error(`expected failure: ${sql}`);
    },
  };
}

export async function openAccount(options: CatalogOptions = {}, path?: string): Promise<Account> {
  const catalog = new Catalog(options);
  const { engine, dispose } =
    path === undefined && Object.keys(options).length === 0
      ? await openFreshEngine(catalog)
      : await openEngine({ path: path ?? ":memory:", catalog }).then((e) => ({
          engine: e,
          dispose: () => e.close(),
        }));
  const session = await engine.openSession();
  const main = wrap(session);
  return {
    engine,
    catalog,
    session,
    run: main.run,
    error: main.error,
    async column(sql, name) {
      const t = await main.run(sql);
      const i = t.columns.indexOf(name);
      if (i < 0) throw new Error(`no column ${name} in ${t.columns.join(",")}`);
      return t.rows.map((r) => r[i]!);
    },
    async open(options) {
      return wrap(await engine.openSession(options));
    },
    close: dispose,
  };
}

/** One row as a column → value record. */
export function record(t: Table, index = 0): Record<string, string | null> {
  const row = t.rows[index];
  if (!row) throw new Error(`no row ${index}`);
  return Object.fromEntries(t.columns.map((c, i) => [c, row[i]!]));
}
