import { createSign, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  type AccountDirectory,
  authenticate,
  builtinDirectory,
  publicKeyFingerprint,
} from "../../src/engine/server/auth.js";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const publicDer = publicKey.export({ format: "der", type: "spki" }).toString("base64");

function jwt(payload: Record<string, unknown>, key = privateKey): string {
  const header = Buffer.from(JSON.stringify({ alg: "RS256", typ: "JWT" })).toString("base64url");
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  const signer = createSign("RSA-SHA256");
  signer.update(`${header}.${body}`);
  return `${header}.${body}.${signer.sign(key).toString("base64url")}`;
}

const directory: AccountDirectory = {
  async checkPassword(user, password) {
    return user === "ALICE" && password === "s3cret";
  },
  async publicKeys(user) {
    return user === "ALICE" ? [publicDer] : [];
  },
  async userForToken(token) {
    return token === "pat-123" ? "ALICE" : undefined;
  },
};

describe("login checks", () => {
  it("accepts the right password, case-insensitively on the user name", async () => {
    expect(
      await authenticate(directory, {
        account: "x",
        user: "alice",
        authenticator: "SNOWFLAKE",
        password: "s3cret",
      }),
    ).toEqual({ ok: true, user: "ALICE" });
  });

  it("refuses a wrong password without echoing it", async () => {
    const outcome = await authenticate(directory, {
      account: "x",
      user: "alice",
      authenticator: "SNOWFLAKE",
      password: "wrong-pw",
    });
    expect(outcome).toEqual({ ok: false, message: "Incorrect username or password was specified." });
  });

  it("accepts a key-pair JWT signed by the registered key, with the sdk's millisecond times", async () => {
    const fingerprint = publicKeyFingerprint(publicKey);
    const now = Date.now();
    const token = jwt({ iss: `LOCAL.ALICE.${fingerprint}`, sub: "LOCAL.ALICE", iat: now, exp: now + 60_000 });
    expect(
      await authenticate(directory, {
        account: "local",
        user: "alice",
        authenticator: "SNOWFLAKE_JWT",
        token,
      }),
    ).toEqual({ ok: true, user: "ALICE" });
  });

  it("refuses a JWT signed by another key, an expired one, and one for another user", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const fingerprint = publicKeyFingerprint(publicKey);
    const now = Date.now();
    const claims = { iss: `LOCAL.ALICE.${fingerprint}`, sub: "LOCAL.ALICE", iat: now, exp: now + 60_000 };
    const forged = jwt(claims, other.privateKey);
    const expired = jwt({ ...claims, exp: Math.floor(now / 1000) - 10 });
    const wrongUser = jwt({ ...claims, sub: "LOCAL.BOB" });
    const check = (token: string) =>
      authenticate(directory, { account: "local", user: "alice", authenticator: "SNOWFLAKE_JWT", token });
    expect(await check(forged)).toEqual({ ok: false, message: "JWT token is invalid." });
    expect(await check(expired)).toEqual({ ok: false, message: "JWT token has expired." });
    expect(await check(wrongUser)).toEqual({ ok: false, message: "JWT token is invalid." });
    expect(await check("not.a.jwt")).toEqual({ ok: false, message: "JWT token is invalid." });
  });

  it("accepts registered bearer tokens for OAUTH and PROGRAMMATIC_ACCESS_TOKEN only for their owner", async () => {
    expect(
      await authenticate(directory, {
        account: "x",
        user: "ALICE",
        authenticator: "PROGRAMMATIC_ACCESS_TOKEN",
        token: "pat-123",
      }),
    ).toEqual({ ok: true, user: "ALICE" });
    expect(
      await authenticate(directory, { account: "x", user: "BOB", authenticator: "OAUTH", token: "pat-123" }),
    ).toEqual({ ok: false, message: "Invalid OAuth access token." });
  });

  it("has ADMIN/admin in the built-in directory of a fresh engine", async () => {
    const fresh = builtinDirectory();
    expect(
      await authenticate(fresh, { account: "x", user: "admin", authenticator: "", password: "admin" }),
    ).toEqual({ ok: true, user: "ADMIN" });
    expect(
      (await authenticate(fresh, { account: "x", user: "admin", authenticator: "", password: "Admin" })).ok,
    ).toBe(false);
    expect(
      (await authenticate(fresh, { account: "x", user: "admin", authenticator: "EXTERNALBROWSER" })).ok,
    ).toBe(false);
  });
});
