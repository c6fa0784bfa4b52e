/**
 * Crash drills: `migrate up` processes killed (SIGKILL) at exact points of the protocol, against
 * `local serve` through snowflake-sdk. A proxy between the CLI and the server picks the point: the
 * request that carries a chosen script (each script is one round trip: lease claim, the script's
 * statements, its history row, settle) or the request after its reply. Three classes of kill point:
 *
 * - before a script: the script's request never reaches the server;
 * - mid-script: the process dies while its script's request is with the server, which runs it to
 *   the end (as Snowflake does with a request whose client vanished);
 * - between script and history row: the script and its SUCCESS row are in, and the process dies
 *   before the next round trip, which would complete the row (query ids, execution time).
 *
 * After each kill the next `migrate up` must finish cleanly: the script killed "before" is applied
 * then, the others are not applied again. The schedule (which class, which of four scripts) comes
 * from a seeded generator; the seed and every kill point are printed, and MERCURIOS_CRASH_SEED=<n>
 * replays a schedule.
 */
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type ProxiedRequest, startProxy } from "../server/http-proxy.js";
import { copyFixture, removeDir } from "./helpers.js";
import { childEnv, type Running, startCli, startServe } from "./processes.js";
import { addScripts, expectEachOnce, readEngine } from "./scripts.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await removeDir(dir);
});

type KillClass = "before a script" | "mid-script" | "between script and history row";
const CLASSES: readonly KillClass[] = ["before a script", "mid-script", "between script and history row"];
/** Each class this many times: enough to hit first, middle and last scripts over a few seeds. */
const ROUNDS = 2;
const SCRIPTS_PER_RUN = 4;

/** mulberry32: a small seeded generator, so a schedule can be replayed from its seed. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface KillPoint {
  kind: KillClass;
  /** Which of the run's four new scripts (1-based). */
  script: number;
}

/** Every class ROUNDS times, in a seeded order, each at a seeded script. */
function schedule(seed: number): KillPoint[] {
  const random = generator(seed);
  const points: KillPoint[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = [...CLASSES];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const kind of order) points.push({ kind, script: 1 + Math.floor(random() * SCRIPTS_PER_RUN) });
  }
  return points;
}

/** Scripts the recovering run applies: the versioned ones left, plus the always-script. */
function expectedRecovery(point: KillPoint): number {
  const left = SCRIPTS_PER_RUN - point.script + (point.kind === "before a script" ? 1 : 0);
  return left + 1;
}

const seedText = process.env.MERCURIOS_CRASH_SEED;
const seed = seedText ? Number(seedText) : Math.floor(Math.random() * 2 ** 31);

describe("crash drills: SIGKILL at seeded kill points", () => {
  it(`each kill-point class, ${ROUNDS} times; the next run recovers; nothing applied twice (seed ${seed})`, {
    timeout: 1_200_000,
  }, async () => {
    expect(Number.isInteger(seed), `MERCURIOS_CRASH_SEED must be an integer, got ${seedText}`).toBe(true);
    const points = schedule(seed);
    console.log(`crash drills: seed ${seed} (replay with MERCURIOS_CRASH_SEED=${seed})`);
    const root = await copyFixture("shop");
    dirs.push(root);
    const file = path.join(root, ".mercurios/served.duckdb");
    await readEngine(file, "CREATE DATABASE IF NOT EXISTS SHOP");
    const served = await startServe(file);

    // The proxy's plan for the current victim; null lets every request through.
    let plan: { point: KillPoint; marker: string; victim: Running; armed: boolean; killed: boolean } | null =
      null;
    const kill = async (): Promise<void> => {
      if (!plan || plan.killed) return;
      plan.killed = true;
      plan.victim.child.kill("SIGKILL");
      await plan.victim.done;
    };
    const carriesScript = (request: ProxiedRequest): boolean =>
      plan !== null &&
      request.path === "/queries/v1/query-request" &&
      (request.sqlText ?? "").includes(plan.marker);
    const proxy = await startProxy(served.url, {
      async beforeForward(request) {
        if (!plan || plan.killed || request.path !== "/queries/v1/query-request") return "forward";
        if (plan.point.kind === "before a script" && carriesScript(request)) {
          await kill();
          return "drop";
        }
        if (plan.point.kind === "mid-script" && carriesScript(request)) {
          await kill();
          return "forward";
        }
        if (plan.point.kind === "between script and history row" && plan.armed) {
          await kill();
          return "drop";
        }
        return "forward";
      },
      afterReply(request) {
        if (plan?.point.kind === "between script and history row" && carriesScript(request))
          plan.armed = true;
      },
    });

    const env = childEnv({
      SNOWFLAKE_ACCESS_URL: proxy.url,
      SHOP_SERVED_PASSWORD: "admin",
      SHOP_LOADER_PASSWORD: "pw",
    });
    const up = () => startCli(["migrate", "up", "--env", "served", "--lock-timeout", "120"], root, env);
    /** Versions whose history row the kill left without its completion (query ids, execution time). */
    const incomplete: number[] = [];
    let next = 100;
    try {
      await addScripts(root, next, SCRIPTS_PER_RUN);
      next += SCRIPTS_PER_RUN;
      expect((await up().done).code).toBe(0);
      for (const [index, point] of points.entries()) {
        await addScripts(root, next, SCRIPTS_PER_RUN);
        const version = next + point.script - 1;
        next += SCRIPTS_PER_RUN;
        const where = `seed ${seed}, victim ${index + 1}: killed ${point.kind} RAW/V${version} (script ${point.script} of ${SCRIPTS_PER_RUN})`;
        console.log(`crash drills: ${where}`);
        plan = { point, marker: `'RAW/V${version}'`, victim: up(), armed: false, killed: false };
        const killed = await plan.victim.done;
        expect(killed.signal, `${where}: the kill point was never reached`).toBe("SIGKILL");
        // The request a kill drops or orphans also carried the completion of the script before it.
        if (point.kind === "before a script" && point.script > 1) incomplete.push(version - 1);
        if (point.kind !== "before a script") incomplete.push(version);
        plan = null;
        const after = await up().done;
        expect(after.stderr.replace(/waiting for the migration lock, held by .*\n/g, ""), where).toBe("");
        expect(after.code, where).toBe(0);
        const applied = expectedRecovery(point);
        expect(after.stdout, where).toMatch(
          new RegExp(`^${applied} script${applied === 1 ? "" : "s"} applied to served`, "m"),
        );
      }
    } finally {
      await proxy.close();
      await served.stop();
    }
    const versions = 3 + SCRIPTS_PER_RUN * (1 + points.length);
    await expectEachOnce(file, versions);
    // Rows left without their completion: the script killed mid-script or after, and the script
    // before one killed "before" (its completion rode on the dropped request).
    const rows = await readEngine(
      file,
      `SELECT "VERSION" FROM "SHOP"."ADMIN"."MERCURIOS_CHANGE_HISTORY" WHERE "STATUS" = 'SUCCESS' AND "SCRIPT_TYPE" = 'V' AND "EXECUTION_TIME_MS" IS NULL ORDER BY "INSTALLED_RANK"`,
    );
    expect(
      rows.map(([v]) => Number(v)),
      `seed ${seed}`,
    ).toEqual(incomplete);
  });
});
