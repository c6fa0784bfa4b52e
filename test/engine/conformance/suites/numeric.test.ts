import { conformanceSuite } from "../suite.js";

conformanceSuite("numeric");
