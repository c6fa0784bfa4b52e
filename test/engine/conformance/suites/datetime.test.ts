import { conformanceSuite } from "../suite.js";

conformanceSuite("datetime");
