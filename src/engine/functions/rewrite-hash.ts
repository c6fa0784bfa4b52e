/**
 * Rewrites (before translation) of the digest, hex / base64 decoding, phonetic, similarity and URL
 * functions to the JavaScript scalars of scalars-hash.ts, scalars-similarity.ts and parse-url.ts.
 * The transpiler passes most of these to DuckDB functions that differ from Snowflake's (or do not
 * exist), so each call is spelled out with every argument given and cast to the type the scalar takes.
 */
import type { FoundCall } from "./calls.js";

type Rewriter = (call: FoundCall) => string | null;

const argument = (call: FoundCall, index: number): string => call.args[index]!.text;
const asText = (sql: string): string => `CAST((${sql}) AS VARCHAR)`;

/** A one-argument digest: the hex text or the BINARY digest of `algorithm`. */
const digestOf =
  (algorithm: string, binary: boolean): Rewriter =>
  (call) =>
    call.args.length === 1
      ? `${binary ? "MERC_DIGEST" : "MERC_DIGEST_HEX"}('${algorithm}', ${argument(call, 0)})`
      : null;

/** SHA2 / SHA2_HEX / SHA2_BINARY (msg [, digest_size]); the size defaults to 256. */
const sha2 =
  (binary: boolean): Rewriter =>
  (call) => {
    if (call.args.length < 1 || call.args.length > 2) return null;
    const bits = call.args.length === 2 ? argument(call, 1) : "256";
    return `${binary ? "MERC_SHA2" : "MERC_SHA2_HEX"}(${argument(call, 0)}, CAST((${bits}) AS BIGINT))`;
  };

/** MD5_NUMBER_UPPER64 / _LOWER64 / MD5_NUMBER: the number as NUMBER(38, 0) (its text from JavaScript). */
const md5Number =
  (part: "upper" | "lower" | "signed"): Rewriter =>
  (call) =>
    call.args.length === 1 ? `CAST(MERC_MD5_NUMBER(${argument(call, 0)}, '${part}') AS NUMBER(38, 0))` : null;

/** HEX_DECODE_* (input): the same-named scalar over the input's text. */
const hexDecode: Rewriter = (call) =>
  call.args.length === 1 ? `MERC_${call.name}(${asText(argument(call, 0))})` : null;

/** BASE64_DECODE_* (input [, alphabet]); no alphabet is the standard one. */
const base64Decode: Rewriter = (call) => {
  if (call.args.length < 1 || call.args.length > 2) return null;
  const alphabet = call.args.length === 2 ? asText(argument(call, 1)) : "''";
  return `MERC_${call.name}(${asText(argument(call, 0))}, ${alphabet})`;
};

/** A function of strings only: the same-named scalar over the arguments' text. */
const overText =
  (count: number): Rewriter =>
  (call) =>
    call.args.length === count
      ? `MERC_${call.name}(${call.args.map((a) => asText(a.text)).join(", ")})`
      : null;

export const HASH_REWRITERS: Record<string, Rewriter> = {
  MD5: digestOf("md5", false),
  MD5_HEX: digestOf("md5", false),
  MD5_BINARY: digestOf("md5", true),
  SHA1: digestOf("sha1", false),
  SHA1_HEX: digestOf("sha1", false),
  SHA1_BINARY: digestOf("sha1", true),
  SHA2: sha2(false),
  SHA2_HEX: sha2(false),
  SHA2_BINARY: sha2(true),
  MD5_NUMBER_UPPER64: md5Number("upper"),
  MD5_NUMBER_LOWER64: md5Number("lower"),
  MD5_NUMBER: md5Number("signed"),
  HEX_DECODE_BINARY: hexDecode,
  HEX_DECODE_STRING: hexDecode,
  TRY_HEX_DECODE_BINARY: hexDecode,
  TRY_HEX_DECODE_STRING: hexDecode,
  BASE64_DECODE_BINARY: base64Decode,
  BASE64_DECODE_STRING: base64Decode,
  TRY_BASE64_DECODE_BINARY: base64Decode,
  TRY_BASE64_DECODE_STRING: base64Decode,
  // Snowflake counts whole bytes: 8 × OCTET_LENGTH, for strings (UTF-8) and BINARY alike.
  BIT_LENGTH: (call) => (call.args.length === 1 ? `(MERC_OCTET_LENGTH(${argument(call, 0)}) * 8)` : null),
  // The length without trailing blanks (ODBC's LENGTH); leading blanks count.
  RTRIMMED_LENGTH: (call) => (call.args.length === 1 ? `LENGTH(RTRIM(${asText(argument(call, 0))}))` : null),
  SOUNDEX: overText(1),
  SOUNDEX_P123: overText(1),
  JAROWINKLER_SIMILARITY: overText(2),
  PARSE_URL: (call) => {
    if (call.args.length < 1 || call.args.length > 2) return null;
    const permissive = call.args.length === 2 ? argument(call, 1) : "0";
    return `MERC_PARSE_URL(${asText(argument(call, 0))}, CAST((${permissive}) AS BIGINT))`;
  },
};
