import { describe, expect, it } from "vitest";
import { queryDependencies } from "../../src/model/index.js";
import { buildLineage, columnLineage } from "../../src/model/lineage.js";
import { buildViewGraph } from "../../src/model/view-graph.js";
import type { ViewObject } from "../../src/model/types.js";
import {
  lineageJson,
  renderLineageDot,
  renderLineageMermaid,
  renderLineageText,
} from "../../src/report/lineage.js";

/** A declared view D.<schema>.<name> whose dependencies come from its SQL, as the loader does it. */
function view(qualified: string, query: string, sourceLine = 1): ViewObject {
  const [database, schema, name] = qualified.split(".") as [string, string, string];
  return {
    kind: "view",
    name: qualified,
    database,
    schema,
    query,
    queryCanonical: query,
    dependsOn: queryDependencies(query, database, schema),
    source: `views/${schema}/${name}.sql`,
    sourceLine,
  };
}

// BASE reads RAW.SALES; MID reads BASE and RAW.SHOPS (a CTE and a join); TOP reads MID.
const base = view(
  "D.A.BASE",
  "SELECT TENANT_ID, SUM(AMOUNT) AS REVENUE, COUNT(*) AS N FROM D.RAW.SALES GROUP BY 1",
);
const mid = view(
  "D.A.MID",
  `WITH T AS (SELECT B.TENANT_ID, B.REVENUE * 2 AS DOUBLED FROM D.A.BASE AS B)
SELECT T.TENANT_ID, T.DOUBLED, S.CITY FROM T JOIN D.RAW.SHOPS AS S ON S.TENANT_ID = T.TENANT_ID`,
);
const top = view("D.A.TOP", "SELECT TENANT_ID, DOUBLED AS REVENUE_X2, 1 AS ONE FROM MID");
const graph = buildViewGraph([top, mid, base]);

