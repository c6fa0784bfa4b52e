/**
 * `startDev`: the dev loop fed by a real file watcher (chokidar) on views/, migrations/ and the
 * config. Bursts of events (editors write a file in several steps) are gathered for `debounceMs`
 * and handled as one round; rounds never overlap: saves during a round make the next one.
 */
import path from "node:path";
import type { ResolvedEnvironment } from "../../config/index.js";
import type { DevStatus } from "../../report/dev-status.js";
import { isEditorTempFile, type SavedPath } from "./changes.js";
import { createDevLoop, type DevLoop, type DevLoopOptions } from "./loop.js";

export interface StartDevOptions extends DevLoopOptions {
  /** Called with every round's status (after the start and after each burst of saves). */
  onStatus(status: DevStatus): void;
  /** Called once the watcher is ready (after the start round's status). */
  onReady?(watching: readonly string[]): void;
  /** A round that threw (a bug, not a user error: those are in the status). */
  onError?(error: unknown): void;
  /** Quiet time that ends a burst of events. Default 50 ms. */
  debounceMs?: number;
}

/** A running dev session. */
export interface DevSession {
  readonly loop: DevLoop;
  /** Paths watched, relative to the project root. */
  readonly watching: readonly string[];
  /** Resolves when the round in progress (if any) and every queued save are handled. */
  idle(): Promise<void>;
  /** Stops watching, waits for the round in progress, closes the test session and the engine. */
  close(): Promise<void>;
}

/** What dev watches: views/, migrations/ and the config file. */
export function watchedPaths(environment: ResolvedEnvironment): string[] {
  return [
    path.join(environment.root, "views"),
    path.join(environment.root, "migrations"),
    environment.configFile,
  ];
}

/** Starts the loop (the start round is reported through onStatus), then watches for saves. */
export async function startDev(options: StartDevOptions): Promise<DevSession> {
  const loop = await createDevLoop(options);
  options.onStatus(loop.started);
  const debounceMs = options.debounceMs ?? 50;
  const { watch } = await import("chokidar");
  const targets = watchedPaths(loop.environment);
  const watcher = watch(targets, {
    ignoreInitial: true,
    // A folder that does not exist yet is watched once created (chokidar watches its parent).
    // Editors' temporary files are never events: saving a view must not start a round of its own.
    ignored: (file) =>
      /(?:^|[\\/])(?:\.mercurios|node_modules|\.git)(?:[\\/]|$)/.test(file) || isEditorTempFile(file),
  });

  let queued = new Map<string, SavedPath>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;

  const flush = () => {
    timer = undefined;
    if (closed || queued.size === 0) return;
    const burst = [...queued.values()];
    queued = new Map();
    running = running.then(async () => {
      if (closed) return;
      try {
        options.onStatus(await loop.handle(burst));
      } catch (error) {
        options.onError?.(error);
      }
    });
  };

  const saved = (event: SavedPath["event"]) => (file: string) => {
    if (closed) return;
    queued.set(file, { path: file, ...(event ? { event } : {}) });
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };
  watcher.on("add", saved("change"));
  watcher.on("change", saved("change"));
  watcher.on("unlink", saved("unlink"));
  watcher.on("error", (error) => options.onError?.(error));

  try {
    await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  } catch (error) {
    await watcher.close();
    await loop.close();
    throw error;
  }
  const watching = targets.map((t) => path.relative(loop.environment.root, t).split(path.sep).join("/"));
  options.onReady?.(watching);

  return {
    loop,
    watching,
    async idle() {
      for (;;) {
        const current = running;
        await current;
        if (current === running && !timer && queued.size === 0) return;
        if (timer) await new Promise((r) => setTimeout(r, debounceMs));
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      if (timer) clearTimeout(timer);
      await watcher.close();
      await running;
      await loop.close();
    },
  };
}
