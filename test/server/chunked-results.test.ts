/**
 * Large results as Snowflake sends them: the first rows inline, the rest as chunks the reply lists and
 * the server serves (gzip when asked), read back whole by the real snowflake-sdk's streamRows.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/engine/index.js";
import { type RunningServer, startServer } from "../../src/engine/server/index.js";
import type { Engine } from "../../src/engine/types.js";
import { connectSdk, destroy, type SdkConnection } from "./sdk.js";

let engine: Engine;
let server: RunningServer;
let token: string;

beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  server = await startServer(engine);
  const login = await post("/session/v1/login-request", { data: { LOGIN_NAME: "ADMIN", PASSWORD: "admin" } });
  token = (login.data as { token: string }).token;
});
afterAll(async () => {
  await server?.close();
  await engine?.close();
});

interface Envelope {
  success: boolean;
  code: string | null;
  data: Record<string, unknown> | null;
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Envelope> {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Content-Encoding": "gzip", ...headers },
    body: gzipSync(JSON.stringify(body)),
  });
  return (await response.json()) as Envelope;
}

/** `SELECT` of IDs 0 … 10^places - 1 with a text per ID, ordered: every value is known in advance. */
function numbered(places: number, limit: number): string {
  const digits = "(VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9))";
  const id = Array.from({ length: places }, (_, i) => `D${i}.X * ${10 ** i}`).join(" + ");
  const from = Array.from({ length: places }, (_, i) => `${digits} D${i}(X)`).join(", ");
  return `SELECT ID, 'n' || ID AS NAME FROM (SELECT ${id} AS ID FROM ${from}) WHERE ID < ${limit} ORDER BY ID`;
}

describe("chunked results on the wire", () => {
  it("sends the first rows inline and lists the rest as growing chunks that add up to the result", async () => {
    const reply = await post(
      "/queries/v1/query-request",
      { sqlText: numbered(5, 60_000) },
      { Authorization: `Snowflake Token="${token}"` },
    );
    expect(reply.success).toBe(true);
    const data = reply.data as {
      rowset: string[][];
      total: number;
      returned: number;
      chunks: { url: string; rowCount: number; uncompressedSize: number; compressedSize: number }[];
    };
    expect(data.total).toBe(60_000);
    expect(data.returned).toBe(60_000);
    expect(data.rowset.length).toBeGreaterThan(0);
    expect(data.rowset.length).toBeLessThan(60_000);
    expect(data.chunks.length).toBeGreaterThan(1);
    expect(data.rowset.length + data.chunks.reduce((sum, c) => sum + c.rowCount, 0)).toBe(60_000);
    // Snowflake's chunks grow from a small first one.
    expect(data.chunks[0]!.rowCount).toBeLessThan(data.chunks[1]!.rowCount);
    for (const chunk of data.chunks) expect(chunk.url.startsWith(`${server.url}/`)).toBe(true);

    const rows = [...data.rowset];
    for (const [index, chunk] of data.chunks.entries()) {
      // The drivers ask for gzip; half of the chunks are fetched without, to see both encodings.
      const gzip = index % 2 === 0;
      const response = await fetch(chunk.url, { headers: { "Accept-Encoding": gzip ? "gzip" : "identity" } });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).not.toContain("json");
      const raw = Buffer.from(await response.arrayBuffer());
      // fetch inflates a gzip body itself; the header says what was sent.
      expect(response.headers.get("content-encoding")).toBe(gzip ? "gzip" : null);
      const body = raw.toString("utf8");
      expect(body.startsWith("[")).toBe(true);
      const chunkRows = JSON.parse(`[${body}]`) as string[][];
      expect(chunkRows.length).toBe(chunk.rowCount);
      rows.push(...chunkRows);
    }
    expect(rows.length).toBe(60_000);
    expect(rows.filter((row, i) => row[0] !== String(i) || row[1] !== `n${i}`)).toEqual([]);
  });

  it("serves a chunk gzip-compressed as stored, and refuses a chunk URL with the wrong key", async () => {
    const reply = await post(
      "/queries/v1/query-request",
      { sqlText: numbered(5, 30_000) },
      { Authorization: `Snowflake Token="${token}"` },
    );
    const chunk = (reply.data as { chunks: { url: string; rowCount: number }[] }).chunks[0]!;
    const url = new URL(chunk.url);
    const raw = await new Promise<Buffer>((resolve, reject) => {
      // node:http does not inflate: the bytes on the wire are gzip.
      import("node:http").then(({ get }) =>
        get(url, { headers: { "Accept-Encoding": "gzip" } }, (response) => {
          const parts: Buffer[] = [];
          response.on("data", (part: Buffer) => parts.push(part));
          response.on("end", () => resolve(Buffer.concat(parts)));
        }).on("error", reject),
      );
    });
    expect(raw[0]).toBe(0x1f);
    expect(raw[1]).toBe(0x8b);
    expect(JSON.parse(`[${gunzipSync(raw).toString("utf8")}]`).length).toBe(chunk.rowCount);
    url.searchParams.set("key", "guessed");
    expect((await fetch(url)).status).toBe(404);
  });
});

describe("one million rows through snowflake-sdk", () => {
  let connection: SdkConnection;
  beforeAll(async () => {
    connection = await connectSdk(server.url);
  });
  afterAll(async () => {
    await destroy(connection);
  });

  it("streams every row of a 1,000,000-row result in order, each value as computed", async () => {
    const seen = await new Promise<{ rows: number; idSum: number; mismatches: number; nameChars: number }>(
      (resolve, reject) => {
        connection.execute({
          sqlText: numbered(6, 1_000_000),
          streamResult: true,
          complete: (error, statement) => {
            if (error) return reject(error);
            let rows = 0;
            let idSum = 0;
            let mismatches = 0;
            let nameChars = 0;
            statement
              .streamRows()
              .on("data", (row: { ID: number; NAME: string }) => {
                if (row.ID !== rows || row.NAME !== `n${rows}`) mismatches++;
                idSum += row.ID;
                nameChars += row.NAME.length;
                rows++;
              })
              .on("error", reject)
              .on("end", () => resolve({ rows, idSum, mismatches, nameChars }));
          },
        });
      },
    );
    expect(seen.rows).toBe(1_000_000);
    expect(seen.mismatches).toBe(0);
    // 0 + 1 + … + 999,999, and 1 + the digits of each ID: 10 one-digit IDs, 90 two-digit, …
    expect(seen.idSum).toBe(499_999_500_000);
    expect(seen.nameChars).toBe(1_000_000 + 10 * 1 + 90 * 2 + 900 * 3 + 9_000 * 4 + 90_000 * 5 + 900_000 * 6);
  }, 600_000);
});
