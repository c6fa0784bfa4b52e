import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrateUp } from "../../src/api/migrate.js";
import { openLocalDriver } from "../../src/driver/local.js";
import type { Driver } from "../../src/driver/types.js";
import { openEngine } from "../../src/engine/index.js";
import { LockedSession } from "../../src/migrate/session.js";
import { copyFixture, removeDir, shopProject } from "./helpers.js";
import { childEnv, startCli, startServe } from "./processes.js";
import { addScripts, expectEachOnce, readEngine } from "./scripts.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await removeDir(dir);
});

describe("six concurrent migrate up runners", () => {
  it("on one local engine, six runners (one session each) contend for the migration lock: each script once, one applies them", {
    timeout: 600_000,
  }, async () => {
    // Processes on one engine file never meet at the migration lock (DuckDB's file lock lets one in
    // at a time); sessions on one engine do. The test holds the lock until all six are waiting for it.
    const root = await copyFixture("shop");
    dirs.push(root);
    await addScripts(root, 10, 10);
    const project = await shopProject(root, "local", {}, { SHOP_LOADER_PASSWORD: "pw" });
    const engine = await openEngine({ path: project.localDb! });
    const drivers: Driver[] = [];
    try {
      const holder = await openLocalDriver(engine);
      drivers.push(holder);
      await holder.execute("CREATE DATABASE IF NOT EXISTS SHOP");
      const held = await LockedSession.open(
        { driver: holder, location: project.history, environment: "local", database: "SHOP" },
        { runId: "run-holder", owner: "test@here", host: "elsewhere", pid: 1 },
        { timeoutMs: 1_000, ttlSeconds: 600 },
      );
      const waiting: string[] = [];
      let allWaiting: () => void = () => undefined;
      const sixWaiting = new Promise<void>((resolve) => {
        allWaiting = resolve;
      });
      const runs: ReturnType<typeof migrateUp>[] = [];
      for (let i = 0; i < 6; i++) {
        const driver = await openLocalDriver(engine);
        drivers.push(driver);
        runs.push(
          migrateUp({
            project,
            driver,
            lockTimeoutMs: 300_000,
            onLockWait: (holderText) => {
              waiting.push(holderText);
              if (waiting.length === 6) allWaiting();
            },
          }),
        );
      }
      await sixWaiting;
      expect(waiting.every((h) => h.startsWith("test@here (pid 1 on elsewhere, run run-holder)"))).toBe(true);
      await held.release();
      const reports = await Promise.all(runs);
      const applied = reports.map((r) => r.scripts.length).sort((x, y) => x - y);
      // The first through applies the 7 scripts of the fixture and the 10 added; the other five find
      // only the always-script (A__loader_check) to run.
      expect(applied).toEqual([1, 1, 1, 1, 1, 17]);
    } finally {
      for (const driver of drivers) await driver.close();
      await engine.close();
    }
    await expectEachOnce(project.localDb!, 3 + 10);
  });

  it("against local serve (real concurrency through snowflake-sdk): each script once, losers wait for the lock", {
    timeout: 600_000,
  }, async () => {
    const root = await copyFixture("shop");
    dirs.push(root);
    await addScripts(root, 10, 10);
    const file = path.join(root, ".mercurios/served.duckdb");
    await readEngine(file, "CREATE DATABASE IF NOT EXISTS SHOP");
    const served = await startServe(file);
    try {
      const env = childEnv({
        SNOWFLAKE_ACCESS_URL: served.url,
        SHOP_SERVED_PASSWORD: "admin",
        SHOP_LOADER_PASSWORD: "pw",
      });
      // The losers wait as long as the test may run: on a loaded machine the winner's 17 scripts can
      // take longer than the default 60 s, and the wait is not what this test measures.
      const runs = await Promise.all(
        Array.from(
          { length: 6 },
          () => startCli(["migrate", "up", "--env", "served", "--lock-timeout", "540"], root, env).done,
        ),
      );
      for (const run of runs) {
        expect(run.stderr.replace(/waiting for the migration lock, held by .*\n/g, "")).toBe("");
        expect(run.code).toBe(0);
      }
      expect(runs.filter((r) => /17 scripts applied to served/.test(r.stdout))).toHaveLength(1);
      expect(runs.filter((r) => /^1 script applied to served/m.test(r.stdout))).toHaveLength(5);
      expect(runs.some((r) => /waiting for the migration lock, held by /.test(r.stderr))).toBe(true);
    } finally {
      await served.stop();
    }
    await expectEachOnce(file, 3 + 10);
  });
});
