/**
 * Query results by id, as Snowflake keeps them: every statement's reply, for 24 hours, for the user
 * who ran it (`GET /queries/<id>/result`, `getResultsFromQueryId`, async execution, multi-statement
 * children), with its status for `/monitoring/queries/<id>`. Bounded: at most `maxEntries` results;
 * replies beyond `memoryBudgetBytes` of JSON in total are written to disk (oldest first) and read
 * back when asked for; chunk files live on disk from the start. Everything is under one temporary
 * directory that `close()` removes.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ResultChunk } from "./chunks.js";

/** Snowflake keeps a query's result for 24 hours. */
export const RESULT_LIFETIME_MS = 24 * 60 * 60 * 1000;

export type QueryStatus = "RUNNING" | "SUCCESS" | "FAILED_WITH_ERROR";

export interface QueryFailure {
  code: string;
  message: string;
  sqlState: string;
}

/** One statement's outcome. */
export interface StoredQuery {
  readonly queryId: string;
  readonly user: string;
  readonly sqlText: string;
  readonly startedAt: number;
  endedAt?: number;
  status: QueryStatus;
  error?: QueryFailure;
  /** The reply's `data` while it is in memory. */
  data?: Record<string, unknown>;
  /** Where `data` went when memory ran over budget. */
  dataFile?: string;
  dataBytes: number;
  chunks: ResultChunk[];
  /** A random key the chunk URLs carry (the driver sends no session token for chunks). */
  chunkKey: string;
  /** Settles when the statement has finished. */
  readonly finished: Promise<void>;
  finish(): void;
}

export interface ResultStoreOptions {
  maxEntries?: number;
  memoryBudgetBytes?: number;
  lifetimeMs?: number;
  now?: () => number;
}

export class ResultStore {
  private readonly entries = new Map<string, StoredQuery>();
  private readonly maxEntries: number;
  private readonly memoryBudget: number;
  private readonly lifetimeMs: number;
  private readonly now: () => number;
  private inMemoryBytes = 0;
  private dirPath: string | undefined;

  constructor(options: ResultStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.memoryBudget = options.memoryBudgetBytes ?? 64 * 1024 * 1024;
    this.lifetimeMs = options.lifetimeMs ?? RESULT_LIFETIME_MS;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The store's directory, created on first use. */
  directory(): string {
    this.dirPath ??= mkdtempSync(path.join(tmpdir(), "mercurios-results-"));
    return this.dirPath;
  }

  /** A directory for one query's chunk files. */
  chunkDirectory(queryId: string): string {
    const dir = path.join(this.directory(), safeName(queryId));
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Records a statement that has started. */
  begin(queryId: string, user: string, sqlText: string, chunkKey: string): StoredQuery {
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const entry: StoredQuery = {
      queryId,
      user,
      sqlText,
      startedAt: this.now(),
      status: "RUNNING",
      dataBytes: 0,
      chunks: [],
      chunkKey,
      finished,
      finish,
    };
    this.drop(queryId);
    this.entries.set(queryId, entry);
    this.evict();
    return entry;
  }

  /** The statement succeeded with this reply `data` (and chunks, for a large result). */
  succeed(entry: StoredQuery, data: Record<string, unknown>, chunks: ResultChunk[] = []): void {
    const bytes = JSON.stringify(data).length;
    entry.data = data;
    entry.dataBytes = bytes;
    entry.chunks = chunks;
    entry.status = "SUCCESS";
    entry.endedAt = this.now();
    this.inMemoryBytes += bytes;
    entry.finish();
    this.spill();
  }

  fail(entry: StoredQuery, error: QueryFailure): void {
    entry.status = "FAILED_WITH_ERROR";
    entry.error = error;
    entry.endedAt = this.now();
    entry.finish();
  }

  /** A live (not expired) entry, only for the user who ran it. */
  get(queryId: string, user: string): StoredQuery | undefined {
    const entry = this.entries.get(queryId);
    if (!entry) return undefined;
    if (this.now() - entry.startedAt > this.lifetimeMs) {
      this.drop(queryId);
      return undefined;
    }
    return entry.user === user ? entry : undefined;
  }

  /** Any live entry, whoever ran it (chunk downloads carry their own key instead of a session). */
  peek(queryId: string): StoredQuery | undefined {
    const entry = this.entries.get(queryId);
    if (!entry || this.now() - entry.startedAt > this.lifetimeMs) return undefined;
    return entry;
  }

  /** The reply data of a successful entry, read back from disk if it was spilled. */
  data(entry: StoredQuery): Record<string, unknown> | undefined {
    if (entry.data) return entry.data;
    if (!entry.dataFile) return undefined;
    return JSON.parse(readFileSync(entry.dataFile, "utf8")) as Record<string, unknown>;
  }

  /** Forgets every result and removes the directory. */
  close(): void {
    this.entries.clear();
    this.inMemoryBytes = 0;
    if (this.dirPath) rmSync(this.dirPath, { recursive: true, force: true });
    this.dirPath = undefined;
  }

  /** Writes the oldest in-memory replies to disk until the total is within budget. */
  private spill(): void {
    if (this.inMemoryBytes <= this.memoryBudget) return;
    for (const entry of this.entries.values()) {
      if (this.inMemoryBytes <= this.memoryBudget) return;
      if (!entry.data) continue;
      const file = path.join(this.directory(), `${safeName(entry.queryId)}.json`);
      writeFileSync(file, JSON.stringify(entry.data));
      entry.dataFile = file;
      entry.data = undefined;
      this.inMemoryBytes -= entry.dataBytes;
    }
  }

  /** Drops expired entries, then the oldest beyond the cap. */
  private evict(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) {
      if (now - entry.startedAt <= this.lifetimeMs) break;
      this.drop(id);
    }
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.drop(oldest);
    }
  }

  private drop(queryId: string): void {
    const entry = this.entries.get(queryId);
    if (!entry) return;
    this.entries.delete(queryId);
    if (entry.data) this.inMemoryBytes -= entry.dataBytes;
    if (entry.dataFile) removeQuietly(entry.dataFile);
    if (entry.chunks.length > 0 && this.dirPath) {
      const dir = path.join(this.dirPath, safeName(queryId));
      // Chunks still being written finish into a removed directory's open files harmlessly.
      void Promise.allSettled(entry.chunks.map((c) => c.ready)).then(() =>
        rmSync(dir, { recursive: true, force: true }),
      );
    }
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}

/** Query ids are UUIDs; anything else is reduced to safe file-name characters. */
function safeName(queryId: string): string {
  return queryId.replace(/[^A-Za-z0-9-]/g, "_");
}
