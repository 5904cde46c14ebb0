import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { emit } from '@turnero/web-client/emit';
import { localName, t } from '@turnero/web-client/i18n';
import type { CounterDto, ServiceDto } from '@turnero/contract/dto';
import type { TransferTarget } from './desk-commands';
import { DeskDialog } from './desk-dialog';

export type TransferMode = 'service' | 'counter';

declare global {
  interface HTMLElementTagNameMap {
    'turnero-transfer-dialog': TransferDialog;
  }
  interface GlobalEventHandlersEventMap {
    'turnero-transfer': CustomEvent<TransferTarget>;
    'turnero-transfer-mode': CustomEvent<{ mode: TransferMode }>;
  }
}

/**
 * Transfers the current ticket to another service or to a counter; the customer keeps
 * their place. The desk keeps the chosen mode for the next transfer.
 * @event turnero-transfer - detail {toServiceId} or {toCounterId}: confirmed.
 * @event turnero-transfer-mode - detail {mode}: the agent switched between service and counter.
 * @event turnero-dialog-cancel - closed without transferring.
 */
@customElement('turnero-transfer-dialog')
export class TransferDialog extends DeskDialog {
  @property() code = '';
  @property() mode: TransferMode = 'service';
  /** The targets: active services, and the other active counters. */
  @property({ attribute: false }) services: ServiceDto[] = [];
  @property({ attribute: false }) counters: CounterDto[] = [];

  override render() {
    return html`<form class="dialog panel" @submit=${this._submit} aria-labelledby="dlg-title">
      <h3 id="dlg-title">${t('transfer.title', { code: this.code })}</h3>
      <fieldset class="row">
        <legend class="sr-only">${t('transfer.target')}</legend>
        ${this._modeChoice('service', t('transfer.toService'))} ${this._modeChoice('counter', t('transfer.toCounter'))}
      </fieldset>
      <label for="target">${t('transfer.target')}</label>
      <select id="target" name="target">
        ${this.mode === 'service'
          ? this.services.map((s) => html`<option value=${s.id}>${localName(s)}</option>`)
          : this.counters.map((c) => html`<option value=${c.id}>${c.name}${c.agentName ? ` · ${c.agentName}` : ''}</option>`)}
      </select>
      <p class="muted">${t('transfer.keepsPlace')}</p>
      ${this.buttons()}
    </form>`;
  }

  private _modeChoice(mode: TransferMode, label: string) {
    const choose = () => {
      this.mode = mode;
      emit(this, 'turnero-transfer-mode', { mode });
    };
    return html`<label class="choice"><input type="radio" name="mode" value=${mode} ?checked=${this.mode === mode} @change=${choose} /> ${label}</label>`;
  }

  private _submit(e: SubmitEvent) {
    e.preventDefault();
    const target = String(new FormData(e.target as HTMLFormElement).get('target') ?? '');
    emit<TransferTarget>(this, 'turnero-transfer', this.mode === 'service' ? { toServiceId: target } : { toCounterId: target });
  }
}
