/** Dispatches a typed, bubbling, composed event from an element (it crosses shadow roots). */
export function emit<T>(from: HTMLElement, name: string, detail: T): void {
  from.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true }));
}
