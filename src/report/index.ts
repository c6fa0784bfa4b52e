export * from "./drift.js";
export * from "./plan.js";
