// Public surface of the template module.
export { HELPER_NAMES } from "./helpers.js";
export { isSecretName, MASK, maskSecrets } from "./mask.js";
export { findPartials, type PartialFile } from "./partials.js";
export { type JinjaSearch, jinjaSource } from "./jinja/render.js";
export {
  BUILT_IN_NAMES,
  type RenderResult,
  renderTemplate,
  type TemplateContext,
  type TemplateEngine,
} from "./render.js";
export { qualifiedName, quoteIdentifier, sqlLiteral, sqlString } from "./sql.js";
