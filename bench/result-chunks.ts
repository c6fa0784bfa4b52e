/**
 * Large results through `local serve` and the real snowflake-sdk (issue 17, deliverable 1):
 * - time to the first row that `streamRows` delivers, against the time the whole result takes;
 * - the server's peak memory (VmHWM of the `local serve` process) for a 1,000,000-row result against
 *   a 10,000-row one, each measured in a fresh server process on the same engine file.
 *
 *   npx jiti bench/result-chunks.ts [--rows 1000000] [--small 10000]
 *
 * Runs the built CLI (`npm run build` first). Rows: ID NUMBER(38,0), NAME VARCHAR(40),
 * AMOUNT NUMBER(12,2), DAY DATE, ordered by ID; every value goes into a checksum so the client
 * really decodes the whole result.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";

process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION ??= "true";
process.env.SF_TELEMETRY_DISABLE_CONNECTION_SHAPE ??= "1";
process.env.NO_PROXY = "127.0.0.1,localhost";

const { openEngine } = await import("../src/engine/index.js");
const { startServe } = await import("./lib/served.js");
const { destroy: close, connectSdk } = await import("../test/server/sdk.js");
type SdkConnection = import("../test/server/sdk.js").SdkConnection;

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const bigRows = flag("--rows", 1_000_000);
const smallRows = flag("--small", 10_000);
const dir = mkdtempSync(path.join(tmpdir(), "mercurios-bench-chunks-"));
const file = path.join(dir, "engine.duckdb");

/** Fills BENCH.PUBLIC.BIG with `rows` rows in-process (setup is not what is measured). */
async function setup(rows: number): Promise<void> {
  const engine = await openEngine({ path: file });
  const session = await engine.openSession();
  await session.execute("CREATE DATABASE BENCH");
  await session.execute(
    "CREATE TABLE BIG (ID NUMBER(38,0), NAME VARCHAR(40), AMOUNT NUMBER(12,2), DAY DATE)",
  );
  const digits = "(VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9))";
  const places = Math.ceil(Math.log10(rows));
  const terms = Array.from({ length: places }, (_, i) => `D${i}.X * ${10 ** i}`).join(" + ");
  const from = Array.from({ length: places }, (_, i) => `${digits} D${i}(X)`).join(", ");
  await session.execute(
    `INSERT INTO BIG SELECT ID, 'row-' || ID, (ID % 100000) * 0.25, DATEADD(day, ID % 1000, '2020-01-01'::DATE)
     FROM (SELECT ${terms} AS ID FROM ${from}) WHERE ID < ${rows}`,
  );
  await engine.close();
}

interface Measured {
  rows: number;
  firstRowMs: number;
  totalMs: number;
  checksum: number;
  peakRssMb: number;
}

/** Peak resident set of a process (Linux), in MB. */
function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

function streamAll(connection: SdkConnection, sqlText: string): Promise<Omit<Measured, "peakRssMb">> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstRowMs = -1;
    let rows = 0;
    let checksum = 0;
    connection.execute({
      sqlText,
      streamResult: true,
      complete: (error, statement) => {
        if (error) return reject(error);
        statement
          .streamRows()
          .on("data", (row: Record<string, unknown>) => {
            if (rows === 0) firstRowMs = performance.now() - started;
            rows++;
            const day = row.DAY as Date;
            checksum =
              (checksum +
                Number(row.ID) +
                String(row.NAME).length +
                Math.round(Number(row.AMOUNT) * 100) +
                Math.floor(day.getTime() / 86_400_000)) %
              2 ** 40;
          })
          .on("error", reject)
          .on("end", () => resolve({ rows, firstRowMs, totalMs: performance.now() - started, checksum }));
      },
    });
  });
}

/** One fresh server process, one query, its figures and the server's peak memory. */
async function measure(limit: number): Promise<Measured> {
  const served = await startServe(file, 0);
  try {
    const connection = await connectSdk(served.url, { database: "BENCH", schema: "PUBLIC" });
    // A fresh process compiles the SQL transpiler on its first statement: keep that out of the figures.
    await streamAll(
      connection,
      "SELECT COUNT(*) AS ID, 'x' AS NAME, 0 AS AMOUNT, CURRENT_DATE() AS DAY FROM BIG",
    );
    const result = await streamAll(connection, `SELECT * FROM BIG WHERE ID < ${limit} ORDER BY ID`);
    const peakRssMb = peakRss(served.pid);
    await close(connection);
    return { ...result, peakRssMb };
  } finally {
    await served.stop();
  }
}

const setupStarted = performance.now();
await setup(bigRows);
process.stdout.write(
  `setup: ${bigRows} rows in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s\n`,
);
process.stdout.write(`machine: ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}\n`);

const small = await measure(smallRows);
const big = await measure(bigRows);
for (const m of [small, big]) {
  process.stdout.write(
    `${String(m.rows).padStart(8)} rows: first row ${m.firstRowMs.toFixed(0)} ms, all rows ${m.totalMs.toFixed(0)} ms ` +
      `(first/all ${((100 * m.firstRowMs) / m.totalMs).toFixed(1)}%), server peak RSS ${m.peakRssMb.toFixed(0)} MB, checksum ${m.checksum}\n`,
  );
}
process.stdout.write(
  `server peak memory, ${big.rows} rows vs ${small.rows} rows: ${(big.peakRssMb / small.peakRssMb).toFixed(2)}x\n`,
);
process.stdout.write(`load average after: ${loadavg()[0]!.toFixed(1)}\n`);
rmSync(dir, { recursive: true, force: true });
