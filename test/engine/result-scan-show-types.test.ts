/**
 * RESULT_SCAN (and the ->> pipe, which reads $1 the same way) of a SHOW result keeps each column's
 * type: created_on stays a TIMESTAMP_LTZ shown in the session's time zone with its offset, as SHOW
 * shows it, and compares with a DATE as a timestamp does.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { freshSession, show } from "./helpers.js";

let engine: Engine;
let session: EngineSession;
const LTZ = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} [-+]\d{4}$/;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.executeScript(`
    alter session set timezone = 'America/New_York';
    create table scanned_one (a int);
  `);
});

afterAll(async () => {
  await engine.close();
});

describe("RESULT_SCAN of a SHOW result", () => {
  it("keeps created_on as a TIMESTAMP_LTZ with the session's offset", async () => {
    await session.execute("show tables");
    const scanned = show(
      await session.execute(`select "created_on", "name" from table(result_scan(last_query_id()))
        where "created_on" > '2025-04-15'::date`),
    );
    expect(scanned.types[0]).toMatch(/^TIMESTAMP_LTZ/);
    expect(scanned.rows).toHaveLength(1);
    expect(scanned.rows[0]![0]).toMatch(LTZ);
    expect(scanned.rows[0]![0]).toMatch(/ -0[45]00$/);
    expect(scanned.rows[0]![1]).toBe("SCANNED_ONE");
  });

  it("keeps it through the ->> pipe", async () => {
    const piped = show(
      await session.execute(`show tables ->> select "created_on" as creation_date, "name" as table_name from $1`),
    );
    expect(piped.types[0]).toMatch(/^TIMESTAMP_LTZ/);
    expect(piped.rows[0]![0]).toMatch(/ -0[45]00$/);
  });
});
