import { conformanceSuite } from "../suite.js";

conformanceSuite("window");
