/**
 * Bulk binds through `local serve` and the real snowflake-sdk (issue 17, deliverable 2): a 4-column
 * INSERT with array binds (one statement, one array per row) and with multi-row binds
 * (`VALUES (?,?,?,?), (?,?,?,?), …`), against the same rows copied by `INSERT … SELECT` in the same
 * run, which is the engine's own speed for those rows.
 *
 *   npx jiti bench/bulk-binds.ts [--rows 50000] [--multi-rows 2000] [--repeat 3]
 *
 * Runs the built CLI (`npm run build` first). Best of `repeat` rounds after one warm-up round.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";

process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION ??= "true";
process.env.SF_TELEMETRY_DISABLE_CONNECTION_SHAPE ??= "1";
process.env.NO_PROXY = "127.0.0.1,localhost";

const { startServe } = await import("./lib/served.js");
const { destroy: close, connectSdk, execute } = await import("../test/server/sdk.js");
type SdkConnection = import("../test/server/sdk.js").SdkConnection;

/** Runs one statement and returns its rows (`binds` may be array binds: one array per row). */
async function run(connection: SdkConnection, sqlText: string, binds?: unknown[]) {
  return (await execute(connection, sqlText, binds === undefined ? {} : { binds })).rows;
}

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const rows = flag("--rows", 50_000);
const multiRows = flag("--multi-rows", 2_000);
const repeat = flag("--repeat", 3);
const dir = mkdtempSync(path.join(tmpdir(), "mercurios-bench-binds-"));
const served = await startServe(path.join(dir, "engine.duckdb"), 0);
const connection = await connectSdk(served.url);

const TABLE = "(ID NUMBER(38,0), NAME VARCHAR(100), AMOUNT NUMBER(12,2), DAY DATE)";
/** Row i: an integer, a text, a decimal and a date, as an application would bind them. */
const row = (i: number): unknown[] => [
  i,
  `name-${i}`,
  (i % 1000) / 4,
  `2024-01-${String((i % 28) + 1).padStart(2, "0")}`,
];

await run(connection, "CREATE DATABASE BINDS");
await run(connection, "USE SCHEMA BINDS.PUBLIC");

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

// Tables are created once and emptied with DELETE between rounds: DDL would invalidate the engine's
// translation cache, and a steady state of repeated inserts is what a loader sees.
for (const name of ["ARRAY_BOUND", "MULTI_BOUND", "COPIED"])
  await run(connection, `CREATE TABLE ${name} ${TABLE}`);

async function fresh(name: string): Promise<void> {
  await run(connection, `DELETE FROM ${name}`);
}

async function count(name: string): Promise<number> {
  const result = await run(connection, `SELECT COUNT(*) AS N FROM ${name}`);
  return Number(result[0]!.N);
}

let bestArray = 0;
let bestMulti = 0;
let bestCopy = 0;
// Round 0 warms up (translation of each statement, JIT) and is not counted.
for (let round = 0; round <= repeat; round++) {
  await fresh("ARRAY_BOUND");
  const data = Array.from({ length: rows }, (_, i) => row(i));
  const arraySeconds = await timed(() =>
    run(connection, "INSERT INTO ARRAY_BOUND VALUES (?, ?, ?, ?)", data),
  );
  if ((await count("ARRAY_BOUND")) !== rows) throw new Error("array bind lost rows");
  if (round > 0) bestArray = Math.max(bestArray, rows / arraySeconds);

  await fresh("MULTI_BOUND");
  const tuples = Array.from({ length: multiRows }, () => "(?, ?, ?, ?)").join(", ");
  const flat = Array.from({ length: multiRows }, (_, i) => row(i)).flat();
  const multiSeconds = await timed(() => run(connection, `INSERT INTO MULTI_BOUND VALUES ${tuples}`, flat));
  if ((await count("MULTI_BOUND")) !== multiRows) throw new Error("multi-row bind lost rows");
  if (round > 0) bestMulti = Math.max(bestMulti, multiRows / multiSeconds);

  await fresh("COPIED");
  const copySeconds = await timed(() => run(connection, "INSERT INTO COPIED SELECT * FROM ARRAY_BOUND"));
  if (round > 0) bestCopy = Math.max(bestCopy, rows / copySeconds);
}

process.stdout.write(`machine: ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}\n`);
process.stdout.write(`array binds, ${rows} rows x 4 columns: ${bestArray.toFixed(0)} rows/s\n`);
process.stdout.write(`multi-row binds, ${multiRows} rows x 4 columns: ${bestMulti.toFixed(0)} rows/s\n`);
process.stdout.write(`INSERT ... SELECT of the same ${rows} rows: ${bestCopy.toFixed(0)} rows/s\n`);
process.stdout.write(
  `ratio to INSERT ... SELECT: array ${(bestArray / bestCopy).toFixed(3)}, multi-row ${(bestMulti / bestCopy).toFixed(3)}\n`,
);
await close(connection);
await served.stop();
rmSync(dir, { recursive: true, force: true });
