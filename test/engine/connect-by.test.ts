import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { freshSession, show } from "./helpers.js";

describe("CONNECT BY", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession("CB_DB"));
    await session.executeScript(`
      create table folders (id int, parent int, name varchar);
      insert into folders values (1, null, 'root'), (2, 1, 'docs'), (3, 1, 'src'), (4, 3, 'lib'), (5, 4, 'util'),
        (9, null, 'other');
    `);
  });
  afterAll(() => engine.close());

  it("walks from START WITH down PRIOR links, with LEVEL, the path and the root", async () => {
    const r = show(
      await session.execute(`select name, level, sys_connect_by_path(name, '/') as path, connect_by_root name as top
        from folders f
        start with parent is null
        connect by prior f.id = parent
        order by path`),
    );
    expect(r.columns).toEqual(["NAME", "LEVEL", "PATH", "TOP"]);
    expect(r.rows).toEqual([
      ["other", "1", "/other", "other"],
      ["root", "1", "/root", "root"],
      ["docs", "2", "/root/docs", "root"],
      ["src", "2", "/root/src", "root"],
      ["lib", "3", "/root/src/lib", "root"],
      ["util", "4", "/root/src/lib/util", "root"],
    ]);
  });

  it("filters with WHERE after building the hierarchy and bounds it with LEVEL in CONNECT BY", async () => {
    const r = show(
      await session.execute(`select id, level from folders
        where id <> 3
        start with id = 1
        connect by parent = prior id and level <= 3
        order by id`),
    );
    // id 3 is filtered out after the walk, so its descendant 4 is still there; 5 (level 4) is cut.
    expect(r.rows).toEqual([
      ["1", "1"],
      ["2", "2"],
      ["4", "3"],
    ]);
  });

  it("names a bare SYS_CONNECT_BY_PATH item by its text and keeps its own columns under *", async () => {
    const r = show(
      await session.execute(
        "select *, sys_connect_by_path(id, '>') from folders start with id = 3 connect by parent = prior id order by id",
      ),
    );
    expect(r.columns).toEqual(["ID", "PARENT", "NAME", "SYS_CONNECT_BY_PATH(ID, '>')"]);
    expect(r.rows).toEqual([
      ["3", "1", "src", ">3"],
      ["4", "3", "lib", ">3>4"],
      ["5", "4", "util", ">3>4>5"],
    ]);
  });
});
