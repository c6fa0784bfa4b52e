import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/types.js";
import { freshSession, show } from "./helpers.js";

/**
 * SHOW MATERIALIZED VIEWS prints the show-materialized-views page's columns (rows, bytes, the base
 * table, refresh state), not SHOW VIEWS': a materialized view computed when read is never behind.
 */
let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession("MV_DB"));
  await session.executeScript(`
    CREATE SCHEMA src;
    CREATE TABLE src.inventory (id INT, price NUMBER(10,2));
    INSERT INTO src.inventory VALUES (1, 2.50), (2, 3.75);
    USE SCHEMA mv_db.public;
    CREATE MATERIALIZED VIEW mv1 COMMENT = 'prices' AS SELECT id, price FROM src.inventory;
    CREATE MATERIALIZED VIEW mv2 CLUSTER BY (id) AS SELECT id FROM MV_DB.SRC."INVENTORY" WHERE id > 1;
    CREATE VIEW plain_v AS SELECT id FROM src.inventory;
  `);
});

afterAll(async () => {
  await engine.close();
});

describe("SHOW MATERIALIZED VIEWS", () => {
  it("lists materialized views only, with their base table, rows and refresh state", async () => {
    const result = show(await session.execute("SHOW MATERIALIZED VIEWS"));
    expect(result.columns).toEqual([
      "created_on",
      "name",
      "reserved",
      "database_name",
      "schema_name",
      "cluster_by",
      "rows",
      "bytes",
      "source_database_name",
      "source_schema_name",
      "source_table_name",
      "refreshed_on",
      "compacted_on",
      "owner",
      "invalid",
      "invalid_reason",
      "behind_by",
      "comment",
      "text",
      "is_secure",
      "automatic_clustering",
      "owner_role_type",
    ]);
    const pick = (row: (string | null)[]) => [
      row[1],
      row[5],
      row[6],
      row[8],
      row[9],
      row[10],
      row[12],
      row[13],
      row[14],
      row[16],
      row[17],
      row[20],
    ];
    expect(result.rows.map(pick)).toEqual([
      ["MV1", "", "2", "MV_DB", "SRC", "INVENTORY", null, "ACCOUNTADMIN", "false", "0s", "prices", "OFF"],
      ["MV2", "LINEAR(ID)", "1", "MV_DB", "SRC", "INVENTORY", null, "ACCOUNTADMIN", "false", "0s", "", "ON"],
    ]);
    expect(result.rows[0]?.[11]).toBe(result.rows[0]?.[0]);
  });
});
