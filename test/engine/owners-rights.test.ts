import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineSession } from "../../src/engine/index.js";
import { type FreshEngine, openFreshEngine } from "./fresh-engine.js";
import { failure, rows } from "./helpers.js";

/**
 * EXECUTE AS OWNER (the default) against CALLER in a JavaScript procedure: an owner's rights
 * procedure sees none of the caller's session variables and cannot set or unset one.
 */
describe("owner's rights JavaScript procedures and session variables", () => {
  let fresh: FreshEngine;
  let session: EngineSession;
  const procedure = (name: string, rights: string, sqlText: string) =>
    `create procedure ${name}() returns varchar language javascript ${rights} as $$
       var rs = snowflake.createStatement({sqlText: ${JSON.stringify(sqlText)}}).execute();
       rs.next();
       return String(rs.getColumnValue(1));
     $$`;
  beforeAll(async () => {
    fresh = await openFreshEngine();
    session = await fresh.engine.openSession();
    await session.executeScript("create database orp; set caller_var = 41;");
    await session.execute(procedure("reads_as_caller", "execute as caller", "select $caller_var + 1"));
    await session.execute(procedure("reads_as_owner", "execute as owner", "select $caller_var + 1"));
    await session.execute(procedure("reads_by_default", "", "select $caller_var + 1"));
    await session.execute(procedure("sets_as_owner", "execute as owner", "set inner_var = 1"));
    await session.execute(procedure("sets_as_caller", "execute as caller", "set inner_var = 2"));
  });
  afterAll(() => fresh.dispose());

  it("lets a caller's rights procedure read and set session variables", async () => {
    expect(await rows(session, "call reads_as_caller()")).toEqual([["42"]]);
    await session.execute("call sets_as_caller()");
    expect(await rows(session, "select $inner_var")).toEqual([["2"]]);
  });

  it("hides the caller's variables from an owner's rights procedure, the default", async () => {
    for (const name of ["reads_as_owner", "reads_by_default"]) {
      const error = await failure(session, `call ${name}()`);
      expect(error.message, name).toContain("CALLER_VAR");
    }
  });

  it("refuses SET inside an owner's rights procedure and leaves the session's variables alone", async () => {
    const error = await failure(session, "call sets_as_owner()");
    expect(error.message).toContain("owner's rights procedure");
    expect(await rows(session, "select $inner_var")).toEqual([["2"]]);
  });
});
