// The coverage floor in vitest.config.ts only rises. After a whole-suite run with coverage
// (scripts/run-tests.mjs, never in CI), each threshold becomes the larger of its value and
// the measured percentage less a margin of two points (the noise of one run). vitest's own
// `thresholds.autoUpdate` cannot do this: it writes its formula's value wherever the measure
// beats the floor, so a measure 0.5 above the floor would write a floor 1.5 lower.
import { readFileSync, writeFileSync } from 'node:fs';

const FLOOR_KEYS = ['lines', 'functions', 'branches', 'statements'];
const MARGIN = 2;

/**
 * The config's text with each `key: N` of the `thresholds: { ... }` block raised to
 * max(N, floor(measured) - MARGIN), and what changed. `totals` is coverage-summary.json's
 * `total` ({ lines: { pct }, ... }).
 */
export function raiseFloors(configText, totals) {
  const block = /thresholds:\s*\{[^}]*\}/.exec(configText);
  if (!block) throw new Error('vitest.config.ts: no coverage thresholds block');
  const changes = [];
  let text = block[0];
  for (const key of FLOOR_KEYS) {
    const line = new RegExp(`(\\b${key}:\\s*)(\\d+(?:\\.\\d+)?)`).exec(text);
    const pct = totals[key]?.pct;
    if (!line || typeof pct !== 'number') continue;
    const old = Number(line[2]);
    const floor = Math.max(old, Math.floor(pct) - MARGIN);
    if (floor > old) {
      changes.push({ key, from: old, to: floor });
      text = text.replace(line[0], `${line[1]}${floor}`);
    }
  }
  return { text: configText.replace(block[0], text), changes };
}

/** Reads the run's summary and rewrites the config where a floor rose; returns the changes. */
export function raiseFloorsInFile(configPath, summaryPath) {
  const totals = JSON.parse(readFileSync(summaryPath, 'utf8')).total;
  const { text, changes } = raiseFloors(readFileSync(configPath, 'utf8'), totals);
  if (changes.length) writeFileSync(configPath, text);
  return changes;
}
