/**
 * `mercurios render` of every migration, partial and view of the platform in every configured
 * environment succeeds (the built CLI, as a child process). The sample-data templates in
 * migrations/_seed/ need the seed's own variables and are rendered by the seed tests instead.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ANALYTICS_VIEWS } from "../../roles/lib/analytics-views.js";
import { repoRoot, runCli } from "../cli/run.js";

function sqlFiles(dir: string): string[] {
  return readdirSync(path.join(repoRoot, dir))
    .sort()
    .flatMap((name) => {
      const relative = `${dir}/${name}`;
      if (statSync(path.join(repoRoot, relative)).isDirectory())
        return name === "_seed" ? [] : sqlFiles(relative);
      return name.endsWith(".sql") ? [relative] : [];
    });
}

const FILES = [...sqlFiles("migrations"), ...sqlFiles("views")];
const ENVIRONMENTS = ["local", "dev", "staging", "prod"];

describe("mercurios render", () => {
  it("finds the platform's files", () => {
    expect(FILES).toContain("migrations/V1.0.0__mercurios_schemas.sql");
    expect(FILES).toContain("migrations/_partials/standard_merge_receipt_lines.sql");
    expect(FILES).toContain("views/ANALYTICS/BUSINESS_DASHBOARD.sql");
    expect(FILES.length).toBeGreaterThanOrEqual(25);
  });

  for (const env of ENVIRONMENTS) {
    it(`renders every migration, partial and view for ${env}`, async () => {
      const run = await runCli(["render", "--env", env, "--format", "json", ...FILES], {
        env: { SNOWFLAKE_ACCOUNT: "x", SNOWFLAKE_USER: "x" },
      });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as {
        environment: string;
        files: { file: string; sql: string }[];
      };
      expect(report.environment).toBe(env);
      expect(report.files.map((f) => f.file)).toEqual(FILES);
      for (const file of report.files) {
        expect(file.sql, file.file).not.toMatch(/\{\{|\}\}/);
        if (file.sql.includes("MERCURIOS_DATA") === false)
          expect(file.file).toMatch(/_partials|ADMIN\/[A-Z_]+\.sql/);
      }
      const tenants = report.files.find((f) => f.file === "migrations/ADMIN/R__tenant_registry.sql")!;
      expect(tenants.sql).toContain(
        "('modehaus-berlin', 'Modehaus Berlin', 'prohandel', 'EUR', TRUE, CURRENT_TIMESTAMP())",
      );
    }, 120_000);
  }
});

describe("roles/lib/analytics-views.ts", () => {
  it("lists exactly the views in views/ANALYTICS", () => {
    const files = readdirSync(path.join(repoRoot, "views", "ANALYTICS"))
      .filter((f) => f.endsWith(".sql"))
      .map((f) => f.replace(/\.sql$/, ""))
      .sort();
    expect([...ANALYTICS_VIEWS]).toEqual(files);
  });
});
