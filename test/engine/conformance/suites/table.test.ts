import { conformanceSuite } from "../suite.js";

conformanceSuite("table");
