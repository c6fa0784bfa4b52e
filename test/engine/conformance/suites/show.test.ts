import { conformanceSuite } from "../suite.js";

conformanceSuite("show");
