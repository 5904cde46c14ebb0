import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { emit } from '@turnero/web-client/emit';
import { localName, t } from '@turnero/web-client/i18n';
import { LangController } from '@turnero/web-client/lang-controller';
import type { CounterDto, MeDto, ServiceDto } from '@turnero/contract/dto';
import { baseStyles } from '../shared-styles';
import { errorBox, formStyles } from './desk-parts';

declare global {
  interface HTMLElementTagNameMap {
    'turnero-counter-picker': CounterPicker;
  }
  interface GlobalEventHandlersEventMap {
    'turnero-open-counter': CustomEvent<{ counterId: string; serviceIds: string[] }>;
  }
}

/**
 * Where the agent chooses the counter to open (their assigned one preselected, occupied
 * ones named) and, when the office lets agents choose, the services they will serve.
 * @event turnero-open-counter - detail {counterId, serviceIds}; serviceIds is empty when
 *   the services were not offered (the counter keeps its set).
 */
@customElement('turnero-counter-picker')
export class CounterPicker extends LitElement {
  /** Re-renders this element's own texts on a language switch (a parent's re-render does not reach them). */
  private readonly language = new LangController(this);
  static override styles = [
    baseStyles,
    formStyles,
    css`
      form {
        max-width: 30rem;
        width: 100%;
        margin: 0 auto;
      }
    `,
  ];

  /** The active counters and services. */
  @property({ attribute: false }) counters: CounterDto[] = [];
  @property({ attribute: false }) services: ServiceDto[] = [];
  @property({ attribute: false }) me: MeDto | null = null;
  /** The counter selected; the list's change moves it. */
  @property() counterId = '';
  /** Whether this user may choose the counter's services (supervisors always may). */
  @property({ type: Boolean }) mayChooseServices = false;
  @property({ type: Boolean }) busy = false;
  @property() error = '';

  override render() {
    const me = this.me;
    const selected = this.counters.find((c) => c.id === this.counterId);
    return html`<form class="panel" @submit=${this._submit}>
      <h2>${t('pick.title')}</h2>
      <label for="counter">${t('pick.counter')}</label>
      <select id="counter" name="counter" @change=${(e: Event) => (this.counterId = (e.target as HTMLSelectElement).value)}>
        ${this.counters.map(
          (c) => html`<option value=${c.id} ?selected=${c.id === this.counterId}>
            ${c.name}${c.id === me?.counterId ? ` (${t('pick.assigned')})` : ''}${c.agentName && c.agentId !== me?.principalId
              ? ` (${t('pick.occupied', { name: c.agentName })})`
              : ''}
          </option>`,
        )}
      </select>
      ${this.mayChooseServices && selected
        ? html`<fieldset>
            <legend>${t('pick.services')}</legend>
            ${this.services.map(
              (s) => html`<label class="choice">
                <input type="checkbox" name="service" value=${s.id} ?checked=${selected.services.some((x) => x.serviceId === s.id)} />
                ${localName(s)}
              </label>`,
            )}
          </fieldset>`
        : ''}
      ${errorBox(this.error)}
      <p><button class="primary" type="submit" ?disabled=${this.busy}>${t('pick.submit')}</button></p>
    </form>`;
  }

  private _submit(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    emit(this, 'turnero-open-counter', { counterId: String(form.get('counter') ?? ''), serviceIds: form.getAll('service').map(String) });
  }
}
