import { conformanceSuite } from "../suite.js";

conformanceSuite("string");
