export * from "./compare.js";
export * from "./load.js";
export * from "./types.js";
