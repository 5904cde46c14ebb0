import { test } from 'vitest';
import assert from 'node:assert/strict';
import { decodeTickets, renderTicket, renderTicketText } from '../src';
import { sampleTicketData } from './fixtures';

const dialects = ['epson', 'star'] as const;
const widths = [80, 58] as const;

for (const dialect of dialects) {
  for (const paperWidthMm of widths) {
    test(`${dialect} ${paperWidthMm} mm: the decoded ticket shows code, service, office, time, queue, QR and a cut`, () => {
      const data = sampleTicketData();
      const tickets = decodeTickets(renderTicket(data, { dialect, paperWidthMm }), dialect);
      assert.equal(tickets.length, 1);
      const [t] = tickets;
      assert.equal(t.cut, true);
      assert.equal(t.qr, 'http://192.168.1.10:3000/t/tkt_01HZX9');
      const code = t.lines.find((l) => l.text === 'A-014');
      assert.ok(code, 'code line present');
      assert.ok(code.width >= 3 && code.height >= 3, `code printed large, got ${code.width}x${code.height}`);
      assert.ok(code.bold);
      assert.equal(code.align, 'center');
      assert.match(t.text, /Oficina Centro Medellín/);
      assert.match(t.text.replace(/\n/g, ' '), /Facturación y pagos/);
      assert.match(t.text, /27\/11\/2025 21:45/, 'local date/time in the office time zone');
      assert.match(t.text, /Personas antes de usted: 3/);
      assert.match(t.text, /Espera estimada: ~12 min/);
      assert.match(t.text.replace(/\n/g, ' '), /¡Cuidemos el agua!/);
      const cols = paperWidthMm === 80 ? 48 : 32;
      for (const l of t.lines) assert.ok(l.text.length * l.width <= cols, `"${l.text}" fits ${cols} columns`);
    });
  }
}

test('the customer ID number is never printed, even if a caller passes it along', () => {
  // The callers' mapping drops it (tested with the mapping); the layout prints only the fields it knows.
  const data = Object.assign(sampleTicketData(), { customerId: '1036654321' });
  for (const dialect of dialects) {
    const bytes = renderTicket(data, { dialect, paperWidthMm: 80 });
    assert.equal(bytes.includes(Buffer.from('1036654321')), false);
  }
  assert.equal(renderTicketText(data).includes('1036654321'), false);
});

test('a preferential ticket says so', () => {
  const data = sampleTicketData({ preferential: true });
  const [t] = decodeTickets(renderTicket(data, { dialect: 'epson', paperWidthMm: 80 }));
  assert.match(t.text, /Atención preferencial/);
  const [plain] = decodeTickets(renderTicket(sampleTicketData(), { dialect: 'epson', paperWidthMm: 80 }));
  assert.doesNotMatch(plain.text, /preferencial/);
});

test('rendering is pure: the same ticket gives the same bytes', () => {
  const data = sampleTicketData();
  const a = renderTicket(data, { dialect: 'epson', paperWidthMm: 80 });
  const b = renderTicket(data, { dialect: 'epson', paperWidthMm: 80 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, renderTicket(data, { dialect: 'star', paperWidthMm: 80 }));
});

test('an empty footer and a long office name still give a valid ticket', () => {
  const data = sampleTicketData({
    footer: '',
    officeName: 'Oficina de atención al cliente del municipio de San Vicente del Caguán',
  });
  const [t] = decodeTickets(renderTicket(data, { dialect: 'star', paperWidthMm: 58 }), 'star');
  assert.equal(t.cut, true);
  assert.match(t.text.replace(/\n/g, ' '), /San Vicente del Caguán/);
  assert.ok(t.lines.every((l) => l.text.length * l.width <= 32));
});

test('the text preview carries the same content as the paper', () => {
  const text = renderTicketText(sampleTicketData(), { paperWidthMm: 58 });
  assert.match(text, /A {2}- {2}0 {2}1 {2}4/);
  assert.match(text, /\[QR\] http:\/\/192\.168\.1\.10:3000\/t\/tkt_01HZX9/);
  assert.match(text, /corte/);
});

test('a ticket split in arbitrary chunks decodes the same as in one piece', async () => {
  const { EscPosDecoder } = await import('../src');
  const bytes = renderTicket(sampleTicketData(), { dialect: 'epson', paperWidthMm: 80 });
  const d = new EscPosDecoder('epson');
  const events = [];
  for (let i = 0; i < bytes.length; i += 7) events.push(...d.push(bytes.subarray(i, i + 7)));
  const cut = events.find((e) => e.kind === 'cut');
  assert.ok(cut && cut.kind === 'cut');
  assert.deepEqual(cut.ticket, decodeTickets(bytes)[0]);
});
