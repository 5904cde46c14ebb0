/**
 * The ticket as a list of printer-neutral blocks. Both the ESC/POS renderer and the text
 * preview walk the same blocks, so what staff see in a preview is what the paper shows.
 * Wrapping happens here (not in node-thermal-printer) so both agree on line breaks.
 */
import { toCp858Text } from '../escpos/cp858';
import type { TicketPrintData } from '../ticket-data';
import { formatLocalDateTime, formatWait } from './format';

export type PaperWidthMm = 80 | 58;
export type Align = 'left' | 'center' | 'right';

export type Block =
  | { kind: 'text'; text: string; align: Align; /** character magnification 1-6 */ size: number; bold: boolean }
  | { kind: 'rule' }
  | { kind: 'qr'; data: string; cellSize: number }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut' };

/** Font A is 12 dots wide; 80 mm paper prints 576 dots, 58 mm prints 384. */
export function columnsFor(paperWidthMm: PaperWidthMm): number {
  return paperWidthMm === 58 ? 32 : 48;
}

export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.replace(/\r/g, '').split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let w = word;
      while (w.length > width) {
        // A word longer than the line (a URL) is cut by characters.
        if (line) out.push(line), (line = '');
        out.push(w.slice(0, width));
        w = w.slice(width);
      }
      if (!line) line = w;
      else if (line.length + 1 + w.length <= width) line += ' ' + w;
      else out.push(line), (line = w);
    }
    out.push(line);
  }
  return out;
}

export function buildTicketDocument(data: TicketPrintData, paperWidthMm: PaperWidthMm): Block[] {
  const cols = columnsFor(paperWidthMm);
  const blocks: Block[] = [];
  const text = (t: string, opts: Partial<{ align: Align; size: number; bold: boolean }> = {}) => {
    const size = opts.size ?? 1;
    // Wrapped after transliteration: "…" becomes three characters on paper.
    for (const line of wrap(toCp858Text(t), Math.floor(cols / size))) {
      blocks.push({ kind: 'text', text: line, align: opts.align ?? 'center', size, bold: opts.bold ?? false });
    }
  };

  if (data.header?.trim()) text(data.header, { size: 2, bold: true });
  text(data.officeName, { bold: true });
  text('Su turno / Your ticket');
  blocks.push({ kind: 'feed', lines: 1 });
  text(data.code, { size: paperWidthMm === 58 ? 3 : 4, bold: true });
  blocks.push({ kind: 'feed', lines: 1 });
  text(data.serviceName, { size: 2, bold: true });
  if (data.preferential) text('Atención preferencial', { bold: true });
  blocks.push({ kind: 'rule' });

  const when = formatLocalDateTime(data.issuedAt, data.timeZone);
  if (when) text(`Fecha: ${when}`, { align: 'left' });
  if (data.peopleAhead !== null) {
    text(`Personas antes de usted: ${data.peopleAhead}`, { align: 'left' });
    // A waiting ticket without an estimate: the office sends none while no agent serves.
    const wait = formatWait(data.estimatedWaitSeconds);
    text(`Espera estimada: ${wait ?? 'sin estimación'}`, { align: 'left' });
    if (!wait) text('Sin asesores disponibles por ahora', { align: 'left' });
  }
  blocks.push({ kind: 'rule' });

  if (data.liveUrl) {
    text('Siga su turno en el celular:');
    blocks.push({ kind: 'qr', data: data.liveUrl, cellSize: paperWidthMm === 58 ? 5 : 6 });
  }
  if (data.footer.trim()) {
    blocks.push({ kind: 'feed', lines: 1 });
    text(data.footer);
  }
  // No blank lines before the cut: the cut command itself feeds the paper to the cutter.
  blocks.push({ kind: 'cut' });
  return blocks;
}
