/**
 * Large results as Snowflake sends them: the first rows inline in the reply, the rest as chunks the
 * reply lists (`data.chunks: [{url, rowCount, uncompressedSize, compressedSize}]`) and the driver
 * downloads, several at a time. A chunk body is the rows' JSON arrays joined by commas, without the
 * outer brackets (snowflake-sdk `chunk.js`, the Python connector's `JSONResultBatch`).
 *
 * Chunks are produced in the background right after the reply, in order, from the engine's row
 * cursor, and written gzip-compressed to files: the server holds one DuckDB batch of rows at a time,
 * never the result. A request for a chunk not yet written waits for it.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { createGzip } from "node:zlib";
import type { CellValue, ResultColumn, RowCursor } from "../types.js";
import { wireCell } from "./wire.js";

/** Rows sent inline in the reply: about this many bytes of JSON (the rest goes to chunks). */
export const INLINE_TARGET_BYTES = 96 * 1024;
/** The first chunk's size; each next one doubles, as Snowflake's grow, up to the maximum. */
const FIRST_CHUNK_BYTES = 256 * 1024;
/** Snowflake's CLIENT_RESULT_CHUNK_SIZE default: 16 MB of JSON at most per chunk. */
export const MAX_CHUNK_BYTES = 16 * 1024 * 1024;

/** One chunk file: its rows, where it is written, and when it is ready. */
export interface ResultChunk {
  readonly rowCount: number;
  readonly path: string;
  /** Resolves once the file is complete; rejects when producing it failed. */
  readonly ready: Promise<void>;
  /** Filled in once written. */
  uncompressedBytes: number;
  compressedBytes: number;
}

/** The rows of a result already encoded for the reply, and what remains to be chunked. */
export interface InlineRows {
  rowset: (string | null)[][];
  /** Bytes of the inline rows' JSON. */
  bytes: number;
  /** Rows read from the cursor beyond the inline ones, not yet encoded. */
  carry: CellValue[][];
  /** Rows left for chunks (carry included). */
  remaining: number;
}

/** Encodes one row for the JSON rowset. */
export function wireRow(row: readonly CellValue[], columns: readonly ResultColumn[]): (string | null)[] {
  const out: (string | null)[] = new Array(columns.length);
  for (let c = 0; c < columns.length; c++) out[c] = wireCell(row[c] ?? null, columns[c] as ResultColumn);
  return out;
}

/**
 * Reads and encodes rows from the cursor until about `targetBytes` of JSON (or the end): the reply's
 * inline `rowset`. Rows of the last batch beyond that stay in `carry`.
 */
export async function readInline(
  cursor: RowCursor,
  columns: readonly ResultColumn[],
  targetBytes = INLINE_TARGET_BYTES,
): Promise<InlineRows> {
  const rowset: (string | null)[][] = [];
  let bytes = 0;
  for (;;) {
    const batch = await cursor.next();
    if (batch === null) return { rowset, bytes, carry: [], remaining: 0 };
    for (let i = 0; i < batch.length; i++) {
      const encoded = wireRow(batch[i] as CellValue[], columns);
      rowset.push(encoded);
      bytes += JSON.stringify(encoded).length + 1;
      if (bytes >= targetBytes) {
        const carry = batch.slice(i + 1);
        return { rowset, bytes, carry, remaining: cursor.rowCount - rowset.length };
      }
    }
  }
}

/**
 * Row counts of the chunks for `remaining` rows of about `bytesPerRow` each: the first about
 * 256 KB of JSON, each next one twice the last, none over `maxChunkBytes`.
 */
export function planChunks(
  remaining: number,
  bytesPerRow: number,
  maxChunkBytes = MAX_CHUNK_BYTES,
): number[] {
  const plan: number[] = [];
  const perRow = Math.max(1, bytesPerRow);
  let target = Math.min(FIRST_CHUNK_BYTES, maxChunkBytes);
  let left = remaining;
  while (left > 0) {
    const rows = Math.min(left, Math.max(1, Math.floor(target / perRow)));
    plan.push(rows);
    left -= rows;
    target = Math.min(target * 2, maxChunkBytes);
  }
  return plan;
}

/**
 * Starts writing the chunks of `plan` from `carry` and then the cursor, each to `pathOf(index)`.
 * Returns at once; each chunk's `ready` settles when its file is complete. The cursor is closed at
 * the end, or on failure (every chunk not yet written then rejects).
 */
export function produceChunks(
  cursor: RowCursor,
  carry: CellValue[][],
  columns: readonly ResultColumn[],
  plan: readonly number[],
  pathOf: (index: number) => string,
): ResultChunk[] {
  const settle: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  const chunks: ResultChunk[] = plan.map((rowCount, index) => {
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const ready = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A chunk nobody downloads must not turn its failure into an unhandled rejection.
    ready.catch(() => undefined);
    settle.push({ resolve, reject });
    return { rowCount, path: pathOf(index), ready, uncompressedBytes: 0, compressedBytes: 0 };
  });
  void (async () => {
    let pending = carry;
    let at = 0;
    let index = 0;
    try {
      for (; index < chunks.length; index++) {
        const chunk = chunks[index] as ResultChunk;
        const gzip = createGzip({ level: 1 });
        const file = createWriteStream(chunk.path);
        gzip.pipe(file);
        let written = 0;
        let first = true;
        while (written < chunk.rowCount) {
          if (at >= pending.length) {
            const batch = await cursor.next();
            if (batch === null) throw new Error(`result ended after ${written} of ${chunk.rowCount} rows`);
            pending = batch;
            at = 0;
          }
          const take = Math.min(chunk.rowCount - written, pending.length - at);
          let text = "";
          for (let r = at; r < at + take; r++) {
            text += (first ? "" : ",") + JSON.stringify(wireRow(pending[r] as CellValue[], columns));
            first = false;
          }
          at += take;
          written += take;
          chunk.uncompressedBytes += Buffer.byteLength(text);
          if (!gzip.write(text)) await once(gzip, "drain");
        }
        gzip.end();
        await once(file, "close");
        chunk.compressedBytes = file.bytesWritten;
        settle[index]?.resolve();
      }
    } catch (error) {
      for (let i = index; i < settle.length; i++) settle[i]?.reject(error);
    } finally {
      cursor.close();
    }
  })();
  return chunks;
}
