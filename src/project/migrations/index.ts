// Migration scripts of a project: discovery, names, order, rendering and checksums.
export { normaliseScriptText, schemachangeChecksum, scriptChecksum } from "./checksum.js";
export {
  type DiscoverOptions,
  discoverMigrations,
  type MigrationScript,
  scriptsForEnvironment,
} from "./discover.js";
export {
  compareVersions,
  isScriptFile,
  type NameProblem,
  normaliseVersion,
  parseScriptName,
  type ScriptKind,
  type ScriptName,
  scriptFileName,
  versionKey,
} from "./naming.js";
export { createdObjects, orderRepeatables, requiredScripts, sortAlways, sortByVersion } from "./order.js";
export {
  type PreparedMigrations,
  type PreparedScript,
  type PrepareOptions,
  prepareMigrations,
  type ScriptRenderer,
} from "./prepare.js";
