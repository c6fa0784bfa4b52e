/**
 * Snowflake's message digests (MD5*, SHA1*, SHA2*) and hex / base64 decoding in JavaScript.
 * DuckDB has md5, sha1 and sha256 only, hashes a BLOB's bytes differently from a string's, and its
 * unhex / from_base64 neither take Snowflake's base64 alphabet nor fail with Snowflake's messages
 * (the TRY_ forms need the failure as a NULL instead). Rewrites (rewrite-hash.ts) call these as MERC_*.
 */
import { createHash } from "node:crypto";
import { ANY, BIGINT, BLOB, type DuckDBType, VARCHAR } from "../duckdb.js";
import type { ScalarDefinition, Value } from "./scalars.js";

/** A Snowflake error raised by a function body (scalars.ts passes code and SQLSTATE to error-map.ts). */
export class FunctionValueError extends Error {
  constructor(
    readonly snowflakeCode: string,
    readonly sqlState: string,
    message: string,
  ) {
    super(message);
  }
}

/** The digest algorithms by the names the rewrites pass ('sha2' sizes are separate names). */
const ALGORITHMS: Record<string, string> = {
  md5: "md5",
  sha1: "sha1",
  sha224: "sha224",
  sha256: "sha256",
  sha384: "sha384",
  sha512: "sha512",
};

/** The bytes a message stands for: a string's UTF-8, a BINARY's own bytes, anything else its text. */
function messageBytes(message: Value): Uint8Array {
  if (message instanceof Uint8Array) return message;
  return Buffer.from(String(message), "utf8");
}

/** The digest of a message with one of ALGORITHMS. */
export function digest(algorithm: string, message: Value): Uint8Array {
  const name = ALGORITHMS[algorithm];
  if (!name) throw new Error(`internal error: unknown digest '${algorithm}'`);
  return createHash(name).update(messageBytes(message)).digest();
}

/** SHA2's algorithm for a digest size in bits; Snowflake supports 224, 256, 384 and 512 only. */
export function sha2Algorithm(bits: number): string {
  if (bits === 224 || bits === 256 || bits === 384 || bits === 512) return `sha${bits}`;
  // Snowflake's documentation does not print this error; code and SQLSTATE are the ones the engine
  // gives other invalid argument values (ARRAY_GENERATE_RANGE's zero step), the message says what to do.
  throw new FunctionValueError(
    "100096",
    "22023",
    `Unsupported digest size ${bits} for SHA2: use 224, 256 (the default), 384 or 512`,
  );
}

/**
 * MD5_NUMBER_UPPER64 / _LOWER64 / MD5_NUMBER: the digest read as a big-endian number. The 64-bit
 * halves are unsigned; the whole digest is a signed 128-bit number. Text, since neither fits a double.
 */
export function md5Number(message: Value, part: string): string {
  const hex = Buffer.from(digest("md5", message)).toString("hex");
  if (part === "upper") return BigInt(`0x${hex.slice(0, 16)}`).toString();
  if (part === "lower") return BigInt(`0x${hex.slice(16)}`).toString();
  return BigInt.asIntN(128, BigInt(`0x${hex}`)).toString();
}

const HEX = /^(?:[0-9A-Fa-f]{2})*$/;

