// Writes the JSON schemas the package ships (schemas/) from their zod sources in dist/ (run `npm run build` first).
// test/project/view-test-json-schema.test.ts fails when the committed files are out of step.
import { writeFileSync } from "node:fs";

const { viewTestJsonSchema } = await import("../dist/project/view-tests/schema.js");
const file = new URL("../schemas/view-test.schema.json", import.meta.url);
writeFileSync(file, `${JSON.stringify(viewTestJsonSchema(), null, 2)}\n`);
console.log(`wrote ${file.pathname}`);
