/**
 * No password, private key, passphrase or token in any output, log or error of the driver or the
 * server. Runs logins and statements with known secret values and searches everything they produced:
 * outputs, errors, query logs, and every file the run left in the places it could write to. Those are
 * fresh temporary folders: the working directory (snowflake-sdk's default snowflake.log goes there),
 * the home directory (its "easy logging" default) and the temp directory, for this process and for
 * the server it starts, so a file left by anything else cannot fail the test or hide a leak.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveConnection } from "../../src/driver/connection.js";
import { openLocalDriver } from "../../src/driver/local.js";
import { connectSnowflake } from "../../src/driver/snowflake.js";
import type { Driver, DriverLogEvent } from "../../src/driver/types.js";
import { openEngine } from "../../src/engine/index.js";
import { MercuriosError } from "../../src/errors/index.js";

const PASSWORD = "Pw7f3kq9Secretvalue";
const PASSPHRASE = "Pp2m8xz4Phrasevalue";
const TOKEN = "Tk5n1wr6Tokenvalue";
const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: PASSPHRASE },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
/** A line from the middle of the encrypted key: none of the key's text may leak either. */
const KEY_LINE = privateKey.split("\n")[5]!;
const SECRETS = [PASSWORD, PASSPHRASE, TOKEN, KEY_LINE];

/** The key file and the engine's file live apart from the folders the run is checked in. */
const dir = mkdtempSync(path.join(tmpdir(), "mercurios-secrets-"));
const keyFile = path.join(dir, "key.p8");
writeFileSync(keyFile, privateKey, { mode: 0o600 });
/** Fresh working, home and temp directories for this process and the server. */
const run = mkdtempSync(path.join(tmpdir(), "mercurios-secrets-run-"));
const places = { cwd: path.join(run, "cwd"), home: path.join(run, "home"), tmp: path.join(run, "tmp") };
for (const place of Object.values(places)) mkdirSync(place);

const BIN = path.resolve("bin/mercurios.js");
let child: ChildProcessWithoutNullStreams | undefined;
const saved = { cwd: process.cwd(), HOME: process.env.HOME, TMPDIR: process.env.TMPDIR };
afterAll(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  process.chdir(saved.cwd);
  for (const key of ["HOME", "TMPDIR"] as const) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

/** Every file under `root`, relative paths. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** Everything an error can show: message, hint, describe(), stack, and its causes. */
function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null) {
    if (current instanceof MercuriosError) parts.push(current.describe(), String(current.hint));
    if (current instanceof Error) parts.push(current.message, current.stack ?? "");
    else parts.push(String(current));
    try {
      parts.push(JSON.stringify(current));
    } catch {
      // circular structures: the other renderings cover them
    }
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join("\n");
}

