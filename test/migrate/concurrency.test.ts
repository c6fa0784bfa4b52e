import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyFixture, removeDir } from "./helpers.js";
import { childEnv, startCli } from "./processes.js";
import { addScripts, expectEachOnce } from "./scripts.js";

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
});
