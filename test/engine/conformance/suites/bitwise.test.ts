import { conformanceSuite } from "../suite.js";

conformanceSuite("bitwise");
