import { Writable } from "node:stream";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { fixturesDir } from "./run.js";

/** A stdout that claims to be a terminal and keeps what is written. */
function terminal(): Writable & { isTTY: boolean; text: string } {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      stream.text += String(chunk);
      done();
    },
  }) as Writable & { isTTY: boolean; text: string };
  stream.isTTY = true;
  stream.text = "";
  return stream;
}

const valid = path.join(fixturesDir, "valid");
const argv = (...args: string[]) => ["node", "mercurios", ...args];

describe("colour", () => {
  it("colours terminal output, and stops for --no-color and NO_COLOR", async () => {
    const coloured = terminal();
    expect(
      await main(argv("render", "views/ANALYTICS/TENANT_SALES.sql"), {
        stdout: coloured,
        cwd: valid,
        env: {},
      }),
    ).toBe(0);
    expect(coloured.text).toContain("\u001b[2m-- views/ANALYTICS/TENANT_SALES.sql");

    const flag = terminal();
    expect(
      await main(argv("--no-color", "render", "views/ANALYTICS/TENANT_SALES.sql"), {
        stdout: flag,
        cwd: valid,
        env: {},
      }),
    ).toBe(0);
    expect(flag.text.startsWith("-- views/ANALYTICS/TENANT_SALES.sql (env local")).toBe(true);

    const env = terminal();
    expect(
      await main(argv("render", "views/ANALYTICS/TENANT_SALES.sql"), {
        stdout: env,
        cwd: valid,
        env: { NO_COLOR: "1" },
      }),
    ).toBe(0);
    expect(env.text).toBe(flag.text);
    expect(env.text).not.toContain("\u001b[");
  });
});
