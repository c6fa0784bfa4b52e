/**
 * `GET /mercurios/results/<queryId>/chunks/<n>?key=…`: one result chunk, as a cloud-storage download
 * would serve it. The driver sends no session token here (real chunk URLs are presigned), so the URL's
 * random key is the credential. gzip-compressed when the client accepts it (the drivers do), else
 * inflated on the way out. A chunk still being written is sent once it is complete.
 */
import { timingSafeEqual } from "node:crypto";
import { createReadStream } from "node:fs";
import type { ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import type { ResultStore } from "./results-store.js";

const CHUNK_PATH = /^\/mercurios\/results\/([^/]+)\/chunks\/(\d+)$/;

/** True when the path is a chunk download (served without a session). */
export function isChunkPath(pathname: string): boolean {
  return CHUNK_PATH.test(pathname);
}

export async function serveChunk(
  store: ResultStore,
  url: URL,
  acceptEncoding: string | undefined,
  response: ServerResponse,
): Promise<void> {
  const match = CHUNK_PATH.exec(url.pathname);
  const queryId = decodeURIComponent(match?.[1] ?? "");
  const entry = store.peek(queryId);
  const chunk = entry?.chunks[Number(match?.[2])];
  const key = url.searchParams.get("key") ?? "";
  if (!entry || !chunk || !sameKey(key, entry.chunkKey)) {
    plain(response, 404, "No such result chunk (it may have expired).");
    return;
  }
  try {
    await chunk.ready;
  } catch {
    // Not retryable: producing the chunk failed, a retry would fail the same way.
    plain(response, 410, "This result chunk could not be produced.");
    return;
  }
  const gzip = /\bgzip\b/i.test(acceptEncoding ?? "");
  response.writeHead(200, {
    "Content-Type": "application/octet-stream",
    ...(gzip ? { "Content-Encoding": "gzip", "Content-Length": chunk.compressedBytes } : {}),
  });
  const file = createReadStream(chunk.path);
  try {
    if (gzip) await pipeline(file, response);
    else await pipeline(file, createGunzip(), response);
  } catch {
    // The client went away, or the result expired while it was being sent.
    response.destroy();
  }
}

function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" });
  response.end(text);
}