describe("secrets stay secret", () => {
  it("never shows passwords, keys, passphrases or tokens from driver or server", async () => {
    process.chdir(places.cwd);
    process.env.HOME = places.home;
    process.env.TMPDIR = places.tmp;
    child = spawn(
      process.execPath,
      [BIN, "local", "serve", "--port", "0", "--local-db", path.join(dir, "e.duckdb")],
      {
        cwd: places.cwd,
        env: { ...process.env, NO_COLOR: "1", HOME: places.home, TMPDIR: places.tmp },
      },
    );
    let serverOut = "";
    let serverErr = "";
    child.stderr.on("data", (c: Buffer) => {
      serverErr += c.toString();
    });
    const url = await new Promise<string>((resolve, reject) => {
      child!.stdout.on("data", (c: Buffer) => {
        serverOut += c.toString();
        const match = /listening on (\S+)/.exec(serverOut);
        if (match) resolve(match[1]!);
      });
      child!.on("exit", (code) => reject(new Error(`server exited ${code}`)));
    });

    const captured: string[] = [];
    const logs: DriverLogEvent[] = [];
    const onLog = (event: DriverLogEvent) => logs.push(event);
    const base = { SNOWFLAKE_ACCOUNT: "local", SNOWFLAKE_ACCESS_URL: url };
    const attempt = async (env: NodeJS.ProcessEnv) => {
      try {
        const driver = await connectSnowflake(resolveConnection(undefined, { env }), {
          onLog,
          loginAttempts: 1,
        });
        await driver.close();
        captured.push("connected");
      } catch (error) {
        captured.push(errorText(error));
      }
    };

    // Wrong password, key pair not registered (encrypted key + passphrase), token not registered.
    await attempt({ ...base, SNOWFLAKE_USER: "ADMIN", SNOWFLAKE_PASSWORD: PASSWORD });
    await attempt({
      ...base,
      SNOWFLAKE_USER: "ADMIN",
      SNOWFLAKE_PRIVATE_KEY_PATH: keyFile,
      SNOWFLAKE_PRIVATE_KEY_PASSPHRASE: PASSPHRASE,
    });
    await attempt({
      ...base,
      SNOWFLAKE_USER: "ADMIN",
      SNOWFLAKE_AUTHENTICATOR: "OAUTH",
      SNOWFLAKE_TOKEN: TOKEN,
    });
    await attempt({ ...base, SNOWFLAKE_USER: "ADMIN", SNOWFLAKE_TOKEN: TOKEN });
    // A wrong passphrase fails while decrypting the key, before any request.
    await attempt({
      ...base,
      SNOWFLAKE_USER: "ADMIN",
      SNOWFLAKE_PRIVATE_KEY_PATH: keyFile,
      SNOWFLAKE_PRIVATE_KEY_PASSPHRASE: `${PASSPHRASE}x`,
    });

    // Statements that carry secrets, successful and failing.
    const driver: Driver = await connectSnowflake(
      resolveConnection(undefined, {
        env: { ...base, SNOWFLAKE_USER: "ADMIN", SNOWFLAKE_PASSWORD: "admin" },
      }),
      { onLog, secrets: [TOKEN] },
    );
    await driver
      .execute(`CREATE USER SVC_LOADER PASSWORD = '${PASSWORD}'`)
      .catch((e: unknown) => captured.push(errorText(e)));
    await driver
      .execute(`SELECT '${TOKEN}' AS LEAK FROM NO_SUCH_TABLE`)
      .catch((e: unknown) => captured.push(errorText(e)));
    await driver
      .executeBatch([`ALTER USER SVC_LOADER SET PASSWORD = '${PASSWORD}'`, "SELECT * FROM MISSING"])
      .catch((e: unknown) => captured.push(errorText(e)));
    captured.push(JSON.stringify(driver.queryLog));
    await driver.close();

    // The local driver: the same statements in-process.
    const engine = await openEngine({ path: ":memory:" });
    const local = await openLocalDriver(engine, { secrets: [TOKEN] });
    await local
      .execute(`CREATE USER SVC_LOCAL PASSWORD = '${PASSWORD}'`)
      .catch((e: unknown) => captured.push(errorText(e)));
    await local
      .executeBatch([`ALTER USER SVC_LOCAL SET PASSWORD = '${PASSWORD}'`, `SELECT '${TOKEN}' FROM MISSING`])
      .catch((e: unknown) => captured.push(errorText(e)));
    captured.push(JSON.stringify(local.queryLog));
    await local.close();
    await engine.close();

    child.kill("SIGTERM");
    await new Promise((resolve) => child!.on("exit", resolve));
    captured.push(serverOut, serverErr, JSON.stringify(logs));

    const everything = captured.join("\n");
    expect(captured.length).toBeGreaterThan(8);
    expect(everything).toContain("LOGIN_FAILED");
    expect(everything).toContain("Cannot read the private key for the key-pair login.");
    for (const secret of SECRETS) expect(everything.includes(secret), `a secret leaked`).toBe(false);
    // Files the run left where it could write: no log at all, and no secret in anything else.
    const left = filesUnder(run);
    expect(
      left.filter((file) => /\.log$|(^|\/)snowflake[^/]*$/i.test(file)),
      "log files left by the run",
    ).toEqual([]);
    for (const file of left) {
      const text = readFileSync(path.join(run, file), "latin1");
      for (const secret of SECRETS) expect(text.includes(secret), `a secret leaked into ${file}`).toBe(false);
    }
  });
});