describe("columnLineage", () => {
  it("follows columns through CTEs, joins and declared views down to table columns", () => {
    const [topColumns] = columnLineage(graph, ["D.A.TOP"]);
    expect(topColumns).toEqual({
      view: "D.A.TOP",
      resolved: true,
      clauseUses: {},
      columns: [
        {
          name: "TENANT_ID",
          transform: "direct",
          sources: ["D.A.MID.TENANT_ID"],
          origins: ["D.RAW.SALES.TENANT_ID"],
          unknown: [],
        },
        {
          name: "REVENUE_X2",
          transform: "direct",
          sources: ["D.A.MID.DOUBLED"],
          origins: ["D.RAW.SALES.AMOUNT"],
          unknown: [],
        },
        { name: "ONE", transform: "constant", sources: [], origins: [], unknown: [] },
      ],
    });
  });

  it("gives a column with no source column (COUNT(*)) no sources and no unknowns", () => {
    const [baseColumns] = columnLineage(graph, ["D.A.BASE"]);
    expect(baseColumns?.columns.find((c) => c.name === "N")).toEqual({
      name: "N",
      transform: "aggregation",
      sources: [],
      origins: [],
      unknown: [],
    });
  });

  it("reports *, unqualified names in a join and what follows from them as unknown, never a guess", () => {
    const star = view("D.A.STAR", "SELECT * FROM D.RAW.SALES");
    const join = view(
      "D.A.JOINED",
      "SELECT X, S.Y FROM D.RAW.SALES AS S JOIN D.RAW.SHOPS AS H ON S.ID = H.ID",
    );
    const onStar = view("D.A.ON_STAR", "SELECT AMOUNT FROM D.A.STAR");
    const [starColumns, joinColumns, onStarColumns] = columnLineage(buildViewGraph([star, join, onStar]), [
      "D.A.STAR",
      "D.A.JOINED",
      "D.A.ON_STAR",
    ]);
    expect(starColumns?.columns).toEqual([
      {
        name: "*",
        transform: "star",
        sources: [],
        origins: [],
        unknown: ["* (the SQL does not list these columns)"],
      },
    ]);
    expect(joinColumns?.columns).toEqual([
      {
        name: "X",
        transform: "direct",
        sources: [],
        origins: [],
        unknown: ["X (unqualified: the parser cannot tell which relation it comes from)"],
      },
      { name: "Y", transform: "direct", sources: ["D.RAW.SALES.Y"], origins: ["D.RAW.SALES.Y"], unknown: [] },
    ]);
    expect(onStarColumns?.columns).toEqual([
      {
        name: "AMOUNT",
        transform: "direct",
        sources: ["D.A.STAR.AMOUNT"],
        origins: [],
        unknown: ["D.A.STAR.AMOUNT (D.A.STAR selects *)"],
      },
    ]);
  });

  it("names an unaliased expression by its position and keeps the next columns' names", () => {
    // The parser's projection facts would call the first column B as well; its output description does not.
    const unnamed = view("D.A.UNNAMED", "SELECT A + 1, B, * FROM D.RAW.SALES");
    const [columns] = columnLineage(buildViewGraph([unnamed]), ["D.A.UNNAMED"]);
    expect(columns?.columns.map((c) => [c.name, c.sources])).toEqual([
      ["$1", ["D.RAW.SALES.A"]],
      ["B", ["D.RAW.SALES.B"]],
      ["*", []],
    ]);
  });

  it("keeps quoted column names as written and folds unquoted ones to upper case", () => {
    const quoted = view("D.A.Q", 'SELECT s."Mixed" AS "Out", s.lower_name FROM d.raw.sales AS s');
    const [columns] = columnLineage(buildViewGraph([quoted]), ["D.A.Q"]);
    expect(columns?.columns.map((c) => [c.name, c.sources])).toEqual([
      ['"Out"', ['D.RAW.SALES."Mixed"']],
      ["LOWER_NAME", ["D.RAW.SALES.LOWER_NAME"]],
    ]);
  });

  it("degrades to table level with the reason (file:line) when the parser cannot analyse a view, and says so downstream", () => {
    // Not SQL the parser accepts; the loader would normally reject it, the lineage must still not throw.
    const broken = view("D.A.BROKEN", "SELECT A FROM D.RAW.SALES WHERE", 3);
    const reader = view("D.A.READER", "SELECT A FROM D.A.BROKEN");
    const lineage = buildLineage(buildViewGraph([broken, reader]), "D", "D.A.READER");
    expect(lineage.columns.find((c) => c.view === "D.A.BROKEN")).toMatchObject({
      resolved: false,
      reason: expect.stringMatching(/^views\/A\/BROKEN\.sql:3: Parse error at line 1/),
      columns: [],
    });
    expect(lineage.columns[0]?.columns).toEqual([
      {
        name: "A",
        transform: "direct",
        sources: ["D.A.BROKEN.A"],
        origins: [],
        unknown: ["D.A.BROKEN.A (columns of D.A.BROKEN not resolved)"],
      },
    ]);
    expect(renderLineageText(lineage)).toContain(
      "  A <- A.BROKEN.A; unknown: A.BROKEN.A (columns of A.BROKEN not resolved)",
    );
  });
  it("shows a view the parser cannot analyse with its table-level lineage and the reason", () => {
    // Table-level dependencies known from elsewhere (the parser gives none for this text).
    const broken = {
      ...view("D.A.BROKEN", "SELECT A FROM D.RAW.SALES WHERE", 3),
      dependsOn: ["D.RAW.SALES"],
    };
    const lineage = buildLineage(buildViewGraph([broken]), "D", "D.A.BROKEN");
    expect(lineage.reads).toEqual([{ name: "D.RAW.SALES", kind: "table", depth: 1 }]);
    const text = renderLineageText(lineage).split("\n");
    expect(text.slice(0, 6)).toEqual([
      "A.BROKEN  (views/A/BROKEN.sql)",
      "reads:",
      "  RAW.SALES (table)",
      "read by:",
      "  (no declared view)",
      "columns:",
    ]);
    expect(text[6]).toMatch(/^ {2}not resolved \(views\/A\/BROKEN\.sql:3: Parse error at line 1, /);
    expect(renderLineageText(buildLineage(buildViewGraph([broken]), "D"))).toMatch(
      /\n {2}columns: not resolved \(views\/A\/BROKEN\.sql:3: Parse error at line 1, /,
    );
    const nothingKnown = view("D.A.BROKEN", "SELECT A FROM D.RAW.SALES WHERE", 3);
    expect(renderLineageText(buildLineage(buildViewGraph([nothingKnown]), "D", "D.A.BROKEN"))).toContain(
      "reads:\n  (not known: the SQL parser could not analyse the view)\n",
    );
    const json = lineageJson({ environment: "local", ...lineage });
    expect(Object.keys(json.unresolved)).toEqual(["D.A.BROKEN"]);
    expect(json.columns).toEqual({ "D.A.BROKEN": {} });
  });
});

describe("buildLineage", () => {
  it("lists what a view reads and what reads it with depths", () => {
    const lineage = buildLineage(graph, "D", "D.A.BASE");
    expect(lineage.reads).toEqual([{ name: "D.RAW.SALES", kind: "table", depth: 1 }]);
    expect(lineage.readBy).toEqual([
      { name: "D.A.MID", kind: "view", depth: 1 },
      { name: "D.A.TOP", kind: "view", depth: 2 },
    ]);
    // Only what is connected to BASE: MID's other table is not drawn.
    expect(lineage.nodes.map((n) => n.name)).toEqual(["D.A.BASE", "D.A.MID", "D.A.TOP", "D.RAW.SALES"]);
    expect(lineage.edges).toEqual([
      { from: "D.RAW.SALES", to: "D.A.BASE" },
      { from: "D.A.BASE", to: "D.A.MID" },
      { from: "D.A.MID", to: "D.A.TOP" },
    ]);
    expect(lineage.columns.map((c) => c.view)).toEqual(["D.A.BASE", "D.A.MID", "D.A.TOP"]);
  });

  it("lists the downstream view columns derived from each column, and readers whose columns are not known", () => {
    const star = view("D.A.ALL_OF_BASE", "SELECT * FROM D.A.BASE");
    const lineage = buildLineage(buildViewGraph([top, mid, base, star]), "D", "D.A.BASE");
    expect(lineage.usedBy).toEqual([
      {
        column: "TENANT_ID",
        users: [
          // MID joins on it (through its CTE) and passes it on.
          { name: "D.A.MID", kind: "view", depth: 1, clauses: ["join"] },
          { name: "D.A.MID.TENANT_ID", kind: "view", depth: 1 },
          { name: "D.A.TOP.TENANT_ID", kind: "view", depth: 2 },
        ],
      },
      {
        column: "REVENUE",
        users: [
          { name: "D.A.MID.DOUBLED", kind: "view", depth: 1 },
          { name: "D.A.TOP.REVENUE_X2", kind: "view", depth: 2 },
        ],
      },
    ]);
    expect(lineage.usedByUnknown).toEqual([{ view: "D.A.ALL_OF_BASE", reason: "it selects *" }]);
    expect(renderLineageText(lineage).split("columns used downstream:\n")[1]).toBe(
      [
        "  TENANT_ID -> A.MID in join (depth 1), A.MID.TENANT_ID (depth 1), A.TOP.TENANT_ID (depth 2)",
        "  REVENUE -> A.MID.DOUBLED (depth 1), A.TOP.REVENUE_X2 (depth 2)",
        "  A.ALL_OF_BASE: not known (it selects *)",
      ].join("\n"),
    );
  });

  it("gives the whole project's graph without a root", () => {
    const lineage = buildLineage(graph, "D");
    expect(lineage.root).toBeUndefined();
    expect(lineage.nodes).toEqual([
      { name: "D.A.BASE", kind: "view", file: "views/A/BASE.sql" },
      { name: "D.A.MID", kind: "view", file: "views/A/MID.sql" },
      { name: "D.A.TOP", kind: "view", file: "views/A/TOP.sql" },
      { name: "D.RAW.SALES", kind: "table" },
      { name: "D.RAW.SHOPS", kind: "table" },
    ]);
    expect(lineage.edges).toEqual([
      { from: "D.RAW.SALES", to: "D.A.BASE" },
      { from: "D.A.BASE", to: "D.A.MID" },
      { from: "D.RAW.SHOPS", to: "D.A.MID" },
      { from: "D.A.MID", to: "D.A.TOP" },
    ]);
    expect(lineage.reads).toEqual([]);
    expect(lineage.readBy).toEqual([]);
  });
});

describe("lineage renderings", () => {
  const lineage = buildLineage(graph, "D", "D.A.MID");

  it("text: the view, reads as a tree, read by with depth, columns as chains", () => {
    expect(renderLineageText(lineage)).toBe(
      [
        "A.MID  (views/A/MID.sql)",
        "reads:",
        "  A.BASE (view)",
        "    RAW.SALES (table)",
        "  RAW.SHOPS (table)",
        "read by:",
        "  A.TOP (depth 1)",
        "columns:",
        "  TENANT_ID <- A.BASE.TENANT_ID <- RAW.SALES.TENANT_ID",
        "  DOUBLED <- A.BASE.REVENUE <- RAW.SALES.AMOUNT",
        "  CITY <- RAW.SHOPS.CITY",
        "columns used downstream:",
        "  TENANT_ID -> A.TOP.TENANT_ID (depth 1)",
        "  DOUBLED -> A.TOP.REVENUE_X2 (depth 1)",
      ].join("\n"),
    );
  });

  it("text for the whole project: each view, then the tables and their readers", () => {
    expect(renderLineageText(buildLineage(graph, "D"))).toBe(
      [
        "D: 3 declared views, 2 tables they read",
        "A.BASE  (views/A/BASE.sql)",
        "  reads: RAW.SALES",
        "  read by: A.MID",
        "  columns: 3 columns, all traced to tables",
        "A.MID  (views/A/MID.sql)",
        "  reads: A.BASE, RAW.SHOPS",
        "  read by: A.TOP",
        "  columns: 3 columns, all traced to tables",
        "A.TOP  (views/A/TOP.sql)",
        "  reads: A.MID",
        "  read by: (no declared view)",
        "  columns: 3 columns, all traced to tables",
        "tables:",
        "  RAW.SALES  read by A.BASE",
        "  RAW.SHOPS  read by A.MID",
      ].join("\n"),
    );
  });

  it("mermaid: a flowchart with safe ids, tables as cylinders, the view in focus", () => {
    expect(renderLineageMermaid(lineage)).toBe(
      [
        "flowchart LR",
        '  v_A_BASE("A.BASE")',
        '  v_A_MID("A.MID")',
        '  v_A_TOP("A.TOP")',
        '  t_RAW_SALES[("RAW.SALES")]',
        '  t_RAW_SHOPS[("RAW.SHOPS")]',
        "  t_RAW_SALES --> v_A_BASE",
        "  v_A_BASE --> v_A_MID",
        "  t_RAW_SHOPS --> v_A_MID",
        "  v_A_MID --> v_A_TOP",
        "  classDef view fill:#e3ecfa,stroke:#3b6fb6,color:#10243e",
        "  classDef table fill:#eef3e2,stroke:#5b7a1e,color:#1f2a0a",
        "  classDef focus stroke-width:3px",
        "  class v_A_BASE,v_A_MID,v_A_TOP view",
        "  class t_RAW_SALES,t_RAW_SHOPS table",
        "  class v_A_MID focus",
      ].join("\n"),
    );
  });

  it("mermaid and dot escape quotes in names", () => {
    const odd = view("D.A.ODD", 'SELECT X FROM D.RAW."we""ird.t"');
    const oddLineage = buildLineage(buildViewGraph([odd]), "D");
    expect(oddLineage.nodes.map((n) => n.name)).toEqual(["D.A.ODD", 'D.RAW."WE""IRD.T"']);
    expect(renderLineageMermaid(oddLineage)).toContain(
      '  t_RAW__WE__IRD_T_[("RAW.#quot;WE#quot;#quot;IRD.T#quot;")]',
    );
    expect(renderLineageDot(oddLineage)).toContain(
      '  "D.RAW.\\"WE\\"\\"IRD.T\\"" [label="RAW.\\"WE\\"\\"IRD.T\\"", shape=box];',
    );
  });

  it("dot: a digraph, tables as boxes, views as ellipses", () => {
    expect(renderLineageDot(lineage)).toBe(
      [
        "digraph lineage {",
        "  rankdir=LR;",
        '  node [fontname="Helvetica"];',
        '  "D.A.BASE" [label="A.BASE", shape=ellipse];',
        '  "D.A.MID" [label="A.MID", shape=ellipse, penwidth=2];',
        '  "D.A.TOP" [label="A.TOP", shape=ellipse];',
        '  "D.RAW.SALES" [label="RAW.SALES", shape=box];',
        '  "D.RAW.SHOPS" [label="RAW.SHOPS", shape=box];',
        '  "D.RAW.SALES" -> "D.A.BASE";',
        '  "D.A.BASE" -> "D.A.MID";',
        '  "D.RAW.SHOPS" -> "D.A.MID";',
        '  "D.A.MID" -> "D.A.TOP";',
        "}",
      ].join("\n"),
    );
  });

  it("json: nodes, edges and columns by view and column", () => {
    const json = lineageJson({ environment: "local", ...buildLineage(graph, "D", "D.A.TOP") });
    expect(json).toEqual({
      environment: "local",
      database: "D",
      root: "D.A.TOP",
      nodes: [
        { name: "D.A.BASE", kind: "view", file: "views/A/BASE.sql" },
        { name: "D.A.MID", kind: "view", file: "views/A/MID.sql" },
        { name: "D.A.TOP", kind: "view", file: "views/A/TOP.sql" },
        { name: "D.RAW.SALES", kind: "table" },
        { name: "D.RAW.SHOPS", kind: "table" },
      ],
      edges: [
        { from: "D.RAW.SALES", to: "D.A.BASE" },
        { from: "D.A.BASE", to: "D.A.MID" },
        { from: "D.RAW.SHOPS", to: "D.A.MID" },
        { from: "D.A.MID", to: "D.A.TOP" },
      ],
      reads: [
        { name: "D.A.MID", kind: "view", depth: 1 },
        { name: "D.A.BASE", kind: "view", depth: 2 },
        { name: "D.RAW.SHOPS", kind: "table", depth: 2 },
        { name: "D.RAW.SALES", kind: "table", depth: 3 },
      ],
      readBy: [],
      columns: {
        "D.A.TOP": { TENANT_ID: ["D.A.MID.TENANT_ID"], REVENUE_X2: ["D.A.MID.DOUBLED"], ONE: [] },
        "D.A.BASE": { TENANT_ID: ["D.RAW.SALES.TENANT_ID"], REVENUE: ["D.RAW.SALES.AMOUNT"], N: [] },
        "D.A.MID": {
          TENANT_ID: ["D.A.BASE.TENANT_ID"],
          DOUBLED: ["D.A.BASE.REVENUE"],
          CITY: ["D.RAW.SHOPS.CITY"],
        },
      },
      origins: {
        "D.A.TOP": { TENANT_ID: ["D.RAW.SALES.TENANT_ID"], REVENUE_X2: ["D.RAW.SALES.AMOUNT"], ONE: [] },
        "D.A.BASE": { TENANT_ID: ["D.RAW.SALES.TENANT_ID"], REVENUE: ["D.RAW.SALES.AMOUNT"], N: [] },
        "D.A.MID": {
          TENANT_ID: ["D.RAW.SALES.TENANT_ID"],
          DOUBLED: ["D.RAW.SALES.AMOUNT"],
          CITY: ["D.RAW.SHOPS.CITY"],
        },
      },
      unknown: {},
      unresolved: {},
      usedBy: {},
      usedByUnknown: {},
    });
  });
});
