/**
 * Request bodies and JSON replies for the Snowflake-protocol server: size limits, gzip, JSON parsing.
 * Nothing here knows about sessions or SQL.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gunzip, gzip, inflate } from "node:zlib";

const gzipAsync = promisify(gzip);
/** Replies smaller than this are sent as they are: compressing them costs more than it saves. */
const COMPRESS_FROM_BYTES = 16 * 1024;

/** A request the server refuses before routing: the HTTP status and the reply body. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "HttpProblem";
  }
}

/** Reads the whole body, refusing more than `maxBytes` on the wire. */
export function readRawBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers["content-length"] ?? "0");
    if (Number.isFinite(declared) && declared > maxBytes) {
      // Drain without buffering so the client can read our reply.
      request.resume();
      reject(new HttpProblem(413, "390413", `Request body of ${declared} bytes exceeds ${maxBytes} bytes.`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on("data", (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBytes) {
        refused = true;
        chunks.length = 0;
        reject(new HttpProblem(413, "390413", `Request body exceeds ${maxBytes} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => {
      if (!refused) resolve(Buffer.concat(chunks));
    });
    request.on("error", (error) => {
      if (!refused)
        reject(new HttpProblem(400, "390400", `Could not read the request body: ${error.message}`));
    });
  });
}

/** Undoes `Content-Encoding` (gzip or deflate), bounding the inflated size against zip bombs. */
export async function decodeBody(
  raw: Buffer,
  encoding: string | undefined,
  maxBytes: number,
): Promise<Buffer> {
  const kind = (encoding ?? "").trim().toLowerCase();
  if (kind === "" || kind === "identity") return raw;
  const inflateWith = kind === "gzip" ? gunzip : kind === "deflate" ? inflate : undefined;
  if (!inflateWith) throw new HttpProblem(415, "390415", `Unsupported Content-Encoding '${kind}'.`);
  return new Promise((resolve, reject) => {
    inflateWith(raw, { maxOutputLength: maxBytes }, (error, result) => {
      if (error) {
        const tooBig = (error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE";
        reject(
          tooBig
            ? new HttpProblem(413, "390413", `Decompressed request body exceeds ${maxBytes} bytes.`)
            : new HttpProblem(400, "390400", `Request body is not valid ${kind} data.`),
        );
      } else resolve(result);
    });
  });
}

/** Parses a JSON object body; an empty body is an empty object. */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new HttpProblem(400, "390400", "Request body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new HttpProblem(400, "390400", "Request body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

/**
 * Sends a JSON reply; the driver parses bodies only when the content type says JSON. A large reply
 * is gzip-compressed when the client accepts it (`acceptEncoding`).
 */
export async function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  acceptEncoding?: string,
): Promise<void> {
  if (response.headersSent || response.destroyed) return;
  const text = Buffer.from(JSON.stringify(body));
  const compress = text.length >= COMPRESS_FROM_BYTES && /\bgzip\b/i.test(acceptEncoding ?? "");
  const payload = compress ? await gzipAsync(text, { level: 1 }) : text;
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": payload.length,
    ...(compress ? { "Content-Encoding": "gzip" } : {}),
  });
  response.end(payload);
}
