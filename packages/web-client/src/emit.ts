/**
 * How the web apps' elements tell their parents: a typed CustomEvent that bubbles and is
 * composed, so it crosses the shadow roots between a child element and the page.
 *
 *   emit(this, 'turnero-call-ticket', { ticketId });
 */
export function emit<T>(from: EventTarget, name: string, detail?: T): void {
  from.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true }));
}
