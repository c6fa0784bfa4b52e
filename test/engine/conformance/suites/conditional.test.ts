import { conformanceSuite } from "../suite.js";

conformanceSuite("conditional");
