import { conformanceSuite } from "../suite.js";

conformanceSuite("geospatial");
