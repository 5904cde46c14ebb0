import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { histogramBars } from '../../hq/src/components/hq-wait-histogram';
import { niceStep } from '../../hq/src/components/hq-wait-chart';
import { toCsv } from '../../hq/src/lib/csv';
import { addDays, defaultRange, isValidDay } from '../../hq/src/lib/dates';
import { nextSort, sortRows } from '../../hq/src/lib/table-sort';

describe('table sorting', () => {
  const rows = [
    { name: 'Ocaña', wait: 300 },
    { name: 'armenia', wait: null },
    { name: 'Bello', wait: 1200 },
    { name: 'Ábrego', wait: 60 },
  ];
  const value = (r: (typeof rows)[number], k: string) => r[k as 'name' | 'wait'];

  it('sorts numbers both ways and keeps rows without a figure last', () => {
    assert.deepEqual(sortRows(rows, { key: 'wait', direction: 'desc' }, value).map((r) => r.name), ['Bello', 'Ocaña', 'Ábrego', 'armenia']);
    assert.deepEqual(sortRows(rows, { key: 'wait', direction: 'asc' }, value).map((r) => r.name), ['Ábrego', 'Ocaña', 'Bello', 'armenia']);
  });

  it('sorts names the Spanish way (accents and case do not scatter them)', () => {
    assert.deepEqual(sortRows(rows, { key: 'name', direction: 'asc' }, value).map((r) => r.name), ['Ábrego', 'armenia', 'Bello', 'Ocaña']);
  });

  it('flips the sorted column and starts another column with its natural direction', () => {
    assert.deepEqual(nextSort({ key: 'wait', direction: 'desc' }, 'wait', 'desc'), { key: 'wait', direction: 'asc' });
    assert.deepEqual(nextSort({ key: 'wait', direction: 'asc' }, 'name', 'asc'), { key: 'name', direction: 'asc' });
  });
});

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks, neutralises formulas, ends lines with CRLF', () => {
    const csv = toCsv(
      [
        { a: 'Medellín, Centro', b: 12.5 },
        { a: 'dice "hola"\nadiós', b: null },
        { a: '=HYPERLINK("x")', b: Number.NaN },
      ],
      [
        { header: 'Oficina', value: (r) => r.a },
        { header: 'Espera', value: (r) => r.b },
      ],
    );
    assert.equal(csv, 'Oficina,Espera\r\n"Medellín, Centro",12.5\r\n"dice ""hola""\nadiós",\r\n"\'=HYPERLINK(""x"")",\r\n');
  });
});

describe('dates', () => {
  it('defaults to the last 30 days including today', () => {
    assert.deepEqual(defaultRange(new Date(2025, 2, 13, 10)), { from: '2025-02-12', to: '2025-03-13' });
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  });

  it('refuses days that do not exist', () => {
    assert.equal(isValidDay('2025-02-29'), false);
    assert.equal(isValidDay('2025-13-01'), false);
    assert.equal(isValidDay('2024-02-29'), true);
  });
});

describe('charts', () => {
  it('groups head office buckets into readable bands and drops the empty tail', () => {
    const upperSeconds = [30, 60, 300, 600, 1200, 3600];
    const bars = histogramBars({ upperSeconds, counts: [2, 2, 4, 1, 1, 0, 0] });
    assert.deepEqual(
      bars.map((b) => b.count),
      [8, 1, 1],
    );
    assert.equal(bars.reduce((s, b) => s + b.share, 0), 1);
    assert.equal(histogramBars({ upperSeconds, counts: [0, 0, 0, 0, 0, 0, 0] }).length, 0);
  });

  it('puts the open last bucket in the "at least" band', () => {
    const bars = histogramBars({ upperSeconds: [300], counts: [1, 3] }, [300]);
    assert.equal(bars.at(-1)!.count, 3);
    assert.match(bars.at(-1)!.label, /^≥ 5/);
  });

  it('picks round minute steps for the y axis', () => {
    assert.equal(niceStep(4), 1);
    assert.equal(niceStep(42), 10);
    assert.equal(niceStep(130), 30);
  });
});
