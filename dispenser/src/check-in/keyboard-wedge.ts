/**
 * A handheld barcode scanner plugged in as a keyboard ("keyboard wedge") types the QR's
 * text and presses Enter. This controller hears those keystrokes wherever the focus is on
 * the screen (the customer never has to touch a field first) and hands over the text at
 * Enter. Keys typed into a text field are left to that field. Listens while its host is on
 * the page: hostConnected adds the listener, hostDisconnected removes it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The contract's longest check-in code (a signed token). */
const MAX_LENGTH = 600;
/** Shorter than any booking code: a stray Enter is not a scan. */
const MIN_LENGTH = 4;

export class KeyboardWedge implements ReactiveController {
  private buffer = '';

  constructor(
    host: ReactiveControllerHost,
    private readonly onScan: (text: string) => void,
    private readonly target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.target.addEventListener('keydown', this.onKey as EventListener, { capture: true });
  }

  hostDisconnected(): void {
    this.target.removeEventListener('keydown', this.onKey as EventListener, { capture: true });
    this.buffer = '';
  }

  private readonly onKey = (e: KeyboardEvent) => {
    if (isTextField(e.composedPath()[0])) return;
    if (e.key === 'Enter') {
      const text = this.buffer.trim();
      this.buffer = '';
      if (text.length >= MIN_LENGTH) {
        e.preventDefault();
        this.onScan(text);
      }
      return;
    }
    // No code or token has a space: a space is left to press a focused button.
    if (e.key.length === 1 && e.key !== ' ' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      if (this.buffer.length < MAX_LENGTH) this.buffer += e.key;
    }
  };
}

function isTextField(target: EventTarget | undefined): boolean {
  if (typeof HTMLElement === 'undefined') return false; // no DOM (unit tests)
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
}
