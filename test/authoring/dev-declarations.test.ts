import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadDeclaredViews } from "../../src/api/views/declared.js";
import { loadEnvironment } from "../../src/config/index.js";
import { type MercuriosError, ValidationError } from "../../src/errors/index.js";

const fixture = path.resolve(import.meta.dirname, "../fixtures/projects/views-loop");

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "mercurios-dev-decl-"));
  await cp(fixture, root, { recursive: true });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const absolute = path.join(root, file);
  await writeFile(absolute, change(await readFile(absolute, "utf8")));
}

describe("loadDeclaredViews with the modules of an earlier load (what dev does on a view save)", () => {
  it("re-renders views/ but reuses roles/ and monitors/ as loaded before", async () => {
    const environment = await loadEnvironment({ cwd: root, env: "local" });
    const first = await loadDeclaredViews(environment);
    const roles = first.desired.modules?.input.declarations.filter((d) => d.brand === "role");
    expect(roles?.map((r) => (r.value as { name: string }).name)).toEqual([
      "SHOP_TENANT_ACME",
      "SHOP_TENANT_GLOBEX",
    ]);

    await edit("roles/access.ts", (t) => t.replace("its own rows of the ANALYTICS views", "edited comment"));
    await edit("views/ANALYTICS/TOP_SHOPS.sql", (t) => t.replace("REVENUE_RANK <=", "REVENUE_RANK <  "));

    const reused = await loadDeclaredViews(environment, process.env, { modules: first.desired.modules! });
    const fresh = await loadDeclaredViews(environment);
    const acme = (d: typeof first) =>
      [...d.desired.model.objects.values()].find((o) => o.kind === "role" && o.name === "SHOP_TENANT_ACME");
    expect(acme(reused)).toMatchObject({ comment: "Tenant acme: its own rows of the ANALYTICS views" });
    expect(acme(fresh)).toMatchObject({ comment: "Tenant acme: edited comment" });
    expect(reused.graph.views.get("SHOP_DATA.ANALYTICS.TOP_SHOPS")?.query).toContain("REVENUE_RANK <   3");
  });

  it("reports a missing template variable at its own line, with the template's hint", async () => {
    await edit("views/ANALYTICS/TOP_SHOPS.sql", (t) =>
      t.replace(/\{\{vars\.top_n\}\}\s*$/, "{{vars.nope}}\n"),
    );
    const environment = await loadEnvironment({ cwd: root, env: "local" });
    let error: ValidationError | undefined;
    try {
      await loadDeclaredViews(environment);
    } catch (e) {
      error = e as ValidationError;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const problem = error?.problems.find((p) => p.location?.file === "views/ANALYTICS/TOP_SHOPS.sql") as
      | MercuriosError
      | undefined;
    expect(problem?.code).toBe("TEMPLATE_MISSING_VAR");
    expect(problem?.location).toMatchObject({ file: "views/ANALYTICS/TOP_SHOPS.sql", line: 5 });
    expect(problem?.hint).toContain("Define 'nope' under vars");
  });
});
