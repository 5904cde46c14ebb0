import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { emit } from '@turnero/web-client/emit';
import { DeskDialog } from './desk-dialog';

declare global {
  interface HTMLElementTagNameMap {
    'turnero-choice-dialog': ChoiceDialog;
  }
  interface GlobalEventHandlersEventMap {
    'turnero-choice': CustomEvent<{ value: string }>;
  }
}

export interface Choice {
  value: string;
  label: string;
}

/**
 * A dialog that asks for one choice from a list: the outcome when finishing, the reason
 * when pausing. The select's id is its `name` (#outcome, #reason).
 * @event turnero-choice - detail {value}: confirmed.
 * @event turnero-dialog-cancel - closed without a choice.
 */
@customElement('turnero-choice-dialog')
export class ChoiceDialog extends DeskDialog {
  @property() heading = '';
  @property() label = '';
  @property() name = '';
  @property({ attribute: false }) choices: Choice[] = [];

  override render() {
    return html`<form class="dialog panel" @submit=${this._submit} aria-labelledby="dlg-title">
      <h3 id="dlg-title">${this.heading}</h3>
      <label for=${this.name}>${this.label}</label>
      <select id=${this.name} name=${this.name}>
        ${this.choices.map((c) => html`<option value=${c.value}>${c.label}</option>`)}
      </select>
      ${this.buttons()}
    </form>`;
  }

  private _submit(e: SubmitEvent) {
    e.preventDefault();
    const value = String(new FormData(e.target as HTMLFormElement).get(this.name) ?? 'other');
    emit(this, 'turnero-choice', { value });
  }
}
