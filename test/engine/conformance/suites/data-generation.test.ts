import { conformanceSuite } from "../suite.js";

conformanceSuite("data-generation");
