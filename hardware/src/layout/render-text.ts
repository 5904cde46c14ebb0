/** Plain-text preview of a ticket: the same blocks as the paper, for screens and logs. */
import type { TicketPrintData } from '../ticket-data';
import { buildTicketDocument, columnsFor, type Block, type PaperWidthMm } from './document';

export function renderTicketText(data: TicketPrintData, opts: { paperWidthMm?: PaperWidthMm } = {}): string {
  const width = opts.paperWidthMm ?? 80;
  return blocksToText(buildTicketDocument(data, width), columnsFor(width));
}

export function blocksToText(blocks: Block[], cols: number): string {
  const lines: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'text') {
      // Magnified text is spaced out so its width on paper is visible in the preview.
      const shown = b.size > 1 ? b.text.split('').join(' '.repeat(b.size - 1)) : b.text;
      lines.push(align(shown, cols, b.align));
    } else if (b.kind === 'rule') lines.push('-'.repeat(cols));
    else if (b.kind === 'qr') lines.push(align(`[QR] ${b.data}`, cols, 'center'));
    else if (b.kind === 'feed') for (let i = 0; i < b.lines; i++) lines.push('');
    else if (b.kind === 'cut') lines.push('='.repeat(cols) + ' (corte)');
  }
  return lines.map((l) => l.trimEnd()).join('\n') + '\n';
}

function align(text: string, cols: number, how: 'left' | 'center' | 'right'): string {
  if (text.length >= cols || how === 'left') return text;
  const pad = cols - text.length;
  return how === 'right' ? ' '.repeat(pad) + text : ' '.repeat(Math.floor(pad / 2)) + text;
}
