import { conformanceSuite } from "../suite.js";

conformanceSuite("procedures");
