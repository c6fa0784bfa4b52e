/**
 * Use case `dev`: the view authoring loop on the local engine. `createDevLoop` is the core (start,
 * then one `handle` per burst of saves); `startDev` feeds it from a chokidar watcher.
 */
export { type ChangeSet, classifyChanges, type SavedPath } from "./changes.js";
export {
  createDevLoop,
  type DevLoop,
  type DevLoopOptions,
  type DevServices,
  type DevTestSession,
} from "./loop.js";
export { devProblems } from "./problems.js";
export { type DevSession, type StartDevOptions, startDev, watchedPaths } from "./watch.js";
