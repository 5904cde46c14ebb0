/**
 * The wait quoted to a customer on the ticket and the display. Deliberately simple and
 * explainable: a quote that is roughly right and stable beats one that jumps around.
 */
import { median } from './stats';

/** How many recent service times the estimate looks at (newest first). */
export const RECENT_SAMPLE = 20;
export const DEFAULT_SERVICE_SECONDS = 300;

/**
 * Estimated wait, in whole seconds, for a customer with `position` people ahead.
 *
 * Formula: `typical × (position + 1) / counters`, where
 *  - `typical` is the median of the newest {@link RECENT_SAMPLE} finished service times
 *    of that service (`defaultServiceSeconds`, 300 s, when there are none yet); the median
 *    because one 40-minute case must not triple everyone's quote;
 *  - `counters` are the counters signed in and not paused that serve the service. With
 *    several counters busy, one frees up roughly every `typical / counters` seconds, and
 *    the customer needs `position + 1` of them (one for each person ahead, then their own).
 *  - When `openCounters` is 0 (nobody serving yet, e.g. before opening) it assumes 1
 *    counter, so the quote is a pessimistic but finite number instead of infinity.
 * With one counter this is `typical × (position + 1)`: the person being served finishes,
 * then everyone ahead, then the customer is called.
 * Invalid inputs are clamped (negative or fractional position -> whole, >= 0; durations
 * that are not finite or negative are ignored).
 */
export function estimateWaitSeconds(input: {
  position: number;
  recentServiceSeconds: number[];
  openCounters: number;
  defaultServiceSeconds?: number;
}): number {
  const position = Number.isFinite(input.position) ? Math.max(0, Math.floor(input.position)) : 0;
  const counters = Number.isFinite(input.openCounters) ? Math.max(1, Math.floor(input.openCounters)) : 1;
  const fallback =
    input.defaultServiceSeconds !== undefined && Number.isFinite(input.defaultServiceSeconds) && input.defaultServiceSeconds >= 0
      ? input.defaultServiceSeconds
      : DEFAULT_SERVICE_SECONDS;
  const recent = input.recentServiceSeconds.filter((s) => Number.isFinite(s) && s >= 0).slice(0, RECENT_SAMPLE);
  const typical = median(recent) ?? fallback;
  return Math.round((typical * (position + 1)) / counters);
}
