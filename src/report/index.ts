export * from "./drift.js";
export * from "./plan.js";
export * from "./view-tests.js";
export * from "./view-diff.js";
export * from "./views-list.js";
export * from "./lineage.js";
export * from "./dev-status.js";
export * from "./migrate.js";
