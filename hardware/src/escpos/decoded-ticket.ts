/** What the ESC/POS decoder reads back from a printer stream. */
export type Align = 'left' | 'center' | 'right';

export interface DecodedLine {
  text: string;
  /** Character magnification (1 = normal). */
  width: number;
  height: number;
  bold: boolean;
  align: Align;
}

export interface DecodedTicket {
  /** All lines joined with "\n". */
  text: string;
  lines: DecodedLine[];
  /** Content of the last QR code printed, or null. */
  qr: string | null;
  /** Code 128 barcodes printed (GS k 73), in order; absent when none. */
  barcodes?: DecodedBarcode[];
  cut: boolean;
  /** Paper used, estimated from line heights, QR size and feeds. */
  lengthMm: number;
  /**
   * Blank paper fed between the last printed line or QR and the cut (the margin a
   * "feed to the cutter" cut adds included; the fixed distance from the print head to
   * the cutter, which every cut crosses, not counted).
   */
  blankBeforeCutMm: number;
  /**
   * The cut command fed the paper to the cutter first (Epson GS V 65/66, Star ESC d 2/3).
   * A cut "where the paper stands" leaves the last lines under the cutter for the next ticket.
   */
  cutFeedsToCutter: boolean;
}

/** A Code 128 symbol read back: GS1-128 when it starts with FNC1; later FNC1s as GS (0x1d) in `data`. */
export interface DecodedBarcode {
  symbology: 'gs1-128' | 'code128';
  data: string;
}

export type DecoderEvent =
  /** DLE EOT n: answer now, even mid-job (real-time command). */
  | { kind: 'status-request'; n: number }
  /** Paper moved by this much (a printed line, a QR, a feed). */
  | { kind: 'feed'; mm: number }
  /** GS ( H: answer when printing reaches this point. */
  | { kind: 'process-id'; id: Buffer }
  | { kind: 'cut'; ticket: DecodedTicket };

/** A command parser's answer when the command's bytes have not all arrived yet. */
export const NEED_MORE = -1;
