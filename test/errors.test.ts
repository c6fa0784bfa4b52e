import { describe, expect, it } from "vitest";
import { MercuriosError, ValidationError, formatLocation } from "../src/errors/index.js";

describe("MercuriosError", () => {
  it("describes where, what and what to do in one paragraph", () => {
    const error = new MercuriosError("TEMPLATE_MISSING_VAR", "Variable `warehouse` is not defined.", {
      location: { file: "migrations/RAW/V1__init.sql", line: 3, column: 14 },
      hint: "Define it under vars in mercurios.config.ts or pass --var warehouse=…",
    });
    expect(error.describe()).toBe(
      "migrations/RAW/V1__init.sql:3:14: Variable `warehouse` is not defined. Define it under vars in mercurios.config.ts or pass --var warehouse=…",
    );
  });

  it("ends the message's sentence before the hint", () => {
    const describe = (message: string, hint?: string) =>
      new MercuriosError("COST_NOT_CONFIGURED", message, hint === undefined ? {} : { hint }).describe();
    expect(describe("this project has no cost module", "`cost` needs declared monitors.")).toBe(
      "this project has no cost module. `cost` needs declared monitors.",
    );
    expect(describe("already a sentence.", "Hint.")).toBe("already a sentence. Hint.");
    expect(describe("is it?", "Hint.")).toBe("is it? Hint.");
    expect(describe("2 answers are not valid:", "Example: x")).toBe("2 answers are not valid. Example: x");
    expect(describe("ends in `mercurios up`", "Hint.")).toBe("ends in `mercurios up`. Hint.");
    // Without a hint the message is as written.
    expect(describe("no hint here")).toBe("no hint here");
  });

  it("lists every problem of a validation error", () => {
    const error = new ValidationError("CONFIG_INVALID", "mercurios.config.ts has 2 problems.", [
      new MercuriosError("CONFIG_FIELD", "expected string", {
        location: { path: "environments.prod.connection.user" },
      }),
      new MercuriosError("CONFIG_FIELD", "required", { location: { path: "database" } }),
    ]);
    expect(error.describe().split("\n")).toEqual([
      "mercurios.config.ts has 2 problems.",
      "  - environments.prod.connection.user: expected string",
      "  - database: required",
    ]);
  });

  it("formats object locations", () => {
    expect(formatLocation({ object: "WAREHOUSE MERCURIOS_DEV_WH" })).toBe("WAREHOUSE MERCURIOS_DEV_WH");
  });
});
