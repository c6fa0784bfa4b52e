import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type MigrationProject, migrateStatus, migrateUnlock, migrateUp } from "../../src/api/migrate.js";
import { openLocalDriver } from "../../src/driver/local.js";
import type { Driver } from "../../src/driver/types.js";
import type { Engine } from "../../src/engine/index.js";
import { openEngine } from "../../src/engine/index.js";
import { claimLockSql, settleLockSql } from "../../src/migrate/lock.js";
import { LockedSession, type MigrationTarget, type RunIdentity } from "../../src/migrate/session.js";
import { copyFixture, query, removeDir, shopProject } from "./helpers.js";

let root: string;
let project: MigrationProject;
let engine: Engine;
let first: Driver;
let second: Driver;

const elsewhere: RunIdentity = { runId: "run-elsewhere", owner: "ci@runner-7", host: "runner-7", pid: 4242 };

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", "0"]).pid;
}

function target(driver: Driver): MigrationTarget {
  return { driver, location: project.history, environment: "local", database: "SHOP" };
}

beforeEach(async () => {
  root = await copyFixture("shop");
  project = await shopProject(root);
  engine = await openEngine({ path: project.localDb! });
  first = await openLocalDriver(engine);
  await migrateUp({ project, driver: first });
  // A second session opened after the tables exist: another runner on the same account.
  second = await openLocalDriver(engine);
});
afterEach(async () => {
  await first.close();
  await second.close();
  await engine.close();
  await removeDir(root);
});

describe("the migration lock", () => {
  it("makes a second runner wait, then fail naming the holder", async () => {
    const held = await LockedSession.open(target(first), elsewhere, { timeoutMs: 1000, ttlSeconds: 600 });
    const waits: string[] = [];
    const error = await migrateUp({
      project,
      driver: second,
      lockTimeoutMs: 1500,
      onLockWait: (holder) => waits.push(holder),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "LOCK_TIMEOUT" });
    expect((error as Error).message).toMatch(
      /^the migration lock "SHOP"\."ADMIN"\."MERCURIOS_CHANGE_HISTORY_LOCK" is held by ci@runner-7 \(pid 4242 on runner-7, run run-elsewhere\), since .+, lease until .+; waited \d+ s$/,
    );
    expect(waits).toHaveLength(1);
    expect((await migrateStatus({ project, driver: second })).lock).toMatchObject({
      owner: "ci@runner-7",
      runId: "run-elsewhere",
    });
    await held.release();
    const after = await migrateUp({ project, driver: second });
    expect(after.scripts.map((s) => s.script)).toEqual(["migrations/A__loader_check.sql"]);
  });

  it("takes over an expired lease", async () => {
    await LockedSession.open(target(first), elsewhere, { timeoutMs: 1000, ttlSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const report = await migrateUp({ project, driver: second, lockTimeoutMs: 0 });
    expect(report.scripts.map((s) => s.script)).toEqual(["migrations/A__loader_check.sql"]);
  });

  it("takes over at once from a dead process on this machine", async () => {
    const dead = deadPid();
    await LockedSession.open(
      target(first),
      { runId: "run-dead", owner: "me", host: hostname(), pid: dead },
      { timeoutMs: 1000, ttlSeconds: 600 },
    );
    const report = await migrateUp({ project, driver: second, lockTimeoutMs: 0 });
    expect(report.scripts).toHaveLength(1);
  });

  /**
   * A dead holder whose last batch is still running on the server (claimed, BUSY_SINCE set, not yet
   * settled): taking over then would let that batch's script statements run beside the new run's.
   */
  async function deadHolderWithRequestInFlight(): Promise<RunIdentity> {
    const dead: RunIdentity = { runId: "run-dead", owner: "me", host: hostname(), pid: deadPid() };
    await LockedSession.open(target(first), dead, { timeoutMs: 1000, ttlSeconds: 600 });
    // The first statements of every batch the dead run sent (lock.ts): the batch is in flight.
    await first.executeBatch(claimLockSql(project.history, { ...dead, ttlSeconds: 600 }));
    return dead;
  }

  it("waits for a dead holder's request in flight to finish, then takes over", async () => {
    const dead = await deadHolderWithRequestInFlight();
    const events: string[] = [];
    let finishing: Promise<unknown> | undefined;
    const report = await migrateUp({
      project,
      driver: second,
      lockTimeoutMs: 60_000,
      onLockWait: (holder) => {
        events.push(`waiting for ${holder.replace(/,.*$/, "")}`);
        // The dead run's batch ends on the server: its last statement, then the settle (lock.ts).
        finishing = first
          .executeBatch([
            "INSERT INTO SHOP.RAW.APPLY_LOG VALUES ('in flight', 'finished')",
            settleLockSql(project.history, dead.runId),
          ])
          .then(() => events.push("dead run's batch finished"));
      },
    });
    await finishing;
    expect(events).toEqual([`waiting for me (pid ${dead.pid} on ${hostname()}`, "dead run's batch finished"]);
    expect(report.scripts.map((s) => s.script)).toEqual(["migrations/A__loader_check.sql"]);
    expect(
      await query(
        second,
        "SELECT SCRIPT FROM SHOP.RAW.APPLY_LOG WHERE SCRIPT IN ('in flight', 'A__loader_check') ORDER BY SCRIPT",
      ),
    ).toEqual([["A__loader_check"], ["A__loader_check"], ["in flight"]]);
  });

  it("gives up with LOCK_TIMEOUT when a dead holder's request in flight never finishes", async () => {
    await deadHolderWithRequestInFlight();
    const waits: string[] = [];
    const error = await migrateUp({
      project,
      driver: second,
      lockTimeoutMs: 1_000,
      onLockWait: (holder) => waits.push(holder),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "LOCK_TIMEOUT" });
    expect(waits).toHaveLength(1);
    expect((await migrateStatus({ project, driver: second })).lock).toMatchObject({ runId: "run-dead" });
  });

  it("is freed by unlock, which says who held it", async () => {
    await LockedSession.open(target(first), elsewhere, { timeoutMs: 1000, ttlSeconds: 600 });
    const unlocked = await migrateUnlock({ project, driver: second });
    expect(unlocked.released).toMatchObject({ owner: "ci@runner-7", runId: "run-elsewhere", pid: 4242 });
    expect((await migrateUnlock({ project, driver: second })).released).toBeNull();
  });

  it("stops a runner whose lease was taken before any of its statements run", async () => {
    const lost = await LockedSession.open(target(first), elsewhere, { timeoutMs: 1000, ttlSeconds: 600 });
    await migrateUnlock({ project, driver: second });
    await LockedSession.open(
      target(second),
      { ...elsewhere, runId: "run-new" },
      { timeoutMs: 1000, ttlSeconds: 600 },
    );
    const error = await lost
      .send(["INSERT INTO SHOP.RAW.APPLY_LOG VALUES ('lost', 'x')"], "test")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "LOCK_LOST" });
    expect(await query(second, "SELECT COUNT(*) FROM SHOP.RAW.APPLY_LOG WHERE SCRIPT = 'lost'")).toEqual([
      ["0"],
    ]);
  });
});
