/**
 * `mercurios import`, run as users run it (the built CLI as a child process): the Mercurios
 * platform is brought up on a fresh local engine with `mercurios up`, imported into a new project
 * folder, and that folder's `plan` shows no changes and its `drift` exits 0 on the same engine.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliRun, repoRoot, runCli } from "./run.js";

let scratch: string;
let engineFile: string;
let project: string;
let imported: CliRun;

/** Every file under a folder, relative to it. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), "mercurios-import-"));
  engineFile = path.join(scratch, "engine.duckdb");
  project = path.join(scratch, "adopted");
  const up = await runCli(["up", "--local-db", engineFile], { cwd: repoRoot });
  expect(up.stderr).toBe("");
  expect(up.code).toBe(0);
  imported = await runCli(["import", "--local-db", engineFile, "--out", project, "--format", "json"], {
    cwd: repoRoot,
  });
}, 600_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("mercurios import of the platform after `up`", () => {
  it("writes monitors/, roles/, views/ and a config that reaches the same engine", () => {
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    const report = JSON.parse(imported.stdout) as { files: { path: string }[]; notes: string[] };
    const written = filesUnder(project);
    expect(report.files.map((f) => f.path).sort()).toEqual(written);
    // The platform declares 4 monitors (one file each), its roles and users in one module, one
    // policy, and 8 views (monitors/, roles/, views/ of this repository).
    expect(written.filter((f) => f.startsWith("monitors/"))).toHaveLength(4);
    expect(written).toContain("roles/roles.ts");
    expect(written).toContain("roles/tenant-isolation.ts");
    expect(
      written
        .filter((f) => f.startsWith("views/"))
        .map((f) => path.basename(f))
        .sort(),
    ).toEqual(
      readdirSync(path.join(repoRoot, "views"), { recursive: true })
        .map(String)
        .filter((f) => f.endsWith(".sql"))
        .map((f) => path.basename(f))
        .sort(),
    );
    const config = readFileSync(path.join(project, "mercurios.config.ts"), "utf8");
    expect(config).toContain('database: "MERCURIOS_DATA"');
    expect(config).toContain(`localDb: ${JSON.stringify(engineFile)}`);
  });

  it("writes no password: the engine's ADMIN user has one, and a note says it is not declared", () => {
    const report = JSON.parse(imported.stdout) as { notes: string[] };
    expect(report.notes).toContain(
      "USER ADMIN has a password: passwords are never declared; set and rotate it outside mercurios.",
    );
    for (const file of filesUnder(project))
      expect(readFileSync(path.join(project, file), "utf8").toLowerCase()).not.toContain("password");
  });

  it("round trips: plan in the imported project shows no changes and drift exits 0", async () => {
    const plan = await runCli(["plan"], { cwd: project });
    expect(plan.stderr).toBe("");
    expect(plan.stdout).toContain("No changes");
    expect(plan.code).toBe(0);
    const drift = await runCli(["drift", "--format", "json"], { cwd: project });
    expect(drift.stderr).toBe("");
    const report = JSON.parse(drift.stdout) as { inSync: boolean; drift: unknown[] };
    expect(report.drift).toEqual([]);
    expect(report.inSync).toBe(true);
    expect(drift.code).toBe(0);
  });

  it("refuses a folder that is not empty without --force, and names the option", async () => {
    const again = await runCli(["import", "--local-db", engineFile, "--out", project], { cwd: repoRoot });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("IMPORT_OUT_NOT_EMPTY");
    expect(again.stderr).toContain("--force");
    expect(again.stderr).not.toContain("    at ");
  });

  it("writes only the kinds asked for, and rejects an unknown kind", async () => {
    const viewsOnly = path.join(scratch, "views-only");
    mkdirSync(viewsOnly);
    // A project of its own already: its config is kept, the entries are printed to paste in.
    writeFileSync(path.join(viewsOnly, "mercurios.config.ts"), "// kept\n");
    const run = await runCli(
      ["import", "--local-db", engineFile, "--out", viewsOnly, "--kinds", "views", "--force"],
      {
        cwd: repoRoot,
      },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const written = filesUnder(viewsOnly);
    expect(written.filter((f) => !f.startsWith("views/"))).toEqual(["mercurios.config.ts"]);
    expect(readFileSync(path.join(viewsOnly, "mercurios.config.ts"), "utf8")).toBe("// kept\n");
    expect(run.stdout).toContain('database: "MERCURIOS_DATA",');

    const unknown = await runCli(["import", "--local-db", engineFile, "--kinds", "views,stages"], {
      cwd: repoRoot,
    });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("IMPORT_KINDS");
    expect(unknown.stderr).toContain("'stages'");
  });
});
