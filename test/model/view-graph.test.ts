import { describe, expect, it } from "vitest";
import { MercuriosError } from "../../src/errors/index.js";
import { buildViewGraph, type ViewObject } from "../../src/model/index.js";

function view(name: string, dependsOn: string[], source?: string): ViewObject {
  const [database, schema] = name.split(".");
  return {
    kind: "view",
    name,
    database: database!,
    schema: schema!,
    query: "SELECT 1",
    queryCanonical: "SELECT 1",
    dependsOn,
    ...(source ? { source } : {}),
  };
}

// BASE reads a table; MID reads BASE; TOP reads MID and BASE; OTHER reads a table only.
const views = [
  view("D.A.TOP", ["D.A.MID", "D.A.BASE"]),
  view("D.A.MID", ["D.A.BASE"]),
  view("D.A.BASE", ["D.RAW.SALES"]),
  view("D.A.OTHER", ["D.RAW.SHOPS"]),
];

describe("buildViewGraph", () => {
  it("orders views after the views they read", () => {
    const graph = buildViewGraph(views);
    expect(graph.order).toEqual(["D.A.BASE", "D.A.MID", "D.A.OTHER", "D.A.TOP"]);
  });

  it("lists direct reads and readers, tables included", () => {
    const graph = buildViewGraph(views);
    expect(graph.reads("D.A.TOP")).toEqual(["D.A.BASE", "D.A.MID"]);
    expect(graph.readers("D.A.BASE")).toEqual(["D.A.MID", "D.A.TOP"]);
    expect(graph.readers("D.RAW.SALES")).toEqual(["D.A.BASE"]);
    expect(graph.readers("D.A.TOP")).toEqual([]);
  });

  it("gives the upstream closure of a view in creation order, views only", () => {
    const graph = buildViewGraph(views);
    expect(graph.upstream(["D.A.TOP"])).toEqual(["D.A.BASE", "D.A.MID", "D.A.TOP"]);
    expect(graph.upstream(["D.A.OTHER"])).toEqual(["D.A.OTHER"]);
  });

  it("gives the downstream closure of a view in creation order", () => {
    const graph = buildViewGraph(views);
    expect(graph.downstream(["D.A.BASE"])).toEqual(["D.A.BASE", "D.A.MID", "D.A.TOP"]);
    expect(graph.downstream(["D.A.MID", "D.A.OTHER"])).toEqual(["D.A.MID", "D.A.OTHER", "D.A.TOP"]);
  });

  it("names the cycle and the file when views read each other", () => {
    const cyclic = [view("D.A.X", ["D.A.Y"], "views/A/X.sql"), view("D.A.Y", ["D.A.X"], "views/A/Y.sql")];
    let error: unknown;
    try {
      buildViewGraph(cyclic);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MercuriosError);
    expect((error as MercuriosError).code).toBe("VIEW_CYCLE");
    expect((error as MercuriosError).message).toContain("D.A.X -> D.A.Y -> D.A.X");
    expect((error as MercuriosError).location?.file).toBe("views/A/X.sql");
  });
});
