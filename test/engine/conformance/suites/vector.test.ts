import { conformanceSuite } from "../suite.js";

conformanceSuite("vector");
