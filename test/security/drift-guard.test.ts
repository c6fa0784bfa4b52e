/**
 * Drift guards tenant isolation (issue 14): the platform declares which tables its row access policy
 * protects, so detaching it from one STANDARD table by hand is security drift naming the table
 * (exit 2), and `up` re-attaches it. The built CLI in child processes, on the repository's own
 * platform project, against one fresh local engine file shared by the cases (up takes 30-60 s).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { repoRoot, runCli } from "../cli/run.js";

vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

let dir: string;
const cli = (...args: string[]) =>
  runCli(["--local-db", path.join(dir, "local.duckdb"), ...args], { cwd: repoRoot });

const CUSTOMERS = "MERCURIOS_DATA.STANDARD.CUSTOMERS";
const POLICY = "MERCURIOS_DATA.ADMIN.TENANT_ISOLATION";

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "mercurios-drift-guard-"));
  const up = await cli("up", "--yes");
  expect(up.stderr).toBe("");
  expect(up.code).toBe(0);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Report {
  inSync: boolean;
  summary: { byCategory: { security: number } };
  drift: { kind: string; objectType: string; name: string; category: string }[];
}

describe("drift guards the tenant boundary", () => {
  it("after up, the seven STANDARD attachments are compared and in sync", async () => {
    const drift = await cli("drift", "--format", "json");
    expect(drift.code).toBe(0);
    const report = JSON.parse(drift.stdout) as Report & {
      objects: { objectType: string; name: string; status: string }[];
    };
    const attachments = report.objects.filter((o) => o.objectType === "ROW ACCESS POLICY ON");
    expect(attachments.map((o) => o.name).sort()).toEqual(
      ["ARTICLES", "CUSTOMERS", "RECEIPTS", "RECEIPT_LINES", "SHOPS", "STOCK_LEVELS", "SUPPLIERS"].map(
        (t) => `TABLE MERCURIOS_DATA.STANDARD.${t}`,
      ),
    );
    expect(attachments.every((o) => o.status === "in_sync")).toBe(true);
  });

  it("detaching the policy from one STANDARD table is security drift naming it (exit 2); up re-attaches it", async () => {
    const detach = await cli("sql", `ALTER TABLE ${CUSTOMERS} DROP ROW ACCESS POLICY ${POLICY}`);
    expect(detach.stderr).toBe("");
    expect(detach.code).toBe(0);

    const drift = await cli("drift");
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain(`ROW ACCESS POLICY ON TABLE ${CUSTOMERS}: missing`);
    expect(drift.stdout).toMatch(/\(security 1, cost 0, schema 0\)/);

    const json = JSON.parse((await cli("drift", "--format", "json")).stdout) as Report;
    expect(json.drift).toEqual([
      {
        kind: "missing",
        objectKind: "policy_attachment",
        objectType: "ROW ACCESS POLICY ON",
        name: `TABLE ${CUSTOMERS}`,
        category: "security",
        properties: [],
      },
    ]);

    const plan = await cli("plan");
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain(`ALTER TABLE ${CUSTOMERS} ADD ROW ACCESS POLICY ${POLICY} ON (TENANT_ID);`);

    const up = await cli("up", "--yes");
    expect(up.stderr).toBe("");
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(new RegExp(`^ok +1\\. +attach +ROW ACCESS POLICY ON TABLE ${CUSTOMERS}$`, "m"));
    expect(up.stdout).toContain("Applied 1 step to local.");

    const again = await cli("drift");
    expect(again.stdout).toMatch(/^In sync: \d+ objects compared in local\.\n$/);
    expect(again.code).toBe(0);
  });

  it("WITH GRANT OPTION added to a declared grant is security drift; apply takes the option back", async () => {
    const view = "MERCURIOS_DATA.ANALYTICS.DAILY_SALES_SUMMARY";
    const grant = await cli(
      "sql",
      `GRANT SELECT ON VIEW ${view} TO ROLE MERCURIOS_ANALYST WITH GRANT OPTION`,
    );
    expect(grant.code).toBe(0);
    const drift = await cli("drift");
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain(
      `GRANT SELECT ON VIEW ${view} -> MERCURIOS_ANALYST: changed [security]\n  grant_option: declared false, live true`,
    );
    const plan = await cli("plan");
    expect(plan.stdout).toContain(
      `-- 1. [DESTRUCTIVE] GRANT SELECT ON VIEW ${view} -> MERCURIOS_ANALYST: remove grant option [security]\nREVOKE GRANT OPTION FOR SELECT ON VIEW ${view} FROM ROLE MERCURIOS_ANALYST;`,
    );
    const apply = await cli("apply", "--yes", "--allow-destructive");
    expect(apply.stdout).toContain("Applied 1 step to local.");
    expect(apply.code).toBe(0);
    expect((await cli("drift")).code).toBe(0);
  });

  it("an undeclared role, user and warehouse are listed as unmanaged: exit 0, exit 2 only with --strict", async () => {
    const made = await cli(
      "sql",
      "CREATE ROLE ROGUE_ROLE; CREATE USER ROGUE_USER; CREATE WAREHOUSE ROGUE_WH WAREHOUSE_SIZE = XSMALL",
    );
    expect(made.code).toBe(0);
    const drift = await cli("drift");
    expect(drift.code).toBe(0);
    expect(drift.stdout).toMatch(/^In sync: \d+ objects compared in local\.\n/);
    expect(drift.stdout).toContain(
      "Unmanaged: 3 in the account, not declared (drift --strict fails on them):\n  ROLE ROGUE_ROLE\n  USER ROGUE_USER\n  WAREHOUSE ROGUE_WH\n",
    );
    const strict = await cli("drift", "--strict", "--format", "json");
    expect(strict.code).toBe(2);
    const report = JSON.parse(strict.stdout) as Report & { unmanaged: unknown };
    expect(report.inSync).toBe(true);
    expect(report.unmanaged).toEqual([
      { objectType: "ROLE", name: "ROGUE_ROLE" },
      { objectType: "USER", name: "ROGUE_USER" },
      { objectType: "WAREHOUSE", name: "ROGUE_WH" },
    ]);
    await cli("sql", "DROP ROLE ROGUE_ROLE; DROP USER ROGUE_USER; DROP WAREHOUSE ROGUE_WH");
    // The user drift runs as (ADMIN on the local engine) is the operator's, never unmanaged.
    const clean = await cli("drift", "--strict");
    expect(clean.stdout).toMatch(/^In sync: \d+ objects compared in local\.\n$/);
    expect(clean.code).toBe(0);
  });

  it("a policy re-pointed to other columns is changed, with declared and live columns", async () => {
    await cli("sql", `ALTER TABLE ${CUSTOMERS} DROP ROW ACCESS POLICY ${POLICY}`);
    const attach = await cli(
      "sql",
      `ALTER TABLE ${CUSTOMERS} ADD ROW ACCESS POLICY ${POLICY} ON (CUSTOMER_ID)`,
    );
    expect(attach.code).toBe(0);
    const drift = await cli("drift");
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain(
      `ROW ACCESS POLICY ON TABLE ${CUSTOMERS}: changed [security]\n  columns: declared (TENANT_ID), live (CUSTOMER_ID)`,
    );
    // Re-pointing detaches first: apply refuses it without --allow-destructive.
    const up = await cli("apply", "--yes", "--allow-destructive");
    expect(up.code).toBe(0);
    expect((await cli("drift")).code).toBe(0);
  });
});
