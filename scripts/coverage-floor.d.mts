/** Types of scripts/coverage-floor.mjs for the TypeScript callers (its unit test). */
export interface FloorChange {
  key: string;
  from: number;
  to: number;
}
export declare function raiseFloors(configText: string, totals: Record<string, { pct: number } | undefined>): { text: string; changes: FloorChange[] };
export declare function raiseFloorsInFile(configPath: string, summaryPath: string): FloorChange[];
