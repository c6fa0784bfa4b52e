/**
 * What Time Travel's history costs the normal path (docs/decisions/016-time-travel.md): every
 * INSERT / UPDATE / DELETE on a table with a retention of a day or more also writes a statement row
 * and the images of the rows it changed.
 *
 *   npx jiti bench/time-travel.ts [--base <dir>] [--runs N] [--up]
 *
 * Measures, on this checkout's built engine (`dist/`) and, with `--base`, on another checkout's
 * built engine (e.g. a worktree of `main`, the code before history existed):
 *  (b) a file engine: 1,000 single-row INSERTs with binds, then 100 single-row UPDATEs, into a table;
 *      the same into a table with DATA_RETENTION_TIME_IN_DAYS = 0 (no history: the path's floor);
 *  (c) one single-row INSERT and one single-row UPDATE against a 1,000,000-row table (median of 20),
 *      to show what the per-statement work costs as a table grows;
 *  (a) with `--up`: `mercurios up` of the platform (the README's first command) on a fresh engine
 *      file, wall time of the whole command, for each checkout.
 * Prints figures and ratios; asserts nothing.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION = "true";
process.env.SF_TELEMETRY_DISABLE_CONNECTION_SHAPE = "1";

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const here = fileURLToPath(new URL("..", import.meta.url));
const base = flag("--base");
const runs = Number(flag("--runs") ?? 3);
const scratch = mkdtempSync(path.join(os.tmpdir(), "bench-time-travel-"));
process.once("exit", () => rmSync(scratch, { recursive: true, force: true }));

interface EngineModule {
  openEngine(options: { path: string }): Promise<{
    openSession(): Promise<{ execute(sql: string, options?: { binds?: unknown[] }): Promise<unknown> }>;
    close(): Promise<void>;
  }>;
}

const fixed = (n: number) => ({ type: "FIXED", value: String(n) });
const text = (s: string) => ({ type: "TEXT", value: s });
const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function dmlLoop(root: string, label: string): Promise<Record<string, number>> {
  const engineModule = (await import(
    pathToFileURL(path.join(root, "dist/engine/index.js")).href
  )) as EngineModule;
  const out: Record<string, number[]> = {};
  const record = (key: string, value: number) => {
    out[key] = [...(out[key] ?? []), value];
  };
  for (let run = 0; run < runs; run++) {
    const file = path.join(scratch, `${label}-${run}.duckdb`);
    const engine = await engineModule.openEngine({ path: file });
    const session = await engine.openSession();
    await session.execute("create database bench");
    // Warm-up (transpiler load, translations of the statements), so neither table pays for it.
    await session.execute("create table warm (id int, v varchar, n int)");
    for (let i = 0; i < 50; i++) {
      await session.execute("insert into warm values (?, ?, ?)", { binds: [fixed(i), text("w"), fixed(i)] });
      await session.execute("update warm set n = n + 1 where id = ?", { binds: [fixed(i)] });
    }
    const order = run % 2 === 0 ? (["kept", "brief"] as const) : (["brief", "kept"] as const);
    for (const table of order) {
      const retention = table === "brief" ? " data_retention_time_in_days = 0" : "";
      await session.execute(`create table ${table} (id int, v varchar, n int)${retention}`);
      let started = performance.now();
      let cpu = process.cpuUsage();
      for (let i = 0; i < 1000; i++)
        await session.execute(`insert into ${table} values (?, ?, ?)`, {
          binds: [fixed(i), text(`row ${i}`), fixed(i)],
        });
      record(`${table} 1,000 INSERTs ms`, performance.now() - started);
      record(`${table} 1,000 INSERTs CPU ms`, cpuMs(process.cpuUsage(cpu)));
      started = performance.now();
      cpu = process.cpuUsage();
      for (let i = 0; i < 100; i++)
        await session.execute(`update ${table} set n = n + 1 where id = ?`, { binds: [fixed(i * 7)] });
      record(`${table} 100 UPDATEs ms`, performance.now() - started);
      record(`${table} 100 UPDATEs CPU ms`, cpuMs(process.cpuUsage(cpu)));
    }
    if (run === 0) {
      await session.execute(
        "create table big as select seq4() as id, 'row ' || seq4() as v, seq4() as n from table(generator(rowcount => 1000000))",
      );
      const insert: number[] = [];
      const update: number[] = [];
      for (let i = 0; i < 20; i++) {
        let started = performance.now();
        await session.execute("insert into big values (?, ?, ?)", {
          binds: [fixed(2_000_000 + i), text("new"), fixed(i)],
        });
        insert.push(performance.now() - started);
        started = performance.now();
        await session.execute("update big set n = n + 1 where id = ?", { binds: [fixed(i * 40_000)] });
        update.push(performance.now() - started);
      }
      out["1M-row table: one INSERT ms (median of 20)"] = [median(insert)];
      out["1M-row table: one UPDATE ms (median of 20)"] = [median(update)];
    }
    await engine.close();
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, median(v)]));
}

function up(root: string, label: string): number {
  const file = path.join(scratch, `${label}-up.duckdb`);
  const started = performance.now();
  const result = spawnSync(process.execPath, [path.join(root, "bin/mercurios.js"), "up", "--yes"], {
    cwd: root,
    env: { ...process.env, MERCURIOS_LOCAL_DB: file, NO_PROXY: "127.0.0.1,localhost" },
    encoding: "utf8",
  });
  const ms = performance.now() - started;
  if (result.status !== 0)
    throw new Error(`mercurios up (${label}) failed: ${result.stderr || result.stdout}`);
  return ms;
}

const load = () => os.loadavg()[0]?.toFixed(1);
console.log(`Time Travel history cost (${os.cpus().length} cores, load ${load()}, median of ${runs} runs)`);
const rows: [string, Record<string, number>][] = [];
if (base) rows.push(["base", await dmlLoop(base, "base")]);
rows.push(["this", await dmlLoop(here, "this")]);
for (const key of Object.keys(rows[rows.length - 1]?.[1] ?? {})) {
  const cells = rows.map(([label, r]) => `${label} ${r[key]?.toFixed(0)}`).join("  ");
  const ratio = base ? `  ratio ${((rows[1]?.[1][key] ?? 0) / (rows[0]?.[1][key] ?? 1)).toFixed(2)}` : "";
  console.log(`  ${key.padEnd(44)} ${cells}${ratio}`);
}
if (args.includes("--up")) {
  const times: [string, number][] = [];
  if (base) times.push(["base", up(base, "base")]);
  times.push(["this", up(here, "this")]);
  const ratio = base ? `  ratio ${((times[1]?.[1] ?? 0) / (times[0]?.[1] ?? 1)).toFixed(2)}` : "";
  console.log(
    `  mercurios up, wall ms${" ".repeat(23)} ${times.map(([l, t]) => `${l} ${t.toFixed(0)}`).join("  ")}${ratio}`,
  );
}
console.log(`  (load at the end ${load()})`);
