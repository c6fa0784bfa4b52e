/** startDev with the real chokidar watcher on a copy of views-loop: a saved file becomes one status. */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DevSession, startDev } from "../../src/api/dev/index.js";
import { loadEnvironment } from "../../src/config/index.js";
import type { DevStatus } from "../../src/report/dev-status.js";

const fixture = path.resolve(import.meta.dirname, "../fixtures/projects/views-loop");

let root: string;
let session: DevSession | undefined;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "mercurios-dev-watch-"));
  await cp(fixture, root, { recursive: true });
});

afterEach(async () => {
  await session?.close();
  session = undefined;
  await rm(root, { recursive: true, force: true });
});

/** Polls until `found` returns something (generous limit: the machine may be busy). */
async function waitFor<T>(found: () => T | undefined, limitMs = 120_000): Promise<T> {
  const until = Date.now() + limitMs;
  for (;;) {
    const value = found();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error("gave up waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("startDev", () => {
  it("watches views/, handles a save as one round, and closes cleanly", async () => {
    const statuses: DevStatus[] = [];
    let ready: readonly string[] | undefined;
    session = await startDev({
      environment: await loadEnvironment({ cwd: root, env: "local" }),
      onStatus: (status) => statuses.push(status),
      onReady: (watching) => {
        ready = watching;
      },
    });
    expect(statuses.map((s) => s.kind)).toEqual(["start"]);
    expect(ready).toEqual(["views", "migrations", "mercurios.config.ts"]);

    const file = path.join(root, "views/ANALYTICS/SHOP_DIRECTORY.sql");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace("CITY FROM", "CITY, UPPER(CITY) AS CITY_UPPER FROM"));
    const status = await waitFor(() => statuses.find((s) => s.kind === "change"));
    await session.idle();
    expect(statuses.filter((s) => s.kind === "change")).toHaveLength(1);
    expect(status.changed).toEqual([
      { file: "views/ANALYTICS/SHOP_DIRECTORY.sql", kind: "view", event: "change" },
    ]);
    expect(status.errors).toEqual([]);
    expect(status.applied.map((v) => [v.name, v.action])).toEqual([
      ["SHOP_DATA.ANALYTICS.SHOP_DIRECTORY", "replaced"],
    ]);
    expect(status.preview?.columns).toEqual(["TENANT_ID", "SHOP_ID", "SHOP_NAME", "CITY", "CITY_UPPER"]);

    await session.close();
    session = undefined;
    // Closed: the engine file is free again for the next process.
    const { openEngine } = await import("../../src/engine/index.js");
    const engine = await openEngine({ path: path.join(root, ".mercurios/local.duckdb"), lockWaitMs: 0 });
    await engine.close();
  });
});
