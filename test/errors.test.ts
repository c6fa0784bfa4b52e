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
