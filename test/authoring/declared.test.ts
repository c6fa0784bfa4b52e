import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDeclaredViews } from "../../src/api/views/declared.js";
import { loadEnvironment } from "../../src/config/index.js";
import type { MercuriosError } from "../../src/errors/index.js";

const project = path.resolve(import.meta.dirname, "../fixtures/projects/views-loop");

async function declared() {
  return loadDeclaredViews(await loadEnvironment({ cwd: project, env: "local" }));
}

describe("loadDeclaredViews", () => {
  it("renders the views for the environment and orders them by what they read", async () => {
    const views = await declared();
    expect(views.graph.order).toEqual([
      "SHOP_DATA.ANALYTICS.DAILY_SALES",
      "SHOP_DATA.ANALYTICS.SHOP_DIRECTORY",
      "SHOP_DATA.ANALYTICS.SHOP_SALES",
      "SHOP_DATA.ANALYTICS.TOP_SHOPS",
    ]);
    expect(views.graph.views.get("SHOP_DATA.ANALYTICS.TOP_SHOPS")?.query).toContain("REVENUE_RANK <= 3");
    expect(views.graph.downstream(["SHOP_DATA.ANALYTICS.DAILY_SALES"])).toEqual([
      "SHOP_DATA.ANALYTICS.DAILY_SALES",
      "SHOP_DATA.ANALYTICS.SHOP_SALES",
      "SHOP_DATA.ANALYTICS.TOP_SHOPS",
    ]);
  });

  it("knows the line where each view's SELECT starts in its file", async () => {
    const views = await declared();
    // Four lines of front matter, then the SELECT on line 5.
    expect(views.graph.views.get("SHOP_DATA.ANALYTICS.DAILY_SALES")).toMatchObject({
      source: "views/ANALYTICS/DAILY_SALES.sql",
      sourceLine: 5,
    });
  });

  it("finds a view by its name, schema.name or full name, in any case", async () => {
    const views = await declared();
    for (const typed of ["top_shops", "ANALYTICS.TOP_SHOPS", "shop_data.analytics.top_shops"])
      expect(views.resolve(typed).name).toBe("SHOP_DATA.ANALYTICS.TOP_SHOPS");
  });

  it("says which views exist when the name is unknown", async () => {
    const views = await declared();
    let error: MercuriosError | undefined;
    try {
      views.resolve("TOP_SHOP");
    } catch (e) {
      error = e as MercuriosError;
    }
    expect(error?.code).toBe("VIEW_UNKNOWN");
    expect(error?.message).toBe("no declared view 'TOP_SHOP' in local");
    expect(error?.hint).toContain("ANALYTICS.TOP_SHOPS");
  });
});
