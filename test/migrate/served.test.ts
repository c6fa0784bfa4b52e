import { migrationSuite } from "./suite.js";

migrationSuite("served");
