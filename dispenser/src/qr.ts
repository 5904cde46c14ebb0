/**
 * QR code as an SVG path (qrcode's matrix, drawn by us): crisp at any size, no canvas,
 * nothing loaded from the network. Used for the live ticket page link.
 */
import { create } from 'qrcode';

export interface QrPath {
  /** Modules per side, including the 4-module quiet zone. */
  size: number;
  /** One "M x y h1 v1 h-1 z" square per dark module. */
  d: string;
}

export function qrPath(text: string): QrPath {
  const qr = create(text, { errorCorrectionLevel: 'M' });
  const { size, data } = qr.modules;
  const quiet = 4;
  const parts: string[] = [];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (data[row * size + col]) parts.push(`M${col + quiet} ${row + quiet}h1v1h-1z`);
    }
  }
  return { size: size + quiet * 2, d: parts.join('') };
}

/** The live ticket page a phone opens from the QR code. */
/**
 * The link to a ticket's live page: the office's own link base from the snapshot (the same
 * one the paper's QR uses: PUBLIC_URL or head office's portal), else this page's origin.
 */
export function liveTicketUrl(base: string | undefined, origin: string, ticketId: string): string {
  return `${base ?? `${origin}/dispenser/ticket.html?id=`}${encodeURIComponent(ticketId)}`;
}
