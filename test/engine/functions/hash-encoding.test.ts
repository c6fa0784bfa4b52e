/**
 * Digests (MD5*, SHA1*, SHA2*), hex / base64 decoding, SOUNDEX, JAROWINKLER_SIMILARITY, PARSE_URL,
 * BIT_LENGTH, RTRIMMED_LENGTH and UUID_STRING. Expected values come from published test vectors
 * (RFC 1321 for MD5, FIPS 180 / NIST examples for SHA-1 and SHA-2, RFC 4122 / Python's uuid5 docs
 * for version 5 UUIDs, the National Archives' Soundex rules, Winkler's paper for Jaro-Winkler), or
 * were worked out by hand where said.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { base64Decode, hexDecode, md5Number } from "../../../src/engine/functions/scalars-hash.js";
import { jaroWinklerSimilarity, soundex } from "../../../src/engine/functions/scalars-similarity.js";
import { parseUrl } from "../../../src/engine/functions/parse-url.js";
import { failure, freshSession, show } from "../helpers.js";

describe("hash and encoding helpers", () => {
  it("reads the MD5 digest as unsigned 64-bit halves and as a signed 128-bit number", () => {
    // MD5('abc') = 900150983cd24fb0 d6963f7d28e17f72 (RFC 1321); the halves in decimal by hand
    // (Python int('900150983cd24fb0', 16)); the signed number is the two's complement of the whole.
    expect(md5Number("abc", "upper")).toBe("10376663631224000432");
    expect(md5Number("abc", "lower")).toBe("15462616177412505458");
    expect(md5Number("abc", "signed")).toBe("-148866708576779697295343134153845407886");
  });

  it("decodes hex in either case and refuses odd lengths and non-digits with Snowflake's message", () => {
    expect(Array.from(hexDecode("4a6B"))).toEqual([0x4a, 0x6b]);
    expect(Array.from(hexDecode(""))).toEqual([]);
    expect(() => hexDecode("ABC")).toThrow("The following string is not a legal hex-encoded value: 'ABC'");
    expect(() => hexDecode("zz")).toThrow("not a legal hex-encoded value: 'zz'");
  });

  it("decodes base64 with the alphabet's index 62, 63 and padding characters, padding required", () => {
    expect(Buffer.from(base64Decode("SEVMUA==")).toString()).toBe("HELP");
    // 0xFB 0xFF is "+/8=" in the standard alphabet, "$%8=" with '$%', "$%8*" with '$%*'.
    expect(Array.from(base64Decode("$%8=", "$%"))).toEqual([0xfb, 0xff]);
    expect(Array.from(base64Decode("$%8*", "$%*"))).toEqual([0xfb, 0xff]);
    expect(() => base64Decode("+/8=", "$%")).toThrow("not a legal base64-encoded value: '+/8='");
    expect(() => base64Decode("SGVsbG8")).toThrow("not a legal base64-encoded value: 'SGVsbG8'");
    // Line breaks, as BASE64_ENCODE writes them with a line length, are skipped.
    expect(Buffer.from(base64Decode("SEVM\nUA==")).toString()).toBe("HELP");
  });

  it("codes names with American Soundex (National Archives examples) and the P123 variant", () => {
    expect(
      ["Robert", "Rupert", "Rubin", "Ashcraft", "Tymczak", "Pfister", "Honeyman"].map((n) => soundex(n)),
    ).toEqual(["R163", "R163", "R150", "A261", "T522", "P236", "H555"]);
    expect(soundex("Pfister", true)).toBe("P123");
    expect(soundex("lee")).toBe("L000");
    expect(soundex("123 !")).toBe("");
  });

  it("gives Jaro-Winkler similarity as 0..100, ignoring case (Winkler's examples)", () => {
    // MARTHA/MARHTA 0.9611, DWAYNE/DUANE 0.84, DIXON/DICKSONX 0.8133.
    expect(jaroWinklerSimilarity("MARTHA", "MARHTA")).toBe(96);
    expect(jaroWinklerSimilarity("martha", "MARHTA")).toBe(96);
    expect(jaroWinklerSimilarity("DWAYNE", "DUANE")).toBe(84);
    expect(jaroWinklerSimilarity("DIXON", "DICKSONX")).toBe(81);
    expect(jaroWinklerSimilarity("abc", "abc")).toBe(100);
    expect(jaroWinklerSimilarity("", "")).toBe(0);
    expect(jaroWinklerSimilarity("abc", "")).toBe(0);
  });

  it("splits a URL into Snowflake's parts", () => {
    expect(parseUrl("https://user@host.example:8080/a/b.html?x=1&y=2#top")).toEqual({
      fragment: "top",
      host: "user@host.example",
      parameters: { x: "1", y: "2" },
      path: "a/b.html",
      port: "8080",
      query: "x=1&y=2",
      scheme: "https",
    });
    expect(parseUrl("mailto:someone@example.com")).toMatchObject({
      host: null,
      path: "someone@example.com",
      scheme: "mailto",
    });
    expect(() => parseUrl("example.int/hello.php")).toThrow("scheme not specified");
  });
});

describe("hash and encoding functions through the engine", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession());
  });
  afterAll(async () => {
    await engine.close();
  });
  const run = async (sql: string) => show(await session.execute(sql));

  it("gives MD5, SHA-1 and every SHA-2 size of 'abc' as the published vectors, hex and BINARY", async () => {
    const r = await run(
      "SELECT MD5('abc'), MD5_HEX(''), SHA1('abc'), SHA1_HEX('abc'), SHA2('abc'), SHA2_HEX('abc', 224), SHA2('abc', 384), SHA2('abc', 512)",
    );
    expect(r.rows).toEqual([
      [
        "900150983cd24fb0d6963f7d28e17f72",
        "d41d8cd98f00b204e9800998ecf8427e",
        "a9993e364706816aba3e25717850c26c9cd0d89d",
        "a9993e364706816aba3e25717850c26c9cd0d89d",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
        "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
      ],
    ]);
    expect(r.types).toEqual(Array(8).fill("VARCHAR(16777216)"));
    const binary = await run("SELECT MD5_BINARY('abc'), SHA1_BINARY('abc'), SHA2_BINARY('abc', 224)");
    expect(binary.types).toEqual(Array(3).fill("BINARY(8388608)"));
    expect(binary.rows).toEqual([
      [
        "900150983CD24FB0D6963F7D28E17F72",
        "A9993E364706816ABA3E25717850C26C9CD0D89D",
        "23097D223405D8228642A477BDA255B32AADBCE4BDA0B3F7E36C9DA7",
      ],
    ]);
  });

  it("hashes a BINARY's bytes and a number's text, and gives NULL for a NULL argument", async () => {
    // X'616263' is the bytes of 'abc'; 123 is hashed as the text '123' (MD5('123') = 202cb962…).
    expect(
      (
        await run(
          "SELECT MD5(TO_BINARY('616263', 'HEX')), MD5(123), SHA2(NULL), SHA2('abc', NULL), MD5_BINARY(NULL)",
        )
      ).rows,
    ).toEqual([["900150983cd24fb0d6963f7d28e17f72", "202cb962ac59075b964b07152d234b70", null, null, null]]);
  });

  it("refuses a SHA2 digest size other than 224, 256, 384 and 512", async () => {
    const e = await failure(session, "SELECT SHA2('abc', 128)");
    expect(e.message).toContain("Unsupported digest size 128 for SHA2");
  });

  it("gives the MD5 numbers as NUMBER(38,0)", async () => {
    const r = await run(
      "SELECT MD5_NUMBER_UPPER64('abc'), MD5_NUMBER_LOWER64('abc'), MD5_NUMBER_LOWER64(NULL)",
    );
    expect(r.rows).toEqual([["10376663631224000432", "15462616177412505458", null]]);
    expect(r.types).toEqual(Array(3).fill("NUMBER(38,0)"));
  });

  it("decodes hex and base64 to BINARY and VARCHAR, failing with Snowflake's message where TRY_ gives NULL", async () => {
    const r = await run(
      "SELECT HEX_DECODE_STRING('616263'), HEX_DECODE_BINARY('ff00'), BASE64_DECODE_STRING('YWJj'), BASE64_DECODE_BINARY('+/8='), BASE64_DECODE_BINARY('$%8=', '$%'), TRY_HEX_DECODE_STRING('6'), TRY_HEX_DECODE_BINARY('xx'), TRY_BASE64_DECODE_STRING('YWJ'), TRY_BASE64_DECODE_BINARY('$%8='), HEX_DECODE_STRING(NULL)",
    );
    expect(r.rows).toEqual([["abc", "FF00", "abc", "FBFF", "FBFF", null, null, null, null, null]]);
    expect(r.types.slice(0, 4)).toEqual([
      "VARCHAR(16777216)",
      "BINARY(8388608)",
      "VARCHAR(16777216)",
      "BINARY(8388608)",
    ]);
    const hex = await failure(session, "SELECT HEX_DECODE_BINARY('ABC')");
    expect([hex.code, hex.message]).toEqual([
      "100115",
      "The following string is not a legal hex-encoded value: 'ABC'",
    ]);
    const base64 = await failure(session, "SELECT BASE64_DECODE_STRING('SGVsbG8sIFdvcmxkIQ')");
    expect(base64.message).toBe(
      "The following string is not a legal base64-encoded value: 'SGVsbG8sIFdvcmxkIQ'",
    );
    // 0xFF alone is not UTF-8: the _STRING forms fail, their TRY_ forms give NULL.
    expect((await failure(session, "SELECT HEX_DECODE_STRING('FF')")).message).toContain("Invalid UTF8");
    expect((await run("SELECT TRY_HEX_DECODE_STRING('FF'), TRY_BASE64_DECODE_STRING('/w==')")).rows).toEqual([
      [null, null],
    ]);
  });

  it("counts bits as 8 × bytes and lengths without trailing blanks", async () => {
    // 'é' is two UTF-8 bytes; X'A1B2' two bytes.
    expect(
      (
        await run(
          "SELECT BIT_LENGTH('abc'), BIT_LENGTH('é'), BIT_LENGTH(X'A1B2'), BIT_LENGTH(NULL), RTRIMMED_LENGTH('  ab  '), RTRIMMED_LENGTH('')",
        )
      ).rows,
    ).toEqual([["24", "16", "16", null, "4", "0"]]);
  });

  it("gives SOUNDEX, SOUNDEX_P123 and JAROWINKLER_SIMILARITY, NULL for a NULL argument", async () => {
    expect(
      (
        await run(
          "SELECT SOUNDEX('Tymczak'), SOUNDEX_P123('Pfister'), JAROWINKLER_SIMILARITY('DWAYNE', 'duane'), SOUNDEX(NULL), JAROWINKLER_SIMILARITY(NULL, 'a')",
        )
      ).rows,
    ).toEqual([["T522", "P123", "84", null, null]]);
  });

  it("gives PARSE_URL's OBJECT, its parts by path, and the strict and permissive errors", async () => {
    const r = await run(
      "SELECT PARSE_URL('https://example.com:8443/x?a=1#f'), PARSE_URL('https://example.com:8443/x'):port",
    );
    expect(r.types).toEqual(["OBJECT", "VARIANT"]);
    expect(JSON.parse(r.rows[0]![0]!)).toEqual({
      fragment: "f",
      host: "example.com",
      parameters: { a: "1" },
      path: "x",
      port: "8443",
      query: "a=1",
      scheme: "https",
    });
    expect(r.rows[0]![1]).toBe('"8443"');
    const e = await failure(session, "SELECT PARSE_URL('example.int/a', 0)");
    expect([e.code, e.message]).toEqual(["100139", "Error parsing URL: scheme not specified"]);
    expect((await run("SELECT PARSE_URL('example.int/a', 1), PARSE_URL(NULL)")).rows).toEqual([
      ['{"error":"scheme not specified"}', null],
    ]);
  });

  it("gives UUID_STRING() as a bare version 4 UUID and the named form as RFC 4122 version 5", async () => {
    // uuid5(NAMESPACE_DNS, 'python.org') from Python's uuid documentation.
    const r = await run(
      "SELECT UUID_STRING(), UUID_STRING('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')",
    );
    expect(r.rows[0]![0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(r.rows[0]![1]).toBe("886313e1-3b8a-5372-9b90-0c9aee199e5d");
    expect(r.types).toEqual(["VARCHAR(16777216)", "VARCHAR(16777216)"]);
  });
});
