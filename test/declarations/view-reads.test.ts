/**
 * Views reading relations that will not exist are validation problems: not declared, not left by
 * the migrations, not in the account (when one is asked). CTEs, table functions, SNOWFLAKE's shared
 * database and INFORMATION_SCHEMA are never missing.
 */
import { describe, expect, it } from "vitest";
import { type BuildContext, buildView, type ModelObject, type ViewObject } from "../../src/model/index.js";
import { checkViewReads } from "../../src/project/declarations/index.js";

/** A declared view of SHOP.ANALYTICS, built as the loader builds it (its reads from the parser). */
function view(name: string, sql: string, bodyLine = 1): ViewObject {
  const objects: ModelObject[] = [];
  const context = {
    env: "local",
    database: "SHOP",
    db: "SHOP",
    schemas: ["ANALYTICS"],
    vars: {},
    processEnv: {},
    file: `views/ANALYTICS/${name}.sql`,
    problem: (object, message) => {
      throw new Error(`${object}: ${message}`);
    },
    add: (object) => objects.push(object),
  } as BuildContext;
  buildView({ schema: "ANALYTICS", name, sql, frontMatter: {}, bodyLine }, context);
  expect(objects[0]?.kind).toBe("view");
  return objects[0] as ViewObject;
}
const created = new Map([
  ["SHOP.RAW.ORDERS", { name: "SHOP.RAW.ORDERS", file: "migrations/RAW/V1__orders.sql" }],
]);

describe("checkViewReads", () => {
  it("passes CTEs, FLATTEN, GENERATOR, TABLE(...), ACCOUNT_USAGE, INFORMATION_SCHEMA, declared views and migrated tables", async () => {
    const views = [
      view("A", "WITH RECENT AS (SELECT * FROM SHOP.RAW.ORDERS) SELECT * FROM RECENT"),
      view("B", "SELECT F.VALUE FROM RAW.ORDERS O, LATERAL FLATTEN(INPUT => O.ITEMS) F"),
      view("C", "SELECT SEQ4() AS N FROM TABLE(GENERATOR(ROWCOUNT => 10))"),
      view("D", "SELECT * FROM TABLE(FLATTEN(INPUT => PARSE_JSON('[1]')))"),
      view("E", "SELECT * FROM SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY"),
      view(
        "F",
        "SELECT * FROM INFORMATION_SCHEMA.TABLES UNION ALL SELECT * FROM SHOP.INFORMATION_SCHEMA.VIEWS",
      ),
      view("G", "SELECT * FROM A JOIN ANALYTICS.B ON TRUE"),
    ];
    expect(await checkViewReads(views, "SHOP", { created })).toEqual([]);
  });

  it("reports a misspelt table with the view's file, the line that names it and the nearest name", async () => {
    const problems = await checkViewReads(
      [view("DAILY", "SELECT\n  COUNT(*) AS ORDRES\nFROM\n  RAW.ORDRES\n", 5)],
      "SHOP",
      { created },
    );
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem!.code).toBe("VIEW_READS_MISSING");
    expect(problem!.message).toContain(
      "reads SHOP.RAW.ORDRES, which is not declared, not created by a migration",
    );
    // Body starts at line 5 of the file; the table is on the query's 4th line: 5 + 4 - 1.
    expect(problem!.location).toMatchObject({
      file: "views/ANALYTICS/DAILY.sql",
      line: 8,
      object: "VIEW SHOP.ANALYTICS.DAILY",
    });
    expect(problem!.hint).toContain("Did you mean SHOP.RAW.ORDERS?");
  });

  it("without an account leaves other databases alone; with one, asks it only about unknown reads", async () => {
    const views = [
      view("X", "SELECT * FROM FIVETRAN.SALES.LANDED JOIN RAW.BY_HAND ON TRUE JOIN RAW.ORDERS ON TRUE"),
    ];
    const offline = await checkViewReads(views, "SHOP", { created });
    expect(offline.map((p) => p.message)).toEqual([
      "reads SHOP.RAW.BY_HAND, which is not declared, not created by a migration",
    ]);
    const asked: string[][][] = [];
    const online = await checkViewReads(views, "SHOP", {
      created,
      inAccount: async (relations) => {
        asked.push([...relations]);
        return new Set(["SHOP.RAW.BY_HAND"]);
      },
    });
    expect(asked).toEqual([
      [
        ["FIVETRAN", "SALES", "LANDED"],
        ["SHOP", "RAW", "BY_HAND"],
      ],
    ]);
    expect(online.map((p) => p.message)).toEqual([
      "reads FIVETRAN.SALES.LANDED, which is not declared, not created by a migration, nor in the account",
    ]);
  });

  it("never asks the account when every read is known", async () => {
    const problems = await checkViewReads([view("Y", "SELECT * FROM RAW.ORDERS")], "SHOP", {
      created,
      inAccount: () => {
        throw new Error("asked");
      },
    });
    expect(problems).toEqual([]);
  });
});
