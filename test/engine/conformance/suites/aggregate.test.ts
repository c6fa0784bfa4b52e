import { conformanceSuite } from "../suite.js";

conformanceSuite("aggregate");
