/**
 * Issue 15's "done when", end to end: a new user with Node 20 and no clone of this repository
 * installs the packed tarball in an empty folder (offline), runs `init`, `up`, `drift` (exit 0) and
 * `views test` (pass); then the example workflow's steps, in order, on the local engine, write
 * reports that parse. Everything runs through `npx mercurios` from the installed package.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../cli/run.js";
import { parseJson, parseJUnit, parseMarkdown } from "./artifacts.js";
import {
  appEnvironment,
  linkProductionDependencies,
  packRepository,
  type Run,
  runIn,
  runStep,
  tarballFiles,
  workflowSteps,
} from "./install.js";

const repoPackage = JSON.parse(await readFile(path.join(repoRoot, "package.json"), "utf8")) as {
  name: string;
  version: string;
  bundleDependencies?: string[];
};

let work: string;
let tarball: string;
let app: string;
let env: NodeJS.ProcessEnv;

const npx = (args: string[], extra: Record<string, string> = {}): Promise<Run> =>
  runIn(app, "npx", ["mercurios", ...args], { ...env, ...extra });

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "mercurios-package-"));
  tarball = await packRepository(repoRoot, work);
  // The folder is named as a new project would be; `init` names the database after it.
  app = path.join(work, "shop-analytics");
  await mkdir(app);
  env = appEnvironment(path.join(work, "empty-npm-cache"));
}, 180_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe("the package, installed from its tarball by a new user", () => {
  it("holds the toolkit (dist, bin, README, docs, JSON schemas, init templates), not the platform or tests", async () => {
    const files = (await tarballFiles(tarball)).map((f) => f.replace(/^package\//, ""));
    for (const expected of [
      "package.json",
      "README.md",
      "bin/mercurios.js",
      "dist/cli/main.js",
      "dist/index.js",
      "dist/index.d.ts",
      "docs/guide/ci.md",
      "docs/guide/config.md",
      "schemas/view-test.schema.json",
      "templates/init/mercurios.config.ts",
      "templates/init/github/workflows/mercurios.yml",
      "node_modules/@polyglot-sql/sdk/package.json",
    ])
      expect(files).toContain(expected);
    const platformOrTests = files.filter((f) =>
      /^(migrations|views|roles|monitors|test|bench|src|\.ci)\/|^mercurios\.config\.ts$|\.map$|tsbuildinfo$/.test(f),
    );
    expect(platformOrTests).toEqual([]);
    const manifest = JSON.parse(await readFile(path.join(repoRoot, "package.json"), "utf8")) as Record<string, unknown>;
    expect(manifest.private).toBeUndefined();
    expect(manifest.engines).toEqual({ node: ">=20.19" });
    // The build runs on install in this repository, never for people who install the package.
    expect(Object.keys(manifest.scripts as object)).not.toContain("prepare");
  });

  it("installs offline into an empty folder with no warning (no EBADENGINE on Node 20)", async () => {
    await writeFile(path.join(app, "package.json"), `${JSON.stringify({ name: "shop-analytics", private: true }, null, 2)}\n`);
    linkProductionDependencies(repoRoot, app, repoPackage.bundleDependencies ?? []);
    const install = await runIn(app, "npm", ["install", "--offline", "--no-audit", "--no-fund", tarball], env);
    expect(install.stderr).not.toMatch(/EBADENGINE/);
    expect(install.stderr).not.toMatch(/npm warn/i);
    expect(install.code).toBe(0);
    const version = await npx(["--version"]);
    expect(version.stdout.trim()).toBe(repoPackage.version);
    expect(version.code).toBe(0);
  }, 300_000);

  it("init, then up, drift (exit 0) and views test (pass) on the local engine", async () => {
    const init = await npx(["init", "--yes"]);
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("database SHOP_ANALYTICS, schemas RAW, ANALYTICS");
    const up = await npx(["up"]);
    expect(up.stderr).toBe("");
    expect(up.code).toBe(0);
    expect(up.stdout).toContain("Migrations: 1 script applied.");
    const drift = await npx(["drift"]);
    expect(drift.stdout).toMatch(/^In sync: \d+ objects compared in local\.$/m);
    expect(drift.code).toBe(0);
    const tests = await npx(["views", "test"]);
    expect(tests.stdout).toContain("2 passed (2 cases in 1 file)");
    expect(tests.code).toBe(0);
    // A second init refuses and names what is there.
    const again = await npx(["init", "--yes"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already has");
  }, 300_000);

  it("runs the example workflow's steps in order on the local engine; every report parses", async () => {
    const workflow = path.join(app, ".github", "workflows", "mercurios.yml");
    const runner = path.join(work, "runner");
    await mkdir(runner, { recursive: true });
    // A pull request: a new migration and a changed monitor quota.
    await writeFile(
      path.join(app, "migrations", "RAW", "V2__customers.sql"),
      "CREATE TABLE IF NOT EXISTS CUSTOMERS (CUSTOMER_ID VARCHAR(64) NOT NULL, NAME VARCHAR(200));\n",
    );
    const monitorFile = path.join(app, "monitors", "shop_analytics.ts");
    await writeFile(monitorFile, (await readFile(monitorFile, "utf8")).replace("creditQuota: 10", "creditQuota: 20"));

    const stepEnv = (job: string) => ({
      ...env,
      ...workflowSteps(workflow, [job]).env,
      MERCURIOS_ENV: "local",
      CI: "true",
      GITHUB_ACTIONS: "true",
      RUNNER_TEMP: runner,
      GITHUB_ENV: path.join(runner, `${job}.env`),
    });
    const runJob = async (job: string) => {
      const { steps } = workflowSteps(workflow, [job]);
      expect(steps.length).toBeGreaterThan(2);
      for (const step of steps) {
        // The test installed the tarball itself: `npm ci` would need the registry.
        if (step.run.trim() === "npm ci") continue;
        const result = await runStep(app, step, stepEnv(job));
        expect({ step: step.name, code: result.code, stderr: result.code === 0 ? "" : result.stderr }).toEqual({
          step: step.name,
          code: 0,
          stderr: "",
        });
      }
    };
    const report = (name: string) => readFile(path.join(app, "reports", name), "utf8");

    await runJob("check");
    const migrate = parseMarkdown(await report("migrate.md"));
    expect(migrate.headings[0]).toContain("Migrations");
    expect(migrate.tables[0]!.rows.map((r) => r[1])).toEqual(["`migrations/RAW/V2__customers.sql`"]);
    const plan = parseMarkdown(await report("plan.md"));
    expect(plan.code.map((c) => c.text).join("\n")).toContain("ALTER RESOURCE MONITOR SHOP_ANALYTICS_MONITOR");
    const drift = parseJUnit(await report("drift.xml"));
    expect(drift.failures).toBe(1);
    expect(drift.cases.find((c) => c.outcome === "failure")?.name).toBe("SHOP_ANALYTICS_MONITOR");
    parseMarkdown(await report("drift.md"));
    expect(parseJson(await report("drift.json"))).toMatchObject({ inSync: false, environment: "local" });
    const viewTests = parseJUnit(await report("view-tests.xml"));
    expect(viewTests).toMatchObject({ tests: 2, failures: 0, errors: 0 });
    const comment = parseMarkdown(await report("comment.md"));
    expect(comment.headings.length).toBe(3);

    // The merge: a fresh workspace (no reports), the same account (the engine file).
    await rm(path.join(app, "reports"), { recursive: true, force: true });
    await runJob("deploy");
    expect(parseJUnit(await report("drift.xml"))).toMatchObject({ failures: 0, errors: 0 });
    expect(parseMarkdown(await report("drift.md")).headings[0]).toContain("Drift report");
  }, 600_000);
});
