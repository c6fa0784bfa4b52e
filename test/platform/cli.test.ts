/**
 * The platform commands' argument handling, through the built CLI as users run it: bad input gives
 * a clear error and exit 1 before anything touches an engine; --help lists the commands.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run.js";

describe("platform commands on the command line", () => {
  it("lists seed, cost and warehouses in --help", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\n\s+seed \[options\]\s+load deterministic sample POS data/);
    expect(run.stdout).toMatch(/\n\s+cost\s+credits per warehouse against its monitor's quota/);
    expect(run.stdout).toMatch(/\n\s+warehouses\s+manage warehouses/);
  });

  it("seed rejects a scale that is not a number, naming the flag", async () => {
    const run = await runCli(["seed", "--scale", "lots"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("--scale expects a number, got 'lots'");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("seed reports every out-of-range option at once", async () => {
    const run = await runCli(["seed", "--scale", "0", "--tenants", "99", "--end-date", "2026-13-45"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("cannot seed with these options");
    expect(run.stderr).toContain("--scale must be a number above 0 and at most 100 (got 0)");
    expect(run.stderr).toContain("--tenants must be a whole number from 1 to 50 (got 99)");
    expect(run.stderr).toContain("the end date must be a date YYYY-MM-DD (got '2026-13-45')");
  });

  it("seed refuses an environment not listed in seed.environments", async () => {
    const run = await runCli(["seed", "--env", "prod"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "environment 'prod' does not take sample data (seed.environments: local, dev)",
    );
  });

  it("warehouses suspend refuses names together with --all", async () => {
    const run = await runCli(["warehouses", "suspend", "MERCURIOS_DEV_WH", "--all"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("name warehouses or pass --all, not both");
  });
});
