/**
 * The plan, apply, drift and up commands as users run them: the built CLI in a child process on
 * the declarations fixture project, with hand changes made through `mercurios sql`.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "../cli/run.js";

vi.setConfig({ testTimeout: 600_000, hookTimeout: 120_000 });

const fixture = path.resolve(__dirname, "../fixtures/declarations/project");
let dir: string;
let project: string;
const cli = (...args: string[]) =>
  runCli(["--local-db", path.join(dir, "local.duckdb"), ...args], { cwd: project });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "mercurios-decl-cli-"));
  project = path.join(dir, "project");
  await cp(fixture, project, { recursive: true });
  // The fixture imports the package source by a relative path; a project imports "mercurios".
  for (const file of ["mercurios.config.ts", "monitors/analytics.ts", "roles/roles.ts"]) {
    const full = path.join(project, file);
    const text = await readFile(full, "utf8");
    await writeFile(full, text.replace(/"(\.\.\/)+src\/index\.js"/, '"mercurios"'));
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("mercurios plan / apply / drift / up", () => {
  it("up, then drift in sync (exit 0)", async () => {
    const up = await cli("up");
    expect(up.stderr).toBe("");
    expect(up.code).toBe(0);
    // Steps print as they finish, then the summary.
    expect(up.stdout).toMatch(/^ok {3}1\. {3}create {3}DATABASE DECL_DATA$/m);
    expect(up.stdout).toContain("Migrations: 2 scripts applied.");
    expect(up.stdout).toContain("Applied 16 steps to local.");
    const drift = await cli("drift");
    // 15 declared in roles/, monitors/ and views/, and the database with its 3 schemas (the config).
    expect(drift.stdout).toBe("In sync: 19 objects compared in local.\n");
    expect(drift.code).toBe(0);
  });

  it("a change made with `mercurios sql` is drift (exit 2) naming object, property, declared and live", async () => {
    const sql = await cli(
      "sql",
      "ALTER WAREHOUSE DECL_ANALYTICS_WH SET AUTO_SUSPEND = 600; GRANT SELECT ON TABLE DECL_DATA.RAW.SALES TO ROLE DECL_ANALYST",
    );
    expect(sql.code).toBe(0);
    const drift = await cli("drift");
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain(
      "Drift in local: 0 missing, 1 changed, 1 unexpected (security 1, cost 1, schema 0) of 20 objects compared.",
    );
    expect(drift.stdout).toContain(
      "WAREHOUSE DECL_ANALYTICS_WH: changed [cost]\n  auto_suspend: declared 60, live 600",
    );
    expect(drift.stdout).toContain(
      "GRANT SELECT ON TABLE DECL_DATA.RAW.SALES -> DECL_ANALYST: unexpected (live, not declared) [security]",
    );

    const junitFile = path.join(dir, "drift.xml");
    const junit = await cli("drift", "--format", "junit", "--out", junitFile);
    expect(junit.code).toBe(2);
    expect(junit.stderr).toContain("drift found: report written to");
    const xml = await readFile(junitFile, "utf8");
    expect(xml).toContain('tests="20" failures="2"');
    expect(xml).toContain(
      '<failure message="auto_suspend changed" type="changed">auto_suspend: declared 60, live 600</failure>',
    );

    const json = await cli("drift", "--format", "json");
    const report = JSON.parse(json.stdout) as { schemaVersion: number; summary: { changed: number } };
    expect(report.schemaVersion).toBe(1);
    expect(report.summary.changed).toBe(1);

    const markdown = await cli("drift", "--format", "markdown");
    expect(markdown.stdout).toContain(
      "| WAREHOUSE `DECL_ANALYTICS_WH` | changed | cost | auto_suspend | `60` | `600` |",
    );
  });

  it("plan prints ordered DDL with the destructive step marked (exit 2); apply refuses it, then applies", async () => {
    const plan = await cli("plan");
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("-- Plan for local (DECL_DATA): 2 steps for 2 changes, 1 DESTRUCTIVE");
    expect(plan.stdout).toContain("ALTER WAREHOUSE DECL_ANALYTICS_WH SET AUTO_SUSPEND = 60;");
    expect(plan.stdout).toContain(
      "-- 2. [DESTRUCTIVE] GRANT SELECT ON TABLE DECL_DATA.RAW.SALES -> DECL_ANALYST: revoke unexpected",
    );

    const noYes = await cli("apply", "--allow-destructive");
    expect(noYes.code).toBe(1);
    expect(noYes.stderr).toContain("needs confirmation");
    const refused = await cli("apply", "--yes");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "the plan has 1 destructive step: 2. REVOKE SELECT ON TABLE DECL_DATA.RAW.SALES FROM ROLE DECL_ANALYST",
    );
    expect(refused.stderr).not.toMatch(/\n\s+at /);

    const applied = await cli("apply", "--yes", "--allow-destructive");
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("Applied 2 steps to local.");
    expect((await cli("drift")).code).toBe(0);
    const nothing = await cli("plan");
    expect(nothing.code).toBe(0);
    expect(nothing.stdout).toBe("No changes: local matches the declarations.\n");
  });

  it("bad declarations: every problem named with its file and object, exit 1, no stack trace", async () => {
    await writeFile(
      path.join(project, "roles", "broken.ts"),
      `import { defineRole } from "mercurios";\n` +
        `export default defineRole({ name: "DECL_BROKEN", parents: ["NOBODY"], grants: [{ privileges: ["USAGE"], on: "WAREHOUSE", name: "NO_WH" }] });\n`,
    );
    try {
      const plan = await cli("plan");
      expect(plan.code).toBe(1);
      expect(plan.stderr).toContain("2 problems in the declarations");
      expect(plan.stderr).toContain(
        "roles/broken.ts (parents) [ROLE GRANT DECL_BROKEN -> ROLE NOBODY]: names parent role NOBODY, which is not declared and not a system role",
      );
      expect(plan.stderr).toContain(
        "roles/broken.ts [GRANT USAGE ON WAREHOUSE NO_WH -> DECL_BROKEN]: is on warehouse NO_WH",
      );
      expect(plan.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await rm(path.join(project, "roles", "broken.ts"));
    }
  });
});
