import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { emit } from '@turnero/web-client/emit';
import { t } from '@turnero/web-client/i18n';
import { LangController } from '@turnero/web-client/lang-controller';
import { baseStyles } from '../shared-styles';
import { formStyles } from './desk-parts';

declare global {
  interface GlobalEventHandlersEventMap {
    'turnero-dialog-cancel': CustomEvent<void>;
  }
}

/**
 * What the desk's dialogs share: the form styles, the first field focused on opening (the
 * keyboard goes on where the shortcut left it), and the confirm/cancel buttons.
 * @event turnero-dialog-cancel - closed without an answer.
 */
export class DeskDialog extends LitElement {
  /** Re-renders this element's own texts on a language switch (a parent's re-render does not reach them). */
  private readonly language = new LangController(this);
  static override styles = [baseStyles, formStyles];

  /** A command is running: confirming waits. */
  @property({ type: Boolean }) busy = false;

  protected override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('select, input')?.focus();
  }

  /** Confirm submits the dialog's form; cancel asks the desk to close it. */
  protected buttons() {
    return html`<p class="row">
      <button class="primary" type="submit" ?disabled=${this.busy}>${t('common.confirm')}</button>
      <button type="button" @click=${() => emit(this, 'turnero-dialog-cancel')}>${t('common.cancel')}</button>
    </p>`;
  }
}
