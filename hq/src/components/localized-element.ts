/** Base class: re-renders when the language changes, so every text follows the switch. */
import { LitElement } from 'lit';
import { onLangChange } from '@turnero/web-client/i18n';

export class LocalizedElement extends LitElement {
  private stopListening?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopListening = onLangChange(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    this.stopListening?.();
    super.disconnectedCallback();
  }

  /** Dispatches a typed, bubbling, composed event (crosses shadow roots). */
  protected emit<T>(name: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true }));
  }
}
