/**
 * `views list` and `views diff` on the Mercurios platform (the repository's own project, built on an
 * in-memory local engine as test/platform/harness.ts does): how long each takes in-process, and how
 * much of it is loading the declarations versus talking to the target.
 *
 *   npx jiti bench/views-list-diff.ts [--runs 10]
 */
import { loadDeclaredViews } from "../src/api/views/declared.js";
import { diffView } from "../src/api/views/diff.js";
import { declaredViewColumns, liveViewColumns } from "../src/api/views/columns.js";
import { compareViews, listViews } from "../src/api/views/list.js";
import { openPlatform } from "../test/platform/harness.js";

process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION = "true";
process.env.SF_TELEMETRY_DISABLE_CONNECTION_SHAPE = "1";

const i = process.argv.indexOf("--runs");
const RUNS = Number(i >= 0 ? process.argv[i + 1] : 10);

/** Median and fastest of RUNS timed calls after one warm-up (the machine is shared). */
async function timed(work: () => Promise<unknown>): Promise<{ median: number; fastest: number }> {
  await work();
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, fastest: times[0]! };
}

const platform = await openPlatform();
try {
  const { environment, driver } = platform;
  const declarations = await timed(() => loadDeclaredViews(environment));
  const before = driver.queryLog.length;
  const report = await listViews({ environment, driver });
  const listTrips = driver.queryLog.length - before;
  const list = await timed(() => listViews({ environment, driver }));
  const beforeDiff = driver.queryLog.length;
  await diffView({ environment, driver, name: "SHOP_PERFORMANCE" });
  const diffTrips = driver.queryLog.length - beforeDiff;
  const diff = await timed(() => diffView({ environment, driver, name: "SHOP_PERFORMANCE" }));
  // The target's share: the introspection and diff (list), plus the two LIMIT 0 column reads (diff).
  const loaded = await loadDeclaredViews(environment);
  const view = loaded.resolve("SHOP_PERFORMANCE");
  const compare = await timed(() => compareViews(driver, loaded, environment, "bench"));
  const columns = await timed(async () => {
    await declaredViewColumns(driver, view, "bench");
    await liveViewColumns(driver, view.name, "bench");
  });
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  console.log(
    `platform: ${report.summary.views} views (${report.summary.inSync} in sync), ${RUNS} runs each`,
  );
  console.log(
    `load declarations (render views, roles/, monitors/): median ${ms(declarations.median)}, fastest ${ms(declarations.fastest)}`,
  );
  console.log(
    `views list: median ${ms(list.median)}, fastest ${ms(list.fastest)}; ${listTrips} round trip(s) to the target`,
  );
  console.log(
    `views diff SHOP_PERFORMANCE: median ${ms(diff.median)}, fastest ${ms(diff.fastest)}; ${diffTrips} round trip(s)`,
  );
  console.log(
    `  of which: introspect + drift's diff ${ms(compare.median)} (fastest ${ms(compare.fastest)}), both sides' columns ${ms(columns.median)} (fastest ${ms(columns.fastest)})`,
  );
  console.log(
    `share of loading declarations: list ${(declarations.median / list.median).toFixed(2)}, diff ${(declarations.median / diff.median).toFixed(2)}`,
  );
} finally {
  await platform.close();
}
