import { describe, expect, it } from "vitest";
import {
  canonicalSql,
  createTextIsSecure,
  extractViewQuery,
  matchesPattern,
  normaliseAutoSuspend,
  normaliseBoolean,
  normaliseComment,
  normaliseGrantObjectType,
  normaliseOptionalName,
  normaliseWarehouseSize,
  parseFutureGrantName,
  parseNameList,
  parsePredecessors,
  pluralObjectType,
  queryDependencies,
  quoteIdentifier,
  resolveIdentifier,
  resolveQualifiedName,
  singularObjectType,
  triggersFromShow,
} from "../../src/model/index.js";

describe("identifiers", () => {
  it("resolves unquoted names to upper case and keeps quoted names", () => {
    expect(resolveIdentifier("sales")).toBe("SALES");
    expect(resolveIdentifier('"Sales"')).toBe("Sales");
    expect(resolveIdentifier('"a""b"')).toBe('a"b');
  });
  it("quotes only when the unquoted form would resolve differently", () => {
    expect(quoteIdentifier("SALES")).toBe("SALES");
    expect(quoteIdentifier("Sales")).toBe('"Sales"');
    expect(quoteIdentifier("SELECT")).toBe('"SELECT"');
    expect(quoteIdentifier("MY TABLE")).toBe('"MY TABLE"');
  });
  it("resolves qualified names part by part", () => {
    expect(resolveQualifiedName('mercurios_data.raw."Sales.2024"')).toBe('MERCURIOS_DATA.RAW."Sales.2024"');
  });
  it("matches glob patterns", () => {
    expect(matchesPattern("VIEW MERCURIOS_DATA.ADMIN.TMP_X", "VIEW *.TMP_*")).toBe(true);
    expect(matchesPattern("ROLE ACCOUNTADMIN", "* ACCOUNT*")).toBe(true);
    expect(matchesPattern("WAREHOUSE X", "VIEW *")).toBe(false);
  });
});

describe("normalisation", () => {
  it("maps every size spelling through the synonym table (the 2X-Large trap)", () => {
    expect(normaliseWarehouseSize("2X-Large")).toBe("XXLARGE");
    expect(normaliseWarehouseSize("XXLARGE")).toBe("XXLARGE");
    expect(normaliseWarehouseSize("x2large")).toBe("XXLARGE");
    expect(normaliseWarehouseSize("X-Small")).toBe("XSMALL");
    expect(normaliseWarehouseSize("'X-SMALL'")).toBe("XSMALL");
    expect(normaliseWarehouseSize("3X-Large")).toBe("XXXLARGE");
    expect(normaliseWarehouseSize("2XLARGE")).toBeUndefined();
  });
  it("reads the mixed boolean encodings", () => {
    expect(normaliseBoolean("true")).toBe(true);
    expect(normaliseBoolean("Y")).toBe(true);
    expect(normaliseBoolean("N")).toBe(false);
    expect(normaliseBoolean("OFF")).toBe(false);
    expect(normaliseBoolean("null")).toBeUndefined();
  });
  it("folds null markers", () => {
    expect(normaliseOptionalName("null")).toBeNull();
    expect(normaliseOptionalName("MERCURIOS_DEV_MONITOR")).toBe("MERCURIOS_DEV_MONITOR");
    expect(normaliseComment("")).toBeNull();
    expect(normaliseAutoSuspend("0")).toBeNull();
    expect(normaliseAutoSuspend(null)).toBeNull();
    expect(normaliseAutoSuspend("60")).toBe(60);
  });
  it("parses trigger lists into a sorted set", () => {
    expect(triggersFromShow("90%,50%", "100%", "null")).toEqual([
      { percent: 50, action: "NOTIFY" },
      { percent: 90, action: "NOTIFY" },
      { percent: 100, action: "SUSPEND" },
    ]);
    expect(parseNameList("B, A")).toEqual(["A", "B"]);
  });
  it("normalises grant object types and future-grant names", () => {
    expect(normaliseGrantObjectType("materialized view")).toBe("MATERIALIZED_VIEW");
    expect(normaliseGrantObjectType("HYBRID TABLE")).toBe("TABLE");
    expect(singularObjectType("TABLES")).toBe("TABLE");
    expect(singularObjectType("MATERIALIZED VIEWS")).toBe("MATERIALIZED_VIEW");
    expect(singularObjectType("ROW ACCESS POLICIES")).toBe("ROW_ACCESS_POLICY");
    expect(pluralObjectType("MATERIALIZED_VIEW")).toBe("MATERIALIZED VIEWS");
    expect(parseFutureGrantName("MERCURIOS_DATA.RAW.<TABLE>")).toEqual({
      container: "MERCURIOS_DATA.RAW",
      scope: "SCHEMA",
    });
    expect(parseFutureGrantName("MERCURIOS_DATA.<SCHEMA>")).toEqual({
      container: "MERCURIOS_DATA",
      scope: "DATABASE",
    });
    expect(parsePredecessors('["DB.S.A","DB.S.B"]')).toEqual(["DB.S.A", "DB.S.B"]);
    expect(parsePredecessors("[]")).toEqual([]);
  });
});

describe("SQL bodies", () => {
  it("compares tokens, not whitespace, keyword case, comments or trailing semicolons", () => {
    const a = canonicalSql("select a,  b\nfrom raw.sales -- note\nwhere x = 'Y';");
    const b = canonicalSql("SELECT A, B FROM RAW.\"SALES\" WHERE X = 'Y'");
    expect(a).toBe(b);
    expect(a).toBe("SELECT A , B FROM RAW . SALES WHERE X = 'Y'");
  });
  it("keeps string literal case and quoted identifier case significant", () => {
    expect(canonicalSql("select 'y'")).not.toBe(canonicalSql("select 'Y'"));
    expect(canonicalSql('select "a"')).not.toBe(canonicalSql("select a"));
  });
  it("extracts the query of a CREATE VIEW at the first top-level AS", () => {
    const text =
      'CREATE OR REPLACE SECURE VIEW MERCURIOS_DATA.ANALYTICS.V (X COMMENT \'a AS b\', "as") COPY GRANTS AS select 1 as x, 2 as "as";';
    expect(extractViewQuery(text)).toBe('select 1 as x, 2 as "as"');
    expect(createTextIsSecure(text)).toBe(true);
    expect(createTextIsSecure("create view v as select 1")).toBe(false);
  });
  it("lists the relations a query reads, qualified", () => {
    expect(
      queryDependencies(
        "with c as (select * from raw.a) select * from c join b on true where x in (select y from analytics.v2)",
        "MERCURIOS_DATA",
        "STANDARD",
      ),
    ).toEqual(["MERCURIOS_DATA.ANALYTICS.V2", "MERCURIOS_DATA.RAW.A", "MERCURIOS_DATA.STANDARD.B"]);
  });
});
