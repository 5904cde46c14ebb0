/**
 * <kiosk-self-service>: the kiosk's "Autogestión" screen. The customer types the account
 * number (NIU) on the large keypad or passes a previous bill under the handheld scanner
 * (keystrokes ending in Enter, heard anywhere on the screen); sees what is owed with the
 * holder's name masked; picks the full payment, the allowed partial payment or a duplicate
 * invoice; and gets the paper from the kiosk's printer. The coupon's barcode is shown on
 * screen too (a phone photo pays if the paper runs out). When billing cannot be reached
 * the screen says so and offers a turn.
 *
 * Rendered in the kiosk's own shadow root (no shadow of its own): the kiosk's styles
 * (buttons, keypad, messages) apply as on every other screen.
 *
 * @event kiosk-take-turn - the customer takes a regular ticket instead.
 * @event kiosk-back - back to the first screen.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import { formatAmount, type AccountSummary, type CouponIssued, type CouponKind } from '@turnero/contract/self-service';
import { isApiError, type ApiClient } from '@turnero/web-client/api';
import { t } from '@turnero/web-client/i18n';
import { LangController } from '@turnero/web-client/lang-controller';
import { KeyboardWedge } from '../check-in/keyboard-wedge';
import { accountFromScan } from './scanned-account';
import { selfServiceStyles } from './self-service-styles';
import './messages';

type Mode = 'type' | 'busy' | 'account' | 'done' | 'problem';

const KEYS = [...'1234567890'];
const MAX_TYPED = 40;

@customElement('kiosk-self-service')
export class KioskSelfService extends LitElement {
  /** Re-renders this element's own texts on a language switch (a parent's re-render does not reach them). */
  private readonly language = new LangController(this);
  @property({ attribute: false }) api!: Pick<ApiClient, 'post'>;

  @state() private typed = '';
  @state() private mode: Mode = 'type';
  @state() private busyText = '';
  @state() private summary: AccountSummary | null = null;
  @state() private coupon: CouponIssued | null = null;
  @state() private doneText = '';
  @state() private problem = '';
  /** The billing system is unreachable: offer a turn first. */
  @state() private offerTurn = false;

  protected readonly wedge = new KeyboardWedge(this, (text) => void this.lookup(accountFromScan(text)));

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const root = this.getRootNode();
    const sheet = selfServiceStyles.styleSheet;
    if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  private emit(name: 'kiosk-take-turn' | 'kiosk-back'): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }

  private typeKey(key: string): void {
    if (key === 'del') this.typed = this.typed.slice(0, -1);
    else if (this.typed.length < MAX_TYPED) this.typed += key;
  }

  private fail(e: unknown): void {
    const code = isApiError(e) ? e.code : '';
    this.offerTurn = code === 'billing_unreachable' || (isApiError(e) && e.unreachable === true);
    this.problem = t(
      code === 'account_not_found' ? 'selfService.notFound' : this.offerTurn ? 'selfService.unreachable' : code === 'conflict' ? 'selfService.noPartial' : 'selfService.error',
    );
    this.mode = 'problem';
  }

  async lookup(account: string): Promise<void> {
    if (this.mode === 'busy' || account.length < 4) return;
    this.mode = 'busy';
    this.busyText = t('selfService.looking');
    try {
      this.summary = await this.api.post<AccountSummary>('/self-service/lookup', { account });
      this.typed = '';
      this.mode = 'account';
    } catch (e) {
      this.fail(e);
    }
  }

  private async print(kind: CouponKind | 'duplicate'): Promise<void> {
    if (!this.summary || this.mode === 'busy') return;
    const account = this.summary.account;
    this.mode = 'busy';
    this.busyText = t('selfService.printing');
    try {
      if (kind === 'duplicate') {
        const r = await this.api.post<{ printState?: string }>('/self-service/duplicates', { account });
        this.coupon = null;
        this.doneText = t(r.printState === 'no_printer' ? 'selfService.error' : 'selfService.duplicateReady');
      } else {
        this.coupon = await this.api.post<CouponIssued>('/self-service/coupons', { account, kind });
        this.doneText = t(this.coupon.printState === 'no_printer' ? 'selfService.noPrinter' : 'selfService.couponReady');
      }
      this.mode = 'done';
    } catch (e) {
      this.fail(e);
    }
  }

  private restart(): void {
    this.mode = 'type';
    this.summary = null;
    this.coupon = null;
    this.problem = '';
  }

  override render() {
    return html`<h1>${t('selfService.title')}</h1>
      ${this.renderMode()}`;
  }

  private renderMode() {
    switch (this.mode) {
      case 'busy':
        return html`<div class="center"><p class="message" role="status">${this.busyText}</p></div>`;
      case 'problem':
        return html`<div class="center">
          <p class="message" role="alert" data-testid="self-service-problem">${this.problem}</p>
          <div class="row">
            ${this.offerTurn
              ? html`<button class="primary" data-testid="self-service-take-turn" @click=${() => this.emit('kiosk-take-turn')}>${t('selfService.takeTurn')}</button>`
              : html`<button class="primary" data-testid="self-service-retry" @click=${() => this.restart()}>${t('selfService.tryAgain')}</button>`}
            <button class="secondary" @click=${() => this.emit('kiosk-back')}>${t('kiosk.back')}</button>
          </div>
        </div>`;
      case 'account':
        return this.renderAccount(this.summary!);
      case 'done':
        return this.renderDone();
      case 'type':
        return this.renderKeypad();
    }
  }

  private renderKeypad() {
    return html`<p class="hint">${t('selfService.hint')}</p>
      <form class="check-in-form" @submit=${(e: Event) => (e.preventDefault(), void this.lookup(accountFromScan(this.typed)))}>
        <label class="id-field">
          <span>${t('selfService.accountLabel')}</span>
          <input
            data-testid="self-service-account"
            inputmode="numeric"
            autocomplete="off"
            spellcheck="false"
            maxlength=${MAX_TYPED}
            .value=${this.typed}
            @input=${(e: Event) => (this.typed = (e.target as HTMLInputElement).value.replace(/[^0-9A-Za-z-]/g, ''))}
          />
        </label>
        <div class="keypad">
          ${KEYS.map((k) => html`<button type="button" class="key" @click=${() => this.typeKey(k)}>${k}</button>`)}
          <button type="button" class="key" aria-label=${t('kiosk.delete')} @click=${() => this.typeKey('del')}>⌫</button>
        </div>
        <div class="row">
          <button type="button" class="secondary" @click=${() => this.emit('kiosk-back')}>${t('kiosk.back')}</button>
          <button type="submit" class="primary" data-testid="self-service-lookup" ?disabled=${this.typed.length < 4}>${t('selfService.lookup')}</button>
        </div>
      </form>`;
  }

  private renderAccount(a: AccountSummary) {
    const money = (n: number) => formatAmount(n, a.currency ?? 'COP');
    return html`
      <dl class="account-card" data-testid="self-service-summary">
        <dt>${t('selfService.holder')}</dt><dd data-testid="holder">${a.holderMasked}</dd>
        <dt>${t('selfService.account')}</dt><dd>${a.account}</dd>
        <dt>${t('selfService.period')}</dt><dd>${a.period}</dd>
        <dt>${t('selfService.dueDate')}</dt><dd>${a.dueDate}</dd>
      </dl>
      <p class="hint">${t('selfService.amountDue')}</p>
      <p class="amount" data-testid="amount-due">${money(a.amountDue)}</p>
      <div class="choices">
        <button class="primary wide" data-testid="pay-full" @click=${() => void this.print('full')}>
          ${t('selfService.payFull', { amount: money(a.amountDue) })}
        </button>
        ${a.partialAllowed && a.partialAmount
          ? html`<button class="secondary" data-testid="pay-partial" @click=${() => void this.print('partial')}>
              ${t('selfService.payPartial', { amount: money(a.partialAmount) })}
            </button>`
          : nothing}
        <button class="secondary" data-testid="duplicate" @click=${() => void this.print('duplicate')}>${t('selfService.duplicate')}</button>
      </div>
      <button class="secondary back" @click=${() => this.emit('kiosk-back')}>${t('kiosk.back')}</button>
    `;
  }

  private renderDone() {
    const c = this.coupon;
    return html`<div class="center">
      <p class="message" role="status" data-testid="self-service-done">${this.doneText}</p>
      ${c?.barcodeSvg
        ? html`<figure class="barcode">
            <div role="img" aria-label=${t('selfService.barcodeLabel')} data-testid="coupon-barcode">${unsafeSVG(c.barcodeSvg)}</div>
            <figcaption data-testid="coupon-gs1">${c.gs1}</figcaption>
          </figure>
          <p class="hint">${t('selfService.photoHint')}</p>`
        : nothing}
      <button class="primary" data-testid="self-service-finish" @click=${() => this.emit('kiosk-back')}>${t('kiosk.done')}</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-self-service': KioskSelfService;
  }
}
