/**
 * What a printer can tell us about itself, and the clock that stamps it. Declared here
 * (not taken from the wire contract) so the hardware package stands alone; the contract
 * re-declares the same strings for the wire, and the office's printing module fails to
 * compile the day the two lists differ.
 */
export const PRINTER_STATUSES = ['online', 'cover_open', 'paper_near_end', 'paper_out', 'offline', 'unknown'] as const;
export type PrinterStatus = (typeof PRINTER_STATUSES)[number];

/** Where status times come from: tests pass a fixed one, the office passes its own. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
