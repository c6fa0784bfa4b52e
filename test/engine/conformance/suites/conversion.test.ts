import { conformanceSuite } from "../suite.js";

conformanceSuite("conversion");
