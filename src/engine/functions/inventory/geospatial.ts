/**
 * Inventory: Geospatial functions (https://docs.snowflake.com/en/sql-reference/functions-geospatial).
 * Owner: `fid-num`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const geospatial: InventoryEntry[] = inCategory("geospatial", [
  {
    name: "H3_CELL_TO_BOUNDARY",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_CELL_TO_CHILDREN",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_CELL_TO_CHILDREN_STRING",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_CELL_TO_PARENT",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_CELL_TO_POINT",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_COMPACT_CELLS",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_COMPACT_CELLS_STRINGS",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_COVERAGE",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_COVERAGE_STRINGS",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_GET_RESOLUTION",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_GRID_DISK",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_GRID_DISTANCE",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_GRID_PATH",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_INT_TO_STRING",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_IS_PENTAGON",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_IS_VALID_CELL",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_LATLNG_TO_CELL",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_LATLNG_TO_CELL_STRING",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_POINT_TO_CELL",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_POINT_TO_CELL_STRING",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_POLYGON_TO_CELLS",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_POLYGON_TO_CELLS_STRINGS",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_STRING_TO_INT",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_TRY_COVERAGE",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_TRY_COVERAGE_STRINGS",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_TRY_GRID_DISTANCE",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_TRY_GRID_PATH",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_TRY_POLYGON_TO_CELLS",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_TRY_POLYGON_TO_CELLS_STRINGS",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_UNCOMPACT_CELLS",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "H3_UNCOMPACT_CELLS_STRINGS",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  { name: "HAVERSINE", status: "covered" },
  {
    name: "ST_AREA",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_ASEWKB",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_ASEWKT",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_ASGEOJSON",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_ASWKB",
    aliases: ["ST_ASBINARY"],
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_ASWKT",
    aliases: ["ST_ASTEXT"],
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_AZIMUTH",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_BUFFER",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_CENTROID",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_COLLECT",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_CONTAINS",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_COVEREDBY",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_COVERS",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_DIFFERENCE",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_DIMENSION",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_DISJOINT",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_DISTANCE",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_DWITHIN",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_ENDPOINT",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_ENVELOPE",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_GEOGFROMGEOHASH",
    alsoIn: ["conversion"],
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_GEOGPOINTFROMGEOHASH",
    alsoIn: ["conversion"],
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_GEOGRAPHYFROMWKB",
    alsoIn: ["conversion"],
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_GEOGRAPHYFROMWKT",
    alsoIn: ["conversion"],
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_GEOHASH",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_GEOMETRYFROMWKB",
    alsoIn: ["conversion"],
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_GEOMETRYFROMWKT",
    alsoIn: ["conversion"],
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_GEOMFROMGEOHASH",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_GEOMPOINTFROMGEOHASH",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_HAUSDORFFDISTANCE",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_INTERPOLATE",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_INTERSECTION",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_INTERSECTION_AGG",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_INTERSECTS",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_ISVALID",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_LENGTH",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_MAKEGEOMPOINT",
    aliases: ["ST_GEOMPOINT"],
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_MAKELINE",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_MAKEPOINT",
    aliases: ["ST_POINT"],
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_MAKEPOLYGON",
    aliases: ["ST_POLYGON"],
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_MAKEPOLYGONORIENTED",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_NPOINTS",
    aliases: ["ST_NUMPOINTS"],
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_PERIMETER",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_POINTN",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_SETSRID",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_SIMPLIFY",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_SRID",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_STARTPOINT",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_SYMDIFFERENCE",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_TRANSFORM",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_UNION",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_UNION_AGG",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_WITHIN",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_X",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_XMAX",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_XMIN",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_Y",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_YMAX",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "ST_YMIN",
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "TO_GEOGRAPHY",
    alsoIn: ["conversion"],
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "TO_GEOMETRY",
    alsoIn: ["conversion"],
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "TRY_TO_GEOGRAPHY",
    alsoIn: ["conversion"],
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
  {
    name: "TRY_TO_GEOMETRY",
    alsoIn: ["conversion"],
    status: "unsupported",
    note: "GEOGRAPHY, GEOMETRY and H3 need DuckDB's spatial extension, which the engine cannot load",
  },
]);
