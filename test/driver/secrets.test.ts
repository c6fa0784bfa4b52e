/**
 * No password, private key, passphrase or token in any output, log or error of the driver or the
 * server. Runs logins and statements with known secret values and searches everything they produced.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
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

const dir = mkdtempSync(path.join(tmpdir(), "mercurios-secrets-"));
const keyFile = path.join(dir, "key.p8");
writeFileSync(keyFile, privateKey, { mode: 0o600 });

const BIN = path.resolve("bin/mercurios.js");
let child: ChildProcessWithoutNullStreams | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
});

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
    child = spawn(
      process.execPath,
      [BIN, "local", "serve", "--port", "0", "--local-db", path.join(dir, "e.duckdb")],
      {
        cwd: dir,
        env: { ...process.env, NO_COLOR: "1" },
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
    expect(existsSync(path.join(dir, "snowflake.log"))).toBe(false);
    expect(existsSync(path.join(process.cwd(), "snowflake.log"))).toBe(false);
  });
});
