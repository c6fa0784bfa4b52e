import { conformanceSuite } from "../suite.js";

conformanceSuite("encryption");
