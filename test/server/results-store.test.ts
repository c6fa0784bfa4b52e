/**
 * The result store's bounds: replies beyond the memory budget go to disk and come back intact,
 * results expire after their lifetime, the oldest go beyond the entry cap, and a user sees only
 * their own. Chunk plans grow like Snowflake's and never exceed the maximum chunk size.
 */
import { existsSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_CHUNK_BYTES, planChunks } from "../../src/engine/server/chunks.js";
import { ResultStore } from "../../src/engine/server/results-store.js";

const stores: ResultStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

function store(options: ConstructorParameters<typeof ResultStore>[0]): ResultStore {
  const made = new ResultStore(options);
  stores.push(made);
  return made;
}

const reply = (id: number) => ({ queryId: `q${id}`, rowset: [[String(id), "x".repeat(1000)]] });

describe("ResultStore", () => {
  it("writes the oldest replies to disk beyond its memory budget and reads them back", () => {
    const results = store({ memoryBudgetBytes: 5_000 });
    for (let i = 0; i < 20; i++) results.succeed(results.begin(`q${i}`, "U", "SELECT", "k"), reply(i));
    const oldest = results.get("q0", "U")!;
    expect(oldest.data).toBeUndefined();
    expect(existsSync(oldest.dataFile!)).toBe(true);
    expect(results.data(oldest)).toEqual(reply(0));
    const newest = results.get("q19", "U")!;
    expect(newest.data).toEqual(reply(19));
  });

  it("forgets results after their lifetime and the oldest beyond the entry cap", () => {
    let now = 1_000;
    const results = store({ lifetimeMs: 100, maxEntries: 3, now: () => now });
    results.succeed(results.begin("old", "U", "SELECT 1", "k"), reply(1));
    now += 101;
    expect(results.get("old", "U")).toBeUndefined();
    for (const id of ["a", "b", "c", "d"]) results.succeed(results.begin(id, "U", "SELECT 1", "k"), reply(2));
    expect(results.get("a", "U")).toBeUndefined();
    expect(results.get("d", "U")?.status).toBe("SUCCESS");
    expect(results.size).toBe(3);
  });

  it("shows a result only to the user who ran it, and keeps failures with their error", () => {
    const results = store({});
    const failed = results.begin("f", "ALICE", "SELECT nope", "k");
    results.fail(failed, { code: "002003", sqlState: "42S02", message: "does not exist" });
    expect(results.get("f", "BOB")).toBeUndefined();
    expect(results.get("f", "ALICE")).toMatchObject({
      status: "FAILED_WITH_ERROR",
      error: { code: "002003" },
    });
  });
});

describe("planChunks", () => {
  it("starts near 256 KB, doubles, stops at the maximum, and covers every row", () => {
    const plan = planChunks(3_000_000, 50);
    expect(plan.reduce((a, b) => a + b, 0)).toBe(3_000_000);
    expect(plan[0]).toBe(Math.floor((256 * 1024) / 50));
    expect(plan[1]).toBe(Math.floor((512 * 1024) / 50));
    for (const rows of plan) expect(rows * 50).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
    expect(plan.at(-2)).toBe(Math.floor(MAX_CHUNK_BYTES / 50));
  });

  it("gives a row wider than a chunk a chunk of its own", () => {
    expect(planChunks(3, 20 * 1024 * 1024)).toEqual([1, 1, 1]);
  });
});
