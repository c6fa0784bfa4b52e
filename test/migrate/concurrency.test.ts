import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyFixture, removeDir } from "./helpers.js";
import { childEnv, startCli, startServe } from "./processes.js";
import { addScripts, expectEachOnce, readEngine } from "./scripts.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await removeDir(dir);
});

describe("six concurrent migrate up processes", () => {
  it("on one local engine file: each script once, every process exits with a clear outcome", {
    timeout: 600_000,
  }, async () => {
    const root = await copyFixture("shop");
    dirs.push(root);
    await addScripts(root, 10, 10);
    const runs = await Promise.all(
      Array.from(
        { length: 6 },
        () => startCli(["migrate", "up"], root, childEnv({ SHOP_LOADER_PASSWORD: "pw" })).done,
      ),
    );
    for (const run of runs) {
      const outcome = run.code === 0 ? run.stdout : run.stderr;
      expect(outcome).toMatch(
        /scripts? applied to local|local is up to date|^error\[LOCAL_ENGINE_OPEN\]: .*Local engine file in use/,
      );
    }
    expect(runs.filter((r) => /scripts applied/.test(r.stdout))).toHaveLength(1);
    await expectEachOnce(path.join(root, ".mercurios/local.duckdb"), 3 + 10);
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
      const runs = await Promise.all(
        Array.from({ length: 6 }, () => startCli(["migrate", "up", "--env", "served"], root, env).done),
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
