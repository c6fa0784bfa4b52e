export * from "./identifiers.js";
export * from "./identity.js";
export * from "./normalise.js";
export * from "./sql.js";
export * from "./types.js";
export * from "./view-graph.js";
export * from "./kinds/index.js";
export * from "./system-roles.js";
