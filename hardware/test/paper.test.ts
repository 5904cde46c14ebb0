/** What the paper costs and says: blank before the cut, one code page, the truth about the wait. */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { decodeTickets, renderTicket, renderTicketText } from '../src';
import { sampleTicketData } from './fixtures';

const dialects = ['epson', 'star'] as const;

for (const dialect of dialects) {
  for (const paperWidthMm of [80, 58] as const) {
    test(`${dialect} ${paperWidthMm} mm: under 12 mm of blank paper between the last line and the cut, fed to the cutter`, () => {
      const [t] = decodeTickets(renderTicket(sampleTicketData(), { dialect, paperWidthMm }), dialect);
      assert.equal(t.cut, true);
      assert.equal(t.cutFeedsToCutter, true, 'the cut feeds to the cutter, so the footer is not cut through');
      assert.ok(t.blankBeforeCutMm < 12, `blank before the cut: ${t.blankBeforeCutMm} mm`);
      assert.match(t.lines.at(-1)!.text, /agua!$/, 'the footer is the last line printed');
    });
  }
}

/** Every "select code page" command in the bytes: Epson ESC t n, Star ESC GS t n. */
function codePageSwitches(bytes: Buffer, dialect: 'epson' | 'star'): number[] {
  const head = dialect === 'epson' ? [0x1b, 0x74] : [0x1b, 0x1d, 0x74];
  const found: number[] = [];
  for (let i = 0; i + head.length < bytes.length; i++) {
    if (head.every((b, k) => bytes[i + k] === b)) found.push(bytes[i + head.length]);
  }
  return found;
}

for (const dialect of dialects) {
  test(`${dialect}: characters outside code page 858 are transliterated, never a second code page`, () => {
    const data = sampleTicketData({
      officeName: 'Oficina Győr — Peña',
      serviceName: 'Créditos “rápidos” 🚀',
      footer: 'Gracias… ¡vuelva pronto! ✓',
    });
    const bytes = renderTicket(data, { dialect, paperWidthMm: 80 });
    assert.deepEqual(codePageSwitches(bytes, dialect), [dialect === 'epson' ? 19 : 4], 'one ESC t (CP858), at the start');
    const [t] = decodeTickets(bytes, dialect);
    const text = t.text.replace(/\n/g, ' ');
    assert.match(text, /Oficina Gyor - Peña/);
    assert.match(text, /Créditos "rápidos"/);
    assert.doesNotMatch(text, /🚀|\?/);
    assert.match(text, /Gracias\.\.\. ¡vuelva pronto!/);
  });
}

test('no estimate while nobody serves: "Sin asesores disponibles", never a made-up wait', () => {
  const data = sampleTicketData({ peopleAhead: 0, estimatedWaitSeconds: null });
  const [t] = decodeTickets(renderTicket(data, { dialect: 'epson', paperWidthMm: 80 }));
  assert.match(t.text, /Personas antes de usted: 0/);
  assert.match(t.text, /Sin asesores disponibles/);
  assert.match(t.text, /Espera estimada: sin estimación/);
  assert.doesNotMatch(t.text, /\d+ min/, 'no made-up wait');
  assert.equal(renderTicketText(data).includes('Sin asesores disponibles'), true, 'the preview says the same');
});

test('an unknown queue position prints no queue lines at all', () => {
  const [t] = decodeTickets(renderTicket(sampleTicketData({ peopleAhead: null, estimatedWaitSeconds: null }), { dialect: 'star', paperWidthMm: 58 }), 'star');
  assert.doesNotMatch(t.text, /Personas antes|Espera estimada|Sin asesores/);
  assert.match(t.text, /Facturación/);
});
