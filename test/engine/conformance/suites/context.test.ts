import { conformanceSuite } from "../suite.js";

conformanceSuite("context");
