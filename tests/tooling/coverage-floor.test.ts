/**
 * The coverage floor only rises (scripts/coverage-floor.mjs, run by scripts/run-tests.mjs
 * after a whole-suite run): a measure above the floor by less than the margin leaves it, a
 * measure well above raises it to the measure less the margin, a measure below never
 * lowers it; the real vitest.config.ts has the block the script rewrites.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { raiseFloors } from '../../scripts/coverage-floor.mjs';

const CONFIG = `coverage: {
      thresholds: {
        autoUpdate: false,
        lines: 66,
        functions: 60,
        branches: 54,
        statements: 63,
      },
    },`;
const totals = (lines: number, functions: number, branches: number, statements: number) => ({
  lines: { pct: lines },
  functions: { pct: functions },
  branches: { pct: branches },
  statements: { pct: statements },
});

describe('the coverage floor', () => {
  test('a measure just above the floor (within the margin) leaves every floor as it was', () => {
    const { text, changes } = raiseFloors(CONFIG, totals(67.5, 61.9, 55.2, 64.9));
    assert.deepEqual(changes, []);
    assert.equal(text, CONFIG);
  });

  test('a measure below the floor never lowers it', () => {
    const { text, changes } = raiseFloors(CONFIG, totals(10, 0, 20, 30));
    assert.deepEqual(changes, []);
    assert.equal(text, CONFIG);
  });

  test('a measure well above raises that floor to the measure less two points, and only that one', () => {
    const { text, changes } = raiseFloors(CONFIG, totals(70.9, 60.5, 54, 66.2));
    assert.deepEqual(changes, [
      { key: 'lines', from: 66, to: 68 },
      { key: 'statements', from: 63, to: 64 },
    ]);
    assert.match(text, /lines: 68,/);
    assert.match(text, /functions: 60,/);
    assert.match(text, /branches: 54,/);
    assert.match(text, /statements: 64,/);
  });

  test("vitest.config.ts has the thresholds block, with vitest's own autoUpdate off", () => {
    const config = readFileSync(join(import.meta.dirname, '..', '..', 'vitest.config.ts'), 'utf8');
    const { changes } = raiseFloors(config, totals(100, 100, 100, 100));
    assert.deepEqual(changes.map((c) => c.key).sort(), ['branches', 'functions', 'lines', 'statements']);
    assert.match(config, /autoUpdate:\s*false/);
  });
});
