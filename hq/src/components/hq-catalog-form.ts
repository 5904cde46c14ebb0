/**
 * Adds a service to the group's catalogue (admins only). The browser checks the shapes the
 * contract asks for (code, prefix, minutes); head office checks them again and refuses a
 * code already in the catalogue.
 *
 * @event hq-catalog-add - `{ body, done(ok, problem?) }`: the view saves it and says how it went.
 */
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { CreateCatalogServiceBody } from '@turnero/contract/hq-link';
import { SERVICE_ICON_NAMES } from '@turnero/web-client/service-icons';
import { emit } from '@turnero/web-client/emit';
import { LangController } from '@turnero/web-client/lang-controller';
import { t } from '@turnero/web-client/i18n';
import { sharedStyles } from './shared-styles';
import { tableStyles } from './table-styles';

@customElement('hq-catalog-form')
export class HqCatalogForm extends LitElement {
  /** Re-renders on a language switch. */
  private readonly language = new LangController(this);

  /** The colour swatch as big as the office admin's (88x44): big enough to see and hit. */
  static override styles = [
    sharedStyles,
    tableStyles,
    css`
      input[type='color'] {
        box-sizing: border-box;
        inline-size: 88px;
        block-size: 44px;
        padding: 2px;
      }
    `,
  ];

  @state() private busy = false;
  @state() private problem = '';

  override render() {
    return html`<section class="card" aria-labelledby="catalog-add-title">
      <h2 id="catalog-add-title">${t('catalog.add')}</h2>
      <form class="fields" @submit=${this.submit}>
        <label>${t('catalog.code')}<input name="code" required maxlength="16" pattern="[A-Za-z][A-Za-z0-9_]{1,15}" title=${t('catalog.codeHint')} autocomplete="off" /></label>
        <label>${t('catalog.nameEs')}<input name="nameEs" required maxlength="80" autocomplete="off" /></label>
        <label>${t('catalog.nameEn')}<input name="nameEn" required maxlength="80" autocomplete="off" /></label>
        <label>${t('catalog.prefix')}<input name="prefix" required maxlength="3" pattern="[A-Za-z]{1,3}" size="4" autocomplete="off" /></label>
        <label>${t('catalog.target')}<input name="targetWaitMinutes" type="number" required min="1" max="480" value="15" /></label>
        <label>${t('catalog.color')}<input name="color" type="color" value="#0057b8" /></label>
        <label
          >${t('catalog.icon')}
          <select name="icon">
            ${SERVICE_ICON_NAMES.map((name) => html`<option value=${name} ?selected=${name === 'ticket'}>${name}</option>`)}
          </select>
        </label>
        <button type="submit" class="primary" ?disabled=${this.busy}>${t('catalog.addButton')}</button>
      </form>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : ''}
    </section>`;
  }

  private submit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const body: CreateCatalogServiceBody = {
      code: text('code').toUpperCase(),
      nameEs: text('nameEs'),
      nameEn: text('nameEn'),
      prefix: text('prefix').toUpperCase(),
      targetWaitMinutes: Number(text('targetWaitMinutes')),
      color: text('color'),
      icon: text('icon'),
    };
    this.busy = true;
    this.problem = '';
    emit(this, 'hq-catalog-add', {
      body,
      done: (ok: boolean, problem?: string) => {
        this.busy = false;
        this.problem = problem ?? '';
        if (ok) form.reset();
      },
    });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'hq-catalog-form': HqCatalogForm;
  }
}
