import { conformanceSuite } from "../suite.js";

conformanceSuite("identifiers");
