import { conformanceSuite } from "../suite.js";

conformanceSuite("operators");
