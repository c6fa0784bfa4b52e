import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
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
