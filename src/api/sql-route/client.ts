/**
 * The caller's side of a routed `mercurios sql` (docs/decisions/019): when a live process of this
 * user holds the engine file and published a trusted discovery note, the script is sent to it over
 * 127.0.0.1 and its answer (the CLI's lines and exit code) comes back. Imports neither DuckDB, nor the
 * engine, nor the transpiler: that is the point.
 *
 * Before sending anything, the port must prove it knows the note's token (an HMAC of a fresh nonce):
 * a process that took a dead holder's port gets neither the token nor the script.
 *
 * Undefined means "no holder answered before anything ran": no note, an untrusted or stale one, a
 * refused connection, no proof, or a refusal (wrong token, a holder of another version); the caller
 * then opens the file itself, as before. A failure after the script was sent is an error: it may
 * have run.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { request as httpRequest } from "node:http";
import path from "node:path";
import { type ErrorCode, MercuriosError } from "../../errors/index.js";
import { type EndpointNote, liveEndpoint, tokenProof } from "./discovery.js";
import type { RoutedReply, RoutedRequest } from "./endpoint.js";
import type { SqlLine } from "./render.js";

/** The route's paths (endpoint.ts's, repeated so this module does not load the holder's). */
const SQL_ROUTE_PATH = "/mercurios/sql";
const SQL_ROUTE_PROOF_PATH = "/mercurios/sql/proof";

/** An error the holder reported, printed as the direct run prints it (`error[CODE]: paragraph`). */
export class RoutedError extends MercuriosError {
  constructor(
    code: string,
    private readonly text: string,
  ) {
    super(code as ErrorCode, text);
  }

  override describe(): string {
    return this.text;
  }
}

/** Sends the script to the engine file's holder; undefined when there is none to send it to. */
export async function routeSql(engineFile: string, routed: RoutedRequest): Promise<RoutedReply | undefined> {
  if (engineFile === ":memory:") return undefined;
  const note = liveEndpoint(path.resolve(engineFile));
  if (note === undefined) return undefined;
  // Neither the token nor the script goes to a process that cannot prove it knows the token.
  if (!(await provesToken(note))) return undefined;
  const body = JSON.stringify(routed);
  const answer = await new Promise<{ status: number; text: string } | "refused">((resolve, reject) => {
    const request = httpRequest(
      {
        host: "127.0.0.1",
        port: note.port,
        method: "POST",
        path: SQL_ROUTE_PATH,
        headers: {
          authorization: `Bearer ${note.token}`,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) => {
      // Nobody listens on the note's port (the holder just stopped): nothing ran.
      if (error.code === "ECONNREFUSED") resolve("refused");
      else reject(error);
    });
    request.end(body);
  }).catch((error: unknown) => {
    throw new MercuriosError(
      "SQL_ROUTE",
      `The process holding the engine file (pid ${note.pid}) stopped answering: ${(error as NodeJS.ErrnoException).code ?? "connection lost"}.`,
      {
        hint: "Some statements may have run. Check the holder (`mercurios dev` or `local serve`) and run the rest again.",
        location: { file: engineFile },
      },
    );
  });
  // Refused before running (no listener, wrong token, a request this holder does not take).
  if (answer === "refused" || answer.status !== 200) return undefined;
  const reply = parseReply(answer.text);
  if (reply === undefined) {
    throw new MercuriosError(
      "SQL_ROUTE",
      `The process holding the engine file (pid ${note.pid}) gave an answer this version cannot read.`,
      {
        hint: "The script ran there. Restart the holder with this version of mercurios.",
        location: { file: engineFile },
      },
    );
  }
  return reply;
}

/** Asks the note's port for its proof of the token; false on any failure (nothing was sent). */
function provesToken(note: EndpointNote): Promise<boolean> {
  const nonce = randomBytes(32).toString("hex");
  const expected = Buffer.from(tokenProof(note.token, nonce));
  return new Promise((resolve) => {
    const request = httpRequest(
      {
        host: "127.0.0.1",
        port: note.port,
        method: "GET",
        path: `${SQL_ROUTE_PROOF_PATH}?nonce=${nonce}`,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", () => resolve(false));
        response.on("end", () => {
          let proof: unknown;
          try {
            proof = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { proof?: unknown }).proof;
          } catch {
            return resolve(false);
          }
          const presented = Buffer.from(typeof proof === "string" ? proof : "");
          resolve(
            response.statusCode === 200 &&
              presented.length === expected.length &&
              timingSafeEqual(presented, expected),
          );
        });
      },
    );
    request.on("error", () => resolve(false));
    request.end();
  });
}

function parseReply(text: string): RoutedReply | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const { lines, exitCode, error } = value as Record<string, unknown>;
  if (!Array.isArray(lines) || !lines.every(isLine) || typeof exitCode !== "number") return undefined;
  if (error === undefined) return { lines, exitCode };
  const failure = error as Record<string, unknown>;
  if (typeof failure.code !== "string" || typeof failure.text !== "string") return undefined;
  return { lines, exitCode, error: { code: failure.code, text: failure.text } };
}

function isLine(value: unknown): value is SqlLine {
  const line = value as Partial<SqlLine> | null;
  return (
    typeof line === "object" &&
    line !== null &&
    (line.stream === "out" || line.stream === "err") &&
    typeof line.text === "string"
  );
}
