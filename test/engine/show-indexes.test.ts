import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/types.js";
import { freshSession, rows, show } from "./helpers.js";

/**
 * SHOW [TERSE] INDEXES over hybrid tables (docs: show-indexes, create-hybrid-table): the index
 * behind each table's primary key (SYS_INDEX_<table>_PRIMARY), its UNIQUE and FOREIGN KEY
 * constraints' indexes, and the INDEX items it declares, with their columns and covered columns.
 */
let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession("IDX_DB"));
  await session.executeScript(`
    CREATE HYBRID TABLE team (team_id INT PRIMARY KEY, name VARCHAR(20) UNIQUE);
    CREATE HYBRID TABLE player (
      player_id INT PRIMARY KEY,
      team_id INT FOREIGN KEY REFERENCES team (team_id),
      last_name VARCHAR(20),
      points INT,
      INDEX by_name (last_name) INCLUDE (points));
    CREATE TABLE plain (x INT PRIMARY KEY);
  `);
});

afterAll(async () => {
  await engine.close();
});

describe("SHOW INDEXES", () => {
  it("lists every hybrid table's indexes, primary key first, none for standard tables", async () => {
    const result = show(await session.execute("SHOW INDEXES"));
    expect(result.columns).toEqual([
      "created_on",
      "name",
      "kind",
      "is_unique",
      "columns",
      "included_columns",
      "status",
      "table",
      "database_name",
      "schema_name",
      "owner",
      "owner_role_type",
      "status_info",
    ]);
    expect(result.rows.map((r) => r.slice(1, 10))).toEqual([
      [
        "SYS_INDEX_PLAYER_PRIMARY",
        "KEY_VALUE_INDEX",
        "Y",
        "[PLAYER_ID]",
        "[]",
        "ACTIVE",
        "PLAYER",
        "IDX_DB",
        "PUBLIC",
      ],
      [
        "SYS_INDEX_PLAYER_FOREIGN_KEY_TEAM_ID_TEAM_TEAM_ID",
        "KEY_VALUE_INDEX",
        "N",
        "[TEAM_ID]",
        "[]",
        "ACTIVE",
        "PLAYER",
        "IDX_DB",
        "PUBLIC",
      ],
      ["BY_NAME", "KEY_VALUE_INDEX", "N", "[LAST_NAME]", "[POINTS]", "ACTIVE", "PLAYER", "IDX_DB", "PUBLIC"],
      [
        "SYS_INDEX_TEAM_PRIMARY",
        "KEY_VALUE_INDEX",
        "Y",
        "[TEAM_ID]",
        "[]",
        "ACTIVE",
        "TEAM",
        "IDX_DB",
        "PUBLIC",
      ],
      [
        "SYS_INDEX_TEAM_UNIQUE_NAME",
        "KEY_VALUE_INDEX",
        "Y",
        "[NAME]",
        "[]",
        "ACTIVE",
        "TEAM",
        "IDX_DB",
        "PUBLIC",
      ],
    ]);
    expect(result.rows[0]?.slice(10)).toEqual(["ACCOUNTADMIN", "ROLE", null]);
  });

  it("TERSE gives five columns; LIKE and IN TABLE filter", async () => {
    const terse = show(await session.execute("SHOW TERSE INDEXES LIKE '%primary%'"));
    expect(terse.columns).toEqual(["created_on", "name", "kind", "database_name", "schema_name"]);
    expect(terse.rows.map((r) => r[1])).toEqual(["SYS_INDEX_PLAYER_PRIMARY", "SYS_INDEX_TEAM_PRIMARY"]);
    expect((await rows(session, "SHOW INDEXES IN TABLE team")).map((r) => r[1])).toEqual([
      "SYS_INDEX_TEAM_PRIMARY",
      "SYS_INDEX_TEAM_UNIQUE_NAME",
    ]);
    expect(await rows(session, "SHOW INDEXES IN TABLE plain")).toEqual([]);
  });
});
