/**
 * `mercurios init`: the files a new project gets, the questions on a terminal (with defaults),
 * flags for everything, never overwriting, and every invalid answer named at once. Running the new
 * project (up, drift, views test) is in test/package/install.test.ts, from the installed package.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PassThrough, Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderInitFiles } from "../../src/api/init.js";
import { main } from "../../src/cli/main.js";
import { loadConfig } from "../../src/config/index.js";
import { repoRoot } from "./run.js";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "mercurios-init-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function sink(): { stream: Writable; text: () => string } {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

/** Runs the CLI in-process in `cwd`; `answers` are typed at a terminal when given. */
async function init(cwd: string, args: string[], answers?: string[]) {
  const stdout = sink();
  const stderr = sink();
  const stdin = new PassThrough();
  if (answers) stdin.end(`${answers.join("\n")}\n`);
  else stdin.end();
  const code = await main(["node", "mercurios", "init", ...args], {
    stdout: stdout.stream,
    stderr: stderr.stream,
    stdin,
    interactive: answers !== undefined,
    env: { NO_COLOR: "1" },
    cwd,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

async function filesUnder(root: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(root, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await filesUnder(root, relative)));
    else out.push(relative);
  }
  return out.sort();
}

describe("mercurios init", () => {
  it("--yes writes a project named after its folder: config, monitor and warehouse, two roles, a migration, a view and its test, .gitignore, CI", async () => {
    const project = path.join(dir, "shop-analytics");
    const run = await init(dir, ["shop-analytics", "--yes"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(await filesUnder(project)).toEqual([
      ".github/workflows/mercurios.yml",
      ".gitignore",
      "mercurios.config.ts",
      "migrations/RAW/V1__orders.sql",
      "monitors/shop_analytics.ts",
      "roles/roles.ts",
      "views/ANALYTICS/DAILY_ORDERS.sql",
      "views/ANALYTICS/DAILY_ORDERS.test.yaml",
    ]);
    expect(run.stdout).toContain(
      "database SHOP_ANALYTICS, schemas RAW, ANALYTICS, environments local and dev",
    );
    expect(run.stdout).toContain("cd shop-analytics");
    // The config is valid as written: a local and a Snowflake environment reading connections.toml [dev].
    const { config } = await loadConfig({ cwd: project });
    expect(config.database).toBe("SHOP_ANALYTICS");
    expect(config.schemas).toEqual(["RAW", "ANALYTICS"]);
    expect(config.environments).toEqual({
      local: expect.objectContaining({ kind: "local" }),
      dev: expect.objectContaining({ kind: "snowflake", connection: "dev" }),
    });
    const roles = await readFile(path.join(project, "roles", "roles.ts"), "utf8");
    expect(roles).toContain('name: "SHOP_ANALYTICS_DEVELOPER"');
    expect(roles).toContain('name: "SHOP_ANALYTICS_ANALYST"');
    const monitor = await readFile(path.join(project, "monitors", "shop_analytics.ts"), "utf8");
    expect(monitor).toContain('name: "SHOP_ANALYTICS_MONITOR"');
    expect(monitor).toContain('name: "SHOP_ANALYTICS_WH"');
    expect(await readFile(path.join(project, "views", "ANALYTICS", "DAILY_ORDERS.sql"), "utf8")).toContain(
      "FROM {{database}}.RAW.ORDERS",
    );
    const ignored = (await readFile(path.join(project, ".gitignore"), "utf8")).split("\n");
    expect(ignored).toEqual(expect.arrayContaining(["node_modules/", ".mercurios/", "reports/"]));
  });

  it("asks on a terminal, each question with its default; an empty answer takes it", async () => {
    const project = path.join(dir, "asked");
    await mkdir(project);
    const run = await init(project, [], ["sales_db", "landing, marts", "", "deployer"]);
    expect(run.stderr).not.toContain("error");
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("Database (ASKED): ");
    expect(run.stderr).toContain("Schemas, in migration order (RAW, ANALYTICS): ");
    expect(run.stderr).toContain("Snowflake environment (dev): ");
    expect(run.stderr).toContain("Its connections.toml section (dev): ");
    const { config } = await loadConfig({ cwd: project });
    expect(config.database).toBe("SALES_DB");
    expect(config.schemas).toEqual(["LANDING", "MARTS"]);
    expect(config.environments.dev).toMatchObject({ kind: "snowflake", connection: "deployer" });
    expect(existsSync(path.join(project, "migrations", "LANDING", "V1__orders.sql"))).toBe(true);
    expect(existsSync(path.join(project, "views", "MARTS", "DAILY_ORDERS.sql"))).toBe(true);
    expect(existsSync(path.join(project, "monitors", "sales.ts"))).toBe(true);
  });

  it("takes every value as a flag, and asks nothing with --yes even on a terminal", async () => {
    const project = path.join(dir, "flags");
    const run = await init(
      dir,
      [
        "flags",
        "--database",
        "shop_data",
        "--schemas",
        "raw,staging,analytics",
        "--snowflake-env",
        "prod",
        "--connection",
        "prod_ci",
        "--yes",
      ],
      [],
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const { config } = await loadConfig({ cwd: project });
    expect(config).toMatchObject({
      database: "SHOP_DATA",
      schemas: ["RAW", "STAGING", "ANALYTICS"],
      environments: { local: { kind: "local" }, prod: { kind: "snowflake", connection: "prod_ci" } },
    });
    const workflow = await readFile(path.join(project, ".github", "workflows", "mercurios.yml"), "utf8");
    expect(workflow).toContain("MERCURIOS_ENV: prod");
    expect(workflow).toContain("printf '[prod_ci]\\n'");
  });

  it("says what the workflow's `npm ci` needs when the folder has no package.json of its own", async () => {
    const bare = await init(dir, ["bare", "--yes"]);
    const owned = path.join(dir, "owned");
    await mkdir(owned);
    await writeFile(path.join(owned, "package.json"), '{ "name": "owned", "private": true }\n');
    const withPackage = await init(owned, ["--yes"]);
    expect([bare.code, withPackage.code]).toEqual([0, 0]);
    const npmCi =
      "CI runs `npm ci`, and bare has no package.json: run `npm init -y && npm install --save-dev <mercurios tarball or registry name>` in it and commit package.json and package-lock.json.";
    expect(bare.stdout).toContain(`${npmCi}\n`);
    expect(withPackage.stdout).not.toContain("npm ci");
    expect(withPackage.stdout).toContain(
      "CI: .github/workflows/mercurios.yml; see docs/guide/ci.md in the mercurios package.\n",
    );
  });

  it("refuses to overwrite: names the files that exist and writes nothing", async () => {
    const project = path.join(dir, "taken");
    await mkdir(path.join(project, "roles"), { recursive: true });
    await writeFile(path.join(project, "mercurios.config.ts"), "// mine\n");
    await writeFile(path.join(project, "roles", "roles.ts"), "// mine too\n");
    const run = await init(project, ["--yes"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[INIT_EXISTS]");
    expect(run.stderr).toContain("already has mercurios.config.ts, roles/roles.ts, so nothing was written.");
    expect(await filesUnder(project)).toEqual(["mercurios.config.ts", "roles/roles.ts"]);
    expect(await readFile(path.join(project, "mercurios.config.ts"), "utf8")).toBe("// mine\n");
  });

  it("names every invalid answer at once, and writes nothing", async () => {
    const project = path.join(dir, "invalid");
    const run = await init(dir, [
      "invalid",
      "--database",
      "1st-db",
      "--schemas",
      "raw,public,RAW",
      "--snowflake-env",
      "Prod",
      "--yes",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[INIT_INVALID]: 4 answers are not valid, so nothing was written.");
    expect(run.stderr).toContain("database: '1st-db' is not an unquoted Snowflake identifier");
    expect(run.stderr).toContain("schemas: RAW is named twice");
    expect(run.stderr).toContain("schemas: PUBLIC and INFORMATION_SCHEMA come with every database");
    expect(run.stderr).toContain("snowflake environment: 'Prod' is not a name for the Snowflake environment");
    expect(existsSync(project)).toBe(false);
  });

  it("docs/guide/ci.md shows the workflow exactly as init writes it", async () => {
    const guide = await readFile(path.join(repoRoot, "docs", "guide", "ci.md"), "utf8");
    const shown = /```yaml\n([\s\S]*?)```/.exec(guide)?.[1];
    const files = await renderInitFiles({
      database: "SHOP_DATA",
      schemas: ["RAW", "ANALYTICS"],
      snowflakeEnvironment: "prod",
      connection: "prod",
    });
    expect(shown).toBe(files.get(".github/workflows/mercurios.yml"));
  });
});
