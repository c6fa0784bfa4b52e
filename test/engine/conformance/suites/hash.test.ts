import { conformanceSuite } from "../suite.js";

conformanceSuite("hash");
