/**
 * A booking's QR (head office's signed token) as an SVG image: qrcode's own SVG renderer,
 * the package the kiosk already draws its QR with. A data: URL, so the image needs no
 * request and the Content-Security-Policy (img-src 'self' data:) allows it.
 */
import { toString } from 'qrcode';

export async function qrImageUrl(text: string): Promise<string> {
  const svg = await toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
