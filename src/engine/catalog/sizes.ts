/** Warehouse sizes: every spelling DDL accepts, the display form SHOW prints, and credits per hour. */

const SIZES: { display: string; credits: number; spellings: string[] }[] = [
  { display: "X-Small", credits: 1, spellings: ["XSMALL", "X-SMALL", "X_SMALL"] },
  { display: "Small", credits: 2, spellings: ["SMALL"] },
  { display: "Medium", credits: 4, spellings: ["MEDIUM"] },
  { display: "Large", credits: 8, spellings: ["LARGE"] },
  { display: "X-Large", credits: 16, spellings: ["XLARGE", "X-LARGE", "X_LARGE"] },
  { display: "2X-Large", credits: 32, spellings: ["XXLARGE", "X2LARGE", "2X-LARGE", "2XLARGE"] },
  { display: "3X-Large", credits: 64, spellings: ["XXXLARGE", "X3LARGE", "3X-LARGE", "3XLARGE"] },
  { display: "4X-Large", credits: 128, spellings: ["X4LARGE", "4X-LARGE", "4XLARGE"] },
  { display: "5X-Large", credits: 256, spellings: ["X5LARGE", "5X-LARGE", "5XLARGE"] },
  { display: "6X-Large", credits: 512, spellings: ["X6LARGE", "6X-LARGE", "6XLARGE"] },
];

/** The display form for any accepted spelling, or null when the size is unknown. */
export function sizeDisplay(spelling: string): string | null {
  const s = spelling.toUpperCase();
  return SIZES.find((x) => x.spellings.includes(s) || x.display.toUpperCase() === s)?.display ?? null;
}

/** Credits per hour for a display size (X-Small 1, doubling each step). */
export function creditsPerHour(display: string): number {
  return SIZES.find((x) => x.display === display)?.credits ?? 1;
}

/** The DDL keyword for a display size (`X-Small` → `XSMALL`), as GET_DDL writes it. */
export function sizeKeyword(display: string): string {
  return SIZES.find((x) => x.display === display)?.spellings[0] ?? "XSMALL";
}
