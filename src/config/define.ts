import type { MercuriosConfigInput } from "./schema.js";

/**
 * Declares the project config in `mercurios.config.ts` with type checking and editor completion.
 * It returns its argument unchanged: validation happens when the config is loaded, so that every
 * problem is reported at once with its path.
 */
export function defineConfig(config: MercuriosConfigInput): MercuriosConfigInput {
  return config;
}
