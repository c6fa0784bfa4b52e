import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyFixture, removeDir } from "./helpers.js";
import { childEnv, startCli, startServe } from "./processes.js";
import { addScripts, expectEachOnce, readEngine } from "./scripts.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await removeDir(dir);
});

describe("crash: SIGKILL at random points", () => {
  it("20 killed runs against local serve; each following run completes; nothing applied twice", {
    timeout: 1_200_000,
  }, async () => {
    const root = await copyFixture("shop");
    dirs.push(root);
    const file = path.join(root, ".mercurios/served.duckdb");
    await readEngine(file, "CREATE DATABASE IF NOT EXISTS SHOP");
    const served = await startServe(file);
    const env = childEnv({
      SNOWFLAKE_ACCESS_URL: served.url,
      SHOP_SERVED_PASSWORD: "admin",
      SHOP_LOADER_PASSWORD: "pw",
    });
    let next = 100;
    try {
      // The first run creates the history; the second, applying four scripts like every victim below,
      // gives a run's length, so kills land anywhere from start-up to the last script.
      await addScripts(root, next, 4);
      next += 4;
      expect((await startCli(["migrate", "up", "--env", "served"], root, env).done).code).toBe(0);
      await addScripts(root, next, 4);
      next += 4;
      const t0 = Date.now();
      expect((await startCli(["migrate", "up", "--env", "served"], root, env).done).code).toBe(0);
      const span = Date.now() - t0;
      let killedMidway = 0;
      for (let i = 0; i < 20; i++) {
        await addScripts(root, next, 4);
        next += 4;
        const victim = startCli(["migrate", "up", "--env", "served", "--lock-timeout", "30"], root, env);
        const timer = setTimeout(() => victim.child.kill("SIGKILL"), Math.floor(Math.random() * span));
        const killed = await victim.done;
        clearTimeout(timer);
        if (killed.signal === "SIGKILL") killedMidway++;
        const after = await startCli(["migrate", "up", "--env", "served", "--lock-timeout", "30"], root, env)
          .done;
        expect(after.stderr.replace(/waiting for the migration lock, held by .*\n/g, "")).toBe("");
        expect(after.code).toBe(0);
        expect(after.stdout).toMatch(/applied to served|served is up to date/);
      }
      // Most kills must land before the victim finished, or the test shows nothing.
      expect(killedMidway).toBeGreaterThanOrEqual(8);
    } finally {
      await served.stop();
    }
    const scripts = (await readdir(path.join(root, "migrations/RAW"))).filter((f) => /^V\d+__step/.test(f));
    await expectEachOnce(file, 3 + scripts.length);
  });
});
