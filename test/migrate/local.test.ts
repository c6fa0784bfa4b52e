import { migrationSuite } from "./suite.js";

migrationSuite("local");
