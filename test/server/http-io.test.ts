import { deflateSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodeBody, HttpProblem, parseJsonObject } from "../../src/engine/server/http-io.js";

async function problem(
  promise: Promise<unknown>,
): Promise<{ status: number; code: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpProblem);
  const { status, code, message } = error as HttpProblem;
  return { status, code, message };
}

describe("request bodies", () => {
  it("inflates gzip and deflate, and passes identity through", async () => {
    const text = '{"sqlText":"select 1"}';
    expect((await decodeBody(gzipSync(text), "gzip", 1024)).toString()).toBe(text);
    expect((await decodeBody(deflateSync(text), "deflate", 1024)).toString()).toBe(text);
    expect((await decodeBody(Buffer.from(text), undefined, 1024)).toString()).toBe(text);
  });

  it("refuses unknown encodings, corrupt data and bodies that inflate past the limit", async () => {
    expect(await problem(decodeBody(Buffer.from("x"), "br", 1024))).toEqual({
      status: 415,
      code: "390415",
      message: "Unsupported Content-Encoding 'br'.",
    });
    expect(await problem(decodeBody(Buffer.from("not gzip"), "gzip", 1024))).toEqual({
      status: 400,
      code: "390400",
      message: "Request body is not valid gzip data.",
    });
    expect(await problem(decodeBody(gzipSync(Buffer.alloc(1_000_000)), "gzip", 1024))).toEqual({
      status: 413,
      code: "390413",
      message: "Decompressed request body exceeds 1024 bytes.",
    });
  });

  it("accepts only JSON objects", () => {
    expect(parseJsonObject(Buffer.alloc(0))).toEqual({});
    expect(parseJsonObject(Buffer.from('{"a":1}'))).toEqual({ a: 1 });
    expect(() => parseJsonObject(Buffer.from("[1]"))).toThrowError("Request body must be a JSON object.");
    expect(() => parseJsonObject(Buffer.from("{"))).toThrowError("Request body is not valid JSON.");
  });
});
