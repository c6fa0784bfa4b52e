import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrateStatus, migrateUp, projectWithoutConfig } from "../../src/api/migrate.js";
import type { Driver } from "../../src/driver/types.js";
import { localDriver, query, removeDir } from "./helpers.js";

/**
 * A script may switch role, warehouse, database or schema (schemachange's demo does `USE ROLE`);
 * the history and lock statements after it must still run as the session started, as schemachange's
 * reset_session does after every script.
 */
describe("a script that changes the session's role", () => {
  let root: string;
  let driver: Driver;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), "mercurios-session-"));
    await mkdir(path.join(root, "migrations"));
  });
  afterEach(async () => {
    await driver?.close();
    await removeDir(root);
  });

  it("does not take the history writes and the lock release with it", { timeout: 120_000 }, async () => {
    await writeFile(
      path.join(root, "migrations", "V1__setup.sql"),
      "CREATE DATABASE APP;\nCREATE SCHEMA APP.DATA;\nGRANT USAGE ON DATABASE APP TO ROLE SYSADMIN;\n",
    );
    await writeFile(path.join(root, "migrations", "V2__role.sql"), "USE ROLE SYSADMIN;\nUSE DATABASE APP;\n");
    await writeFile(path.join(root, "migrations", "A__after.sql"), "SELECT CURRENT_ROLE();\n");
    const project = projectWithoutConfig({ root, vars: {} });
    driver = await localDriver(project);

    const first = await migrateUp({ project, driver });
    expect(first.scripts.map((s) => s.script)).toEqual([
      "migrations/V1__setup.sql",
      "migrations/V2__role.sql",
      "migrations/A__after.sql",
    ]);
    const rows = await query(
      driver,
      'SELECT "SCRIPT", "STATUS" FROM "METADATA"."MERCURIOS"."CHANGE_HISTORY" ORDER BY "INSTALLED_RANK"',
    );
    expect(rows).toEqual([
      ["V1__setup.sql", "SUCCESS"],
      ["V2__role.sql", "SUCCESS"],
      ["A__after.sql", "SUCCESS"],
    ]);
    expect((await migrateStatus({ project, driver })).lock).toBeNull();
    // The next run starts as the session started, not as the role V2 switched to.
    const second = await migrateUp({ project, driver });
    expect(second.scripts.map((s) => s.script)).toEqual(["migrations/A__after.sql"]);
    expect(await query(driver, "SELECT CURRENT_ROLE()")).toEqual([["ACCOUNTADMIN"]]);
  });
});
