/**
 * `mercurios up` on a project made by init: on a terminal it says what it will do and asks, as
 * `apply` does (--yes skips the question); `--out-of-order` runs a migration older than the newest
 * applied one; the library reports each step to a progress listener, step n of N per task.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PassThrough, Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initProject } from "../../src/api/init.js";
import type { ProgressEvent } from "../../src/api/progress.js";
import { upEnvironment } from "../../src/api/up.js";
import { main } from "../../src/cli/main.js";
import { loadEnvironment } from "../../src/config/index.js";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "mercurios-up-"));
  await initProject({ directory: dir, database: "SHOP_DATA", schemas: ["RAW", "ANALYTICS"], snowflakeEnvironment: "dev", connection: "dev" });
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[], answer?: string) {
  let stdout = "";
  let stderr = "";
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const stdin = new PassThrough();
  stdin.end(answer === undefined ? "" : `${answer}\n`);
  const code = await main(["node", "mercurios", ...args], {
    stdout: sink((s) => {
      stdout += s;
    }),
    stderr: sink((s) => {
      stderr += s;
    }),
    stdin,
    interactive: answer !== undefined,
    env: { NO_COLOR: "1" },
    cwd: dir,
  });
  return { code, stdout, stderr };
}

describe("mercurios up", () => {
  it("on a terminal: says what it will do, asks, and changes nothing on no", async () => {
    const no = await cli(["up"], "n");
    expect(no.stdout).toContain(
      "up will create DATABASE SHOP_DATA, SCHEMA SHOP_DATA.ANALYTICS, SCHEMA SHOP_DATA.RAW, then run 1 migration (migrations/RAW/V1__orders.sql), then apply the declarations (",
    );
    expect(no.stderr).toContain("Bring local up to date? [y/N] ");
    expect(no.stdout).toContain("Nothing was changed.");
    expect(no.code).toBe(0);
    const databases = await cli(["sql", "SHOW DATABASES LIKE 'SHOP_DATA'", "--format", "json"]);
    expect(JSON.parse(databases.stdout.trim().split("\n")[0]!).rowCount).toBe(0);
  }, 180_000);

  it("on a terminal, yes runs it; then there is nothing to ask", async () => {
    const yes = await cli(["up"], "y");
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain("Migrations: 1 script applied.");
    const again = await cli(["up"], "");
    expect(again.stderr).not.toContain("[y/N]");
    expect(again.stdout).toContain("Migrations: local is up to date.");
    expect(again.stdout).toContain("No changes: local matches the declarations.");
  }, 180_000);

  it("--out-of-order runs a pending version older than the newest applied; without it, up refuses", async () => {
    await writeFile(path.join(dir, "migrations", "RAW", "V2__later.sql"), "CREATE TABLE IF NOT EXISTS LATER (ID NUMBER);\n");
    expect((await cli(["up", "--yes"])).code).toBe(0);
    await writeFile(path.join(dir, "migrations", "RAW", "V1.5__from_a_branch.sql"), "CREATE TABLE IF NOT EXISTS BRANCH (ID NUMBER);\n");
    const refused = await cli(["up", "--yes"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("V1.5__from_a_branch.sql");
    const ran = await cli(["up", "--yes", "--out-of-order"]);
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^applied migrations\/RAW\/V1\.5__from_a_branch\.sql \(1 statement, \d+ ms\)$/m);
    expect(ran.stdout).toContain("Migrations: 1 script applied.");
  }, 180_000);

  it("apply prints the real action of each step (a revoke as revoke) and counts in the singular", async () => {
    const granted = await cli(["sql", "GRANT SELECT ON TABLE SHOP_DATA.RAW.ORDERS TO ROLE SHOP_ANALYST"]);
    expect(granted.code).toBe(0);
    const plan = await cli(["plan"]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("1 step for 1 change, 1 DESTRUCTIVE");
    const applied = await cli(["apply", "--yes", "--allow-destructive"]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toBe(
      "ok   1.   revoke   GRANT SELECT ON TABLE SHOP_DATA.RAW.ORDERS -> SHOP_ANALYST\nApplied 1 step to local.\n",
    );
  }, 180_000);

  it("reports every step to the progress listener, step n of N per task, start before done", async () => {
    const fresh = await mkdtemp(path.join(os.tmpdir(), "mercurios-up-progress-"));
    try {
      await initProject({ directory: fresh, database: "P_DATA", schemas: ["RAW"], snowflakeEnvironment: "dev", connection: "dev" });
      const events: ProgressEvent[] = [];
      const environment = await loadEnvironment({ cwd: fresh });
      const result = await upEnvironment({ environment, onProgress: (e) => events.push(e) });
      const tasks = [...new Set(events.map((e) => e.task))];
      expect(tasks).toEqual(["databases and schemas", "migrate", "apply"]);
      for (const task of tasks) {
        const own = events.filter((e) => e.task === task);
        const total = own[0]!.total;
        expect(own.map((e) => `${e.phase} ${e.step}/${e.total}`)).toEqual(
          Array.from({ length: total }, (_, i) => [`start ${i + 1}/${total}`, `done ${i + 1}/${total}`]).flat(),
        );
      }
      expect(events.filter((e) => e.task === "apply" && e.phase === "done")).toHaveLength(result.apply.applied.length);
      expect(events.find((e) => e.task === "migrate")?.label).toBe("migrations/RAW/V1__orders.sql");
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  }, 180_000);
});
