import { conformanceSuite } from "../suite.js";

conformanceSuite("system");
