/**
 * A disclosure button ("Columnas") that opens a group of checkboxes, one per column a table
 * may show. It owns no storage: the view keeps the choice and remembers it.
 *
 * @event hq-columns-change - `{ chosen: string[] }` the keys ticked, in the columns' order.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { emit } from '@turnero/web-client/emit';
import { LangController } from '@turnero/web-client/lang-controller';
import { t } from '@turnero/web-client/i18n';
import type { Column } from './hq-figures-table';
import { sharedStyles } from './shared-styles';
import './hq-compare-columns-messages';

@customElement('hq-column-chooser')
export class HqColumnChooser extends LitElement {
  /** Re-renders on a language switch. */
  private readonly language = new LangController(this);

  static override styles = [
    sharedStyles,
    css`
      fieldset {
        margin: 0.5rem 0 0;
        border: 1px solid var(--hq-border, #c9d0da);
        border-radius: 0.4rem;
        padding: 0.5rem 0.75rem 0.75rem;
      }
      legend {
        font-weight: 600;
        padding: 0 0.25rem;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
        gap: 0.25rem 1rem;
      }
      label {
        display: inline-flex;
        gap: 0.4rem;
        align-items: center;
        min-height: 2rem;
      }
      input {
        min-height: auto;
      }
      .reset {
        margin-top: 0.5rem;
      }
    `,
  ];

  /** Every column that may be shown or hidden, in table order. */
  @property({ attribute: false }) columns: Column[] = [];
  @property({ attribute: false }) chosen: readonly string[] = [];
  /** What "default columns" goes back to. */
  @property({ attribute: false }) defaults: readonly string[] = [];

  @state() private open = false;

  override render() {
    return html`<button type="button" data-action="columns" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="column-choices" @click=${() => (this.open = !this.open)}>
        ${t('cols.button')}
      </button>
      ${this.open
        ? html`<fieldset id="column-choices">
            <legend>${t('cols.legend')}</legend>
            <ul>
              ${this.columns.map(
                (c) => html`<li>
                  <label
                    ><input type="checkbox" data-column=${c.key} .checked=${this.chosen.includes(c.key)} @change=${(e: Event) => this.toggle(c.key, (e.target as HTMLInputElement).checked)} />
                    ${t(c.label)}</label
                  >
                </li>`,
              )}
            </ul>
            <button type="button" class="reset" @click=${() => this.change([...this.defaults])}>${t('cols.reset')}</button>
          </fieldset>`
        : nothing}`;
  }

  private toggle(key: string, checked: boolean): void {
    const next = new Set(this.chosen);
    if (checked) next.add(key);
    else next.delete(key);
    this.change(this.columns.map((c) => c.key).filter((k) => next.has(k)));
  }

  private change(chosen: string[]): void {
    this.chosen = chosen;
    emit(this, 'hq-columns-change', { chosen });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hq-column-chooser': HqColumnChooser;
  }
}
