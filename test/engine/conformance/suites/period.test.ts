import { conformanceSuite } from "../suite.js";

conformanceSuite("period");
