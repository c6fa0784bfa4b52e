import { describe, expect, it } from "vitest";
import { compareVersions, normaliseVersion, parseScriptName } from "../../src/project/migrations/index.js";

describe("parseScriptName", () => {
  it("reads versioned, repeatable, always and undo names", () => {
    expect(parseScriptName("V1.2.3__create_sales.sql")).toEqual({
      kind: "versioned",
      version: "1.2.3",
      versionParts: [1, 2, 3],
      description: "create_sales",
      environments: null,
    });
    expect(parseScriptName("r__views.sql")).toMatchObject({
      kind: "repeatable",
      version: null,
      description: "views",
    });
    expect(parseScriptName("A__grants.sql")).toMatchObject({ kind: "always", description: "grants" });
    expect(parseScriptName("U2_1__drop.sql")).toMatchObject({
      kind: "undo",
      version: "2_1",
      versionParts: [2, 1],
    });
  });

  it("reads environment qualifiers", () => {
    expect(parseScriptName("V3__seed.dev.sql")).toMatchObject({ description: "seed", environments: ["dev"] });
    expect(parseScriptName("V3__seed.dev+staging.sql")).toMatchObject({ environments: ["dev", "staging"] });
  });

  it("explains what is wrong with a bad name", () => {
    expect(parseScriptName("V1_create.sql")).toEqual({
      problem: "uses a single underscore between version and description; use two: V1__create.sql",
    });
    expect(parseScriptName("setup.sql")).toMatchObject({
      problem: expect.stringMatching(/^is not a migration name/),
    });
    expect(parseScriptName("R1__x.sql")).toEqual({
      problem: "is a repeatable script with a version; name it R__x.sql",
    });
    expect(parseScriptName("Vx__y.sql")).toMatchObject({
      problem: expect.stringContaining("has version 'x'"),
    });
    expect(parseScriptName("V1__y.Dev.sql")).toMatchObject({ problem: expect.stringContaining("'.Dev.'") });
  });
});

describe("versions", () => {
  it("compare numerically segment by segment", () => {
    const sorted = ["1.10", "1.9", "2", "1.2.0", "1.2.1", "1"].map((v) => ({ v, p: normaliseVersion(v) }));
    sorted.sort((a, b) => compareVersions(a.p, b.p));
    expect(sorted.map((s) => s.v)).toEqual(["1", "1.2.0", "1.2.1", "1.9", "1.10", "2"]);
    expect(compareVersions(normaliseVersion("1.2"), normaliseVersion("1.2.0"))).toBe(0);
  });
});