/** HEX_DECODE_BINARY: an even number of hex digits (either case); anything else is Snowflake's error. */
export function hexDecode(text: string): Uint8Array {
  if (!HEX.test(text))
    throw new FunctionValueError(
      "100115",
      "22000",
      `The following string is not a legal hex-encoded value: '${text}'`,
    );
  return Uint8Array.from(Buffer.from(text, "hex"));
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * BASE64_DECODE_BINARY (input, alphabet): the alphabet's characters stand for index 62, index 63 and
 * the padding (defaults `+`, `/`, `=`); a character it replaced is no longer legal. Line breaks (as
 * BASE64_ENCODE writes them with a line length) are skipped; the padding is required.
 */
export function base64Decode(text: string, alphabet = ""): Uint8Array {
  const [c62 = "+", c63 = "/", pad = "="] = Array.from(alphabet);
  let standard = "";
  for (const c of text.replace(/[\r\n]/g, "")) {
    if (c === c62) standard += "+";
    else if (c === c63) standard += "/";
    else if (c === pad) standard += "=";
    else if (/[A-Za-z0-9]/.test(c)) standard += c;
    else standard += "!"; // not a base64 character under this alphabet
  }
  if (!BASE64.test(standard))
    throw new FunctionValueError(
      "100115",
      "22000",
      `The following string is not a legal base64-encoded value: '${text}'`,
    );
  return Uint8Array.from(Buffer.from(standard, "base64"));
}

/** The text of decoded bytes, which must be UTF-8 (the _DECODE_STRING functions return VARCHAR). */
export function utf8Text(bytes: Uint8Array, input: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new FunctionValueError("100115", "22000", `Invalid UTF8 detected while decoding '${input}'`);
  }
}

/** A decoder's TRY_ form: NULL where the plain form fails with a Snowflake error. */
function orNull<T>(decode: () => T): T | null {
  try {
    return decode();
  } catch (error) {
    if (error instanceof FunctionValueError) return null;
    throw error;
  }
}

const text = (v: Value | undefined): string => String(v);

/** One decoder in its four forms: plain and TRY_, to BINARY and to VARCHAR. */
function decoders(
  name: "hex" | "base64",
  parameters: DuckDBType[],
  decode: (args: Value[]) => Uint8Array,
): ScalarDefinition[] {
  return [
    { name: `merc_${name}_decode_binary`, parameters, returns: BLOB, body: (args) => decode(args) },
    {
      name: `merc_${name}_decode_string`,
      parameters,
      returns: VARCHAR,
      body: (args) => utf8Text(decode(args), text(args[0])),
    },
    {
      name: `merc_try_${name}_decode_binary`,
      parameters,
      returns: BLOB,
      body: (args) => orNull(() => decode(args)),
    },
    {
      name: `merc_try_${name}_decode_string`,
      parameters,
      returns: VARCHAR,
      body: (args) => orNull(() => utf8Text(decode(args), text(args[0]))),
    },
  ];
}

/** Digest functions over a string, a BINARY or any other value (hashed as its text). */
function digestFunctions(): ScalarDefinition[] {
  return [VARCHAR, BLOB, ANY].flatMap((message) => [
    {
      name: "merc_digest",
      parameters: [VARCHAR, message],
      returns: BLOB,
      body: ([algorithm, m]) => digest(text(algorithm), m!),
    },
    {
      name: "merc_digest_hex",
      parameters: [VARCHAR, message],
      returns: VARCHAR,
      body: ([algorithm, m]) => Buffer.from(digest(text(algorithm), m!)).toString("hex"),
    },
    {
      name: "merc_sha2",
      parameters: [message, BIGINT],
      returns: BLOB,
      body: ([m, bits]) => digest(sha2Algorithm(Number(bits)), m!),
    },
    {
      name: "merc_sha2_hex",
      parameters: [message, BIGINT],
      returns: VARCHAR,
      body: ([m, bits]) => Buffer.from(digest(sha2Algorithm(Number(bits)), m!)).toString("hex"),
    },
    {
      name: "merc_md5_number",
      parameters: [message, VARCHAR],
      returns: VARCHAR,
      body: ([m, part]) => md5Number(m!, text(part)),
    },
  ]);
}

export const HASH_SCALARS: readonly ScalarDefinition[] = [
  ...digestFunctions(),
  ...decoders("hex", [VARCHAR], ([s]) => hexDecode(text(s))),
  ...decoders("base64", [VARCHAR, VARCHAR], ([s, alphabet]) => base64Decode(text(s), text(alphabet))),
];
