/** Small pieces the desk's child elements share: the error line, the dialog buttons and form styles. */
import { css, html } from 'lit';
import { t } from '@turnero/web-client/i18n';

declare global {
  interface GlobalEventHandlersEventMap {
    'turnero-dialog-cancel': CustomEvent<void>;
  }
}

/** The desk's error line; `desk-error` is what the end-to-end tests read. */
export function errorBox(text: string) {
  return text ? html`<p class="error" role="alert" data-testid="desk-error">${text}</p>` : '';
}

/** Confirm (submits the dialog's form) and cancel (asks the desk to close the dialog). */
export function dialogButtons(dialog: HTMLElement, busy: boolean) {
  const cancel = () => dialog.dispatchEvent(new CustomEvent('turnero-dialog-cancel', { bubbles: true, composed: true }));
  return html`<p class="row">
    <button class="primary" type="submit" ?disabled=${busy}>${t('common.confirm')}</button>
    <button type="button" @click=${cancel}>${t('common.cancel')}</button>
  </p>`;
}

/** Dispatches a dialog's or picker's answer to the desk. */
export function answer<T>(from: HTMLElement, name: string, detail: T): void {
  from.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true }));
}

/** Focuses a dialog's first field when it opens, so the keyboard goes on where the shortcut left it. */
export function focusFirstField(root: ParentNode): void {
  root.querySelector<HTMLElement>('select, input')?.focus();
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
