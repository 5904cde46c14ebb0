/**
 * A TCP hop between the office server and a virtual printer that keeps every byte the
 * office sends, as a network printer receives it: the tests read the office's own ESC/POS
 * (code page selects, the cut and its feed, "finished printing" requests) instead of
 * what the virtual printer's decoder makes of them.
 */
import { startSwitchableLink } from './switchable-link';

export interface ByteTap {
  /** The address to give the office (`tcp://127.0.0.1:<port>`). */
  readonly uri: string;
  /** Every byte sent towards the printer so far, in order. */
  sent(): Buffer;
  stop(): Promise<void>;
}

export async function startByteTap(target: { port: number; host?: string }): Promise<ByteTap> {
  const chunks: Buffer[] = [];
  const link = await startSwitchableLink(target, { onSent: (chunk) => chunks.push(Buffer.from(chunk)) });
  return { uri: link.uri, sent: () => Buffer.concat(chunks), stop: () => link.stop() };
}

/** Offsets of every occurrence of `pattern` in `bytes`. */
export function offsetsOf(bytes: Buffer, pattern: number[]): number[] {
  const found: number[] = [];
  const needle = Buffer.from(pattern);
  for (let i = bytes.indexOf(needle); i !== -1; i = bytes.indexOf(needle, i + 1)) found.push(i);
  return found;
}

/** Epson's "tell me when printing reaches here" request (GS ( H, function 48). */
export const PROCESS_ID_REQUEST = [0x1d, 0x28, 0x48];
/** Epson ESC t n: select a character code page. */
export const SELECT_CODE_PAGE = [0x1b, 0x74];
/** Epson GS V 66 n: feed to the cutter plus n dots, then a partial cut. */
export const FEED_TO_CUTTER_AND_CUT = [0x1d, 0x56, 0x42];
