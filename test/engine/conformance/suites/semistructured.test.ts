import { conformanceSuite } from "../suite.js";

conformanceSuite("semistructured");
