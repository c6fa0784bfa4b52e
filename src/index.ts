// Library API of mercurios. The CLI is built on the same functions.
export * from "./errors/index.js";
