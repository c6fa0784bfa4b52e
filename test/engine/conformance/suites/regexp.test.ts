import { conformanceSuite } from "../suite.js";

conformanceSuite("regexp");
