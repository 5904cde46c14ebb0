/**
 * Text that people type and other people's screens and printers show: names, labels, the
 * ticker. C0 and C1 control characters are refused (ESC and GS start printer commands: a
 * service name once opened the cash drawer and cut the paper), and so are the bidi
 * controls (they reorder what a screen shows, so a name can read as something else).
 * Every text a request schema of the contract accepts goes through `safeText`; what is
 * printed goes through `stripUnsafeText` as a second line (data stored before the rule).
 */
import { z } from 'zod';
import { PASSWORD_MIN_LENGTH } from './password-policy';

/** C0 (with tab and newline: every text here is one line), DEL, C1, and the bidi controls. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');

export const UNSAFE_TEXT_MESSAGE = 'control and bidi characters are not allowed';

export function hasUnsafeText(s: string): boolean {
  return UNSAFE.test(s);
}

/** A one-line text field: `safeText().min(1).max(80)`. */
export function safeText() {
  return z.string().refine((s) => !hasUnsafeText(s), UNSAFE_TEXT_MESSAGE);
}

export function stripUnsafeText(s: string): string {
  return s.replace(UNSAFE_ALL, '');
}

/** A password being set (an admin's form, a first admin, one's own change); logins take any. */
export function newPassword() {
  return z.string().min(PASSWORD_MIN_LENGTH).max(256);
}
