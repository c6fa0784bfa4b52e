import { conformanceSuite } from "../suite.js";

conformanceSuite("query");
