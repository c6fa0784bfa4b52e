/**
 * Every function the inventory marks `n/a` or `unsupported` in the context, system, information
 * schema, metadata, table, data generation, conditional and date & time categories is refused
 * with Snowflake's "feature not supported" error (002040 / 0A000), saying why: the cloud service it
 * needs (`n/a`) or that the local engine does not emulate it (`unsupported`). Table functions are
 * called where Snowflake calls them, in `TABLE(…)`; information schema ones qualified as the
 * documentation writes them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inventoryOf } from "../../src/engine/functions/inventory/index.js";
import { type InventoryCategory, SERVICES } from "../../src/engine/functions/inventory/types.js";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { failure, freshSession } from "./helpers.js";

const CATEGORIES: InventoryCategory[] = [
  "context",
  "system",
  "information-schema",
  "metadata",
  "table",
  "data-generation",
  "conditional",
  "datetime",
];

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
});

afterAll(async () => {
  await engine.close();
});

const refused = CATEGORIES.flatMap((category) =>
  inventoryOf(category).filter(
    (e) => (e.status === "n/a" || e.status === "unsupported") && e.syntax === undefined,
  ),
);

function callOf(name: string, category: InventoryCategory, isTable: boolean): string {
  if (category === "information-schema") return `SELECT * FROM TABLE(INFORMATION_SCHEMA.${name}())`;
  return isTable ? `SELECT * FROM TABLE(${name}())` : `SELECT ${name}()`;
}

describe("functions the local engine refuses", () => {
  it("there are such entries in these categories", () => {
    expect(refused.length).toBeGreaterThan(300);
  });

  it("each is refused with 002040 / 0A000 and the reason", async () => {
    const wrong: string[] = [];
    for (const entry of refused) {
      const isTable = entry.category === "table" || entry.alsoIn?.includes("table") === true;
      const sql = callOf(entry.name, entry.category, isTable);
      const error = await failure(session, sql);
      const written =
        entry.category === "information-schema" ? `INFORMATION_SCHEMA.${entry.name}` : entry.name;
      const reason =
        entry.status === "n/a"
          ? `Function ${written} needs ${entry.service === undefined ? "a Snowflake cloud service" : SERVICES[entry.service]}`
          : `Function ${written} is not emulated by the local engine`;
      if (error.code !== "002040" || error.sqlState !== "0A000" || !error.message.includes(reason))
        wrong.push(`${sql}: ${error.code} ${error.sqlState} ${error.message}`);
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it("an unsupported function's note says what to do instead", async () => {
    expect((await failure(session, "SELECT * FROM TABLE(INFORMATION_SCHEMA.QUERY_HISTORY())")).message).toBe(
      "SQL compilation error:\nFunction INFORMATION_SCHEMA.QUERY_HISTORY is not emulated by the local engine (the local engine keeps its query log in SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY: query that view). Run it against a Snowflake environment.",
    );
  });
});
