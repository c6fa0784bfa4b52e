/**
 * `mercurios … | head -1`: the reader closes the pipe after one line; mercurios must end quietly
 * with exit 0 (it died on an unhandled EPIPE with a stack trace before).
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { binPath } from "../../cli/run.js";
import { baseProject } from "./harness.js";

describe("a closed pipe", () => {
  it("render | head -1 ends with exit 0 and nothing on stderr", async () => {
    const root = await baseProject();
    // Many files, so that the output outlasts the pipe's buffer and head's exit.
    const files = Array.from({ length: 400 }, () => "migrations/RAW/V1__orders.sql").join(" ");
    const out = execFileSync(
      "bash",
      [
        "-c",
        `node ${binPath} render ${files} 2>stderr.txt | head -1; echo "exit=\${PIPESTATUS[0]}"; cat stderr.txt`,
      ],
      { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
    );
    expect(out).toBe("-- migrations/RAW/V1__orders.sql (env local, database SHOP)\nexit=0\n");
  }, 120_000);
});
