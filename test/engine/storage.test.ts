import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import { SnowflakeError } from "../../src/engine/errors.js";
import { openEngine } from "../../src/engine/index.js";
import { isTransientOpenError, openStorage } from "../../src/engine/storage.js";

const dir = mkdtempSync(join(tmpdir(), "mercurios-storage-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("opening the engine file", () => {
  it("retries while another process holds the file or is deleting its WAL on close", () => {
    expect(
      isTransientOpenError(
        new Error('IO Error: Could not set lock on file "/p/local.duckdb": Conflicting lock is held in node'),
      ),
    ).toBe(true);
    expect(
      isTransientOpenError(
        new Error('IO Error: Cannot open file "/p/local.duckdb.wal": No such file or directory'),
      ),
    ).toBe(true);
  });

  it("fails at once on a file that is not an engine file", async () => {
    const notDuckDb = join(dir, "notes.duckdb");
    writeFileSync(notDuckDb, "these are not the bytes of a DuckDB file\n".repeat(200));
    let caught: unknown;
    try {
      await openStorage(notDuckDb, 60_000);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    expect(isTransientOpenError(caught)).toBe(false);
  });
});

describe("the engine file's storage format", () => {
  it("a new file holds the date/time functions (typed macros) and opens again", async () => {
    const file = join(dir, "fresh.duckdb");
    for (let round = 0; round < 2; round++) {
      const engine = await openEngine({ path: file });
      try {
        const session = await engine.openSession();
        const result = await session.execute("SELECT TO_DATE('05/10/2024', 'MM/DD/YYYY') AS d");
        // A DATE cell is days since 1970-01-01.
        expect(result.rows).toEqual([[Date.UTC(2024, 4, 10) / 86_400_000]]);
      } finally {
        await engine.close();
      }
    }
  }, 180_000);

  it("a file in DuckDB's older default format fails with an error naming the file and what to do", async () => {
    const file = join(dir, "old-format.duckdb");
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    await connection.run("CREATE TABLE kept (id INTEGER)");
    connection.closeSync();
    instance.closeSync();
    let caught: unknown;
    try {
      await openEngine({ path: file });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SnowflakeError);
    const message = (caught as SnowflakeError).message;
    expect(message).toContain(file);
    expect(message).toMatch(/older storage format/);
    expect(message).toMatch(/--local-db/);
  }, 180_000);
});
