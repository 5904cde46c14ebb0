/** Small pieces the desk's child elements share: the error line, answering the desk, form styles. */
import { css, html } from 'lit';

/** The desk's error line; `desk-error` is what the end-to-end tests read. */
export function errorBox(text: string) {
  return text ? html`<p class="error" role="alert" data-testid="desk-error">${text}</p>` : '';
}

/** Dispatches a dialog's or picker's answer to the desk. */
export function answer<T>(from: HTMLElement, name: string, detail: T): void {
  from.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true }));
}

export const formStyles = css`
  :host {
    display: block;
  }
  fieldset {
    border: 1px solid var(--c-border);
    border-radius: 6px;
  }
  label.choice {
    font-weight: 400;
  }
  form.dialog {
    margin-top: 0.75rem;
  }
`;
