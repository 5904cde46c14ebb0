/** Small pieces the desk's child elements share: the error line and form styles. */
import { css, html } from 'lit';

/** The desk's error line; `desk-error` is what the end-to-end tests read. */
export function errorBox(text: string) {
  return text ? html`<p class="error" role="alert" data-testid="desk-error">${text}</p>` : '';
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
