/**
 * What the engine writes into a file at open (metadata tables, INFORMATION_SCHEMA views, the clock
 * macro, function macros, the catalog's tables) is written once per file and stamped
 * (src/engine/install-stamp.ts): a later open of an unchanged file writes nothing, yet everything
 * those statements made still works; changed statements are run again.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/engine/index.js";
import { InstallStamps } from "../../src/engine/install-stamp.js";

const dir = mkdtempSync(join(tmpdir(), "mercurios-open-stamps-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Opens `file` with plain DuckDB, runs `work`, closes (with DuckDB's checkpoint). */
async function withDuckDb<T>(
  file: string,
  work: (c: Awaited<ReturnType<DuckDBInstance["connect"]>>) => Promise<T>,
) {
  const instance = await DuckDBInstance.create(file, { storage_compatibility_version: "v1.4.0" });
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe("install stamps", () => {
  it("run a part's statements once per file, and again when they change", async () => {
    const file = join(dir, "parts.duckdb");
    const part = ["CREATE TABLE IF NOT EXISTS log (n INTEGER)", "INSERT INTO log VALUES (1)"];
    const changed = ["CREATE TABLE IF NOT EXISTS log (n INTEGER)", "INSERT INTO log VALUES (2)"];
    const open = (statements: string[]) =>
      withDuckDb(file, async (connection) => {
        await connection.run(
          "CREATE SCHEMA IF NOT EXISTS _mercurios; CREATE TABLE IF NOT EXISTS _mercurios.installed (what VARCHAR PRIMARY KEY, stamp VARCHAR NOT NULL)",
        );
        const stamps = await InstallStamps.read(connection, file);
        await stamps.runOnce("part", statements);
        return (await connection.runAndReadAll("SELECT n FROM log ORDER BY rowid")).getRows();
      });
    expect(await open(part)).toEqual([[1]]);
    // Same statements: not run again (still one row).
    expect(await open(part)).toEqual([[1]]);
    // Changed statements: run once more, then kept.
    expect(await open(changed)).toEqual([[1], [2]]);
    expect(await open(changed)).toEqual([[1], [2]]);
  }, 60_000);

  it("never skip anything in an in-memory database", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      const stamps = await InstallStamps.read(connection, ":memory:");
      await connection.run("CREATE TABLE log (n INTEGER)");
      await stamps.runOnce("part", ["INSERT INTO log VALUES (1)"]);
      await stamps.runOnce("part", ["INSERT INTO log VALUES (1)"]);
      expect((await connection.runAndReadAll("SELECT count(*)::INTEGER FROM log")).getRows()).toEqual([[2]]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});

describe("a file engine opened again", () => {
  it("writes nothing at open, and its views, macros and catalog still work", async () => {
    const file = join(dir, "engine.duckdb");
    const first = await openEngine({ path: file });
    try {
      const session = await first.openSession();
      await session.execute("CREATE DATABASE SALES");
      await session.execute("CREATE TABLE SALES.PUBLIC.ORDERS (ID NUMBER(10,0))");
      await session.execute("CREATE ROLE ANALYST");
    } finally {
      await first.close();
    }
    // The first open created the SNOWFLAKE database after the INFORMATION_SCHEMA views; the second
    // open (a new database set) creates its views. From the third on, nothing is written at open.
    const second = await openEngine({ path: file });
    await second.close();

    const stamps = await withDuckDb(file, async (c) =>
      (await c.runAndReadAll("SELECT what FROM _mercurios.installed ORDER BY what")).getRows().flat(),
    );
    expect(stamps).toEqual(["account_store", "clock", "functions", "information_schemas", "metadata"]);

    expect(existsSync(`${file}.wal`)).toBe(false);
    const third = await openEngine({ path: file });
    try {
      // DuckDB logs every write of a transaction in the WAL before the checkpoint at close: an open
      // that wrote anything (a view or macro re-created, a stamp) would have left one.
      expect(existsSync(`${file}.wal`)).toBe(false);
      const session = await third.openSession();
      const tables = await session.execute(
        "SELECT TABLE_NAME FROM SALES.INFORMATION_SCHEMA.TABLES ORDER BY TABLE_NAME",
      );
      expect(tables.rows).toEqual([["ORDERS"]]);
      const usage = await session.execute(
        "SELECT count(*) AS N FROM SNOWFLAKE.INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = 'ACCOUNT_USAGE'",
      );
      expect(usage.rows).toEqual([["1"]]);
      // A function macro (DIV0: a division, so scale 0 + 6) and the clock macro behind CURRENT_DATE.
      const calls = await session.execute("SELECT DIV0(1, 0) AS Z, CURRENT_DATE() IS NOT NULL AS T");
      expect(calls.rows).toEqual([["0.000000", true]]);
      const roles = await session.execute("SHOW ROLES LIKE 'ANALYST'");
      expect(roles.rowCount).toBe(1);
    } finally {
      await third.close();
    }
  }, 180_000);
});

describe("a file engine opened with deferCheckpoint", () => {
  async function write(file: string, deferCheckpoint: boolean, statements: string[]) {
    const engine = await openEngine({ path: file, deferCheckpoint });
    try {
      const session = await engine.openSession();
      for (const statement of statements) await session.execute(statement);
    } finally {
      await engine.close();
    }
  }

  it("leaves a small write-ahead log at close, which the next open replays", async () => {
    const file = join(dir, "deferred.duckdb");
    await write(file, false, ["CREATE DATABASE D", "CREATE TABLE D.PUBLIC.T (A NUMBER(10,0))"]);
    // A plain close checkpoints: no log is left.
    expect(existsSync(`${file}.wal`)).toBe(false);
    await write(file, true, ["INSERT INTO D.PUBLIC.T VALUES (7)"]);
    expect(existsSync(`${file}.wal`)).toBe(true);
    // A plain engine (and a deferring one) sees the row, and its query history the INSERT.
    const engine = await openEngine({ path: file });
    try {
      const session = await engine.openSession();
      expect((await session.execute("SELECT A FROM D.PUBLIC.T")).rows).toEqual([["7"]]);
      const history = await session.execute(
        "SELECT count(*) AS N FROM SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY WHERE QUERY_TEXT = 'INSERT INTO D.PUBLIC.T VALUES (7)'",
      );
      expect(history.rows).toEqual([["1"]]);
    } finally {
      await engine.close();
    }
    expect(existsSync(`${file}.wal`)).toBe(false);
  }, 180_000);

  it("checkpoints a log of 256 KB or more as usual", async () => {
    const file = join(dir, "large.duckdb");
    await write(file, false, ["CREATE DATABASE D", "CREATE TABLE D.PUBLIC.T (S VARCHAR)"]);
    // 400,000 characters of row data: the log holds at least that many bytes.
    await write(file, true, [`INSERT INTO D.PUBLIC.T SELECT REPEAT('x', 400000)`]);
    expect(existsSync(`${file}.wal`)).toBe(false);
  }, 180_000);
});
