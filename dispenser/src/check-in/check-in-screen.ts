/**
 * <kiosk-check-in>: the kiosk's "Tengo cita" screen. A customer with a booking checks in
 * by holding its QR to a handheld scanner (keystrokes ending in Enter, heard anywhere on
 * the screen), by showing it to the kiosk's camera (asked for only when they pick it), or
 * by typing the booking code or their ID number on the large keypad. The office answers
 * POST /api/v1/check-in with a ticket like any issued one (sent the same way: one
 * Idempotency-Key, retried while the office is unreachable), which the kiosk then shows.
 *
 * Rendered in the kiosk's own shadow root (no shadow of its own): the kiosk's styles
 * (buttons, keypad, messages) apply as on every other screen.
 *
 * @event kiosk-checked-in - detail: the booking's TicketDto.
 * @event kiosk-walk-in - the customer takes a regular ticket instead (too late, or by choice).
 * @event kiosk-back - back to the first screen.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { TicketDto } from '@turnero/contract/dto';
import { isApiError, type ApiClient } from '@turnero/web-client/api';
import { t } from '@turnero/web-client/i18n';
import { LangController } from '@turnero/web-client/lang-controller';
import { CancelledError, TicketRequest } from '../issue-ticket';
import { CameraScanner } from './camera-scanner';
import { checkInStyles } from './check-in-styles';
import { KeyboardWedge } from './keyboard-wedge';
import { isRefusal, refusalDetails, refusalText } from './refusal';
import './messages';

type Mode = 'type' | 'camera' | 'sending' | 'refused';

const KEYS = [...'1234567890ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
/** A typed booking code or ID number; a scanned token is longer and carries dots. */
const TYPED_MAX = 20;

@customElement('kiosk-check-in')
export class KioskCheckIn extends LitElement {
  @property({ attribute: false }) api!: Pick<ApiClient, 'post'>;
  /** The office's zone: the times in a refusal are the office's. */
  @property() timeZone = 'America/Bogota';

  @state() private code = '';
  @state() private mode: Mode = 'type';
  @state() private message = '';
  @state() private offerWalkIn = false;
  @state() private retryAttempt = 0;
  @query('video') private video?: HTMLVideoElement;

  private request: TicketRequest | null = null;
  private readonly camera = new CameraScanner();
  protected readonly wedge = new KeyboardWedge(this, (text) => void this.submit(text));
  /** Its own: the kiosk's switch re-renders the kiosk, not this element's texts. */
  protected readonly language = new LangController(this);

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const root = this.getRootNode();
    const sheet = checkInStyles.styleSheet;
    if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.camera.stop();
    this.request?.cancel();
    this.request = null;
  }

  private emit(name: 'kiosk-checked-in' | 'kiosk-walk-in' | 'kiosk-back', detail?: TicketDto): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private typeKey(key: string): void {
    if (key === 'del') this.code = this.code.slice(0, -1);
    else if (this.code.length < TYPED_MAX) this.code += key;
  }

  private async startCamera(): Promise<void> {
    this.mode = 'camera';
    this.message = '';
    await this.updateComplete;
    if (!this.video) return;
    const problem = await this.camera.start(this.video, (text) => void this.submit(text));
    if (problem && this.mode === 'camera') {
      this.mode = 'type';
      this.message = t(problem === 'denied' ? 'checkIn.cameraDenied' : 'checkIn.cameraUnavailable');
    }
  }

  private stopCamera(): void {
    this.camera.stop();
    this.mode = 'type';
  }

  /** Sends a code (typed, scanned or read by the camera); a second one while the first is answered is ignored. */
  async submit(raw: string): Promise<void> {
    if (this.request) return;
    const text = raw.trim();
    // Typed codes are case-free; a signed token (with dots) is sent exactly as read.
    const code = text.includes('.') ? text : text.toUpperCase();
    if (code.length < 4) return;
    this.camera.stop();
    const request = new TicketRequest(this.api, { code }, { path: '/check-in', onRetry: (attempt) => (this.retryAttempt = attempt) });
    this.request = request;
    this.retryAttempt = 0;
    this.mode = 'sending';
    this.message = '';
    this.offerWalkIn = false;
    try {
      const ticket = await request.send();
      if (this.request !== request) return;
      this.request = null;
      this.code = '';
      this.emit('kiosk-checked-in', ticket);
    } catch (e) {
      if (e instanceof CancelledError || this.request !== request) return;
      this.request = null;
      this.mode = 'refused';
      const refusal = isApiError(e) && isRefusal(e.code) ? e.code : null;
      this.message = refusal ? refusalText(refusal, refusalDetails(isApiError(e) ? e.details : null, code), this.timeZone) : t('checkIn.error');
      this.offerWalkIn = refusal === 'too_late';
    }
  }

  private retry(): void {
    this.mode = 'type';
    this.message = '';
    this.code = '';
  }

  override render() {
    return html`<h1>${t('checkIn.title')}</h1>
      ${this.renderMode()}`;
  }

  private renderMode() {
    switch (this.mode) {
      case 'sending':
        return html`<div class="center">
          ${this.retryAttempt > 0
            ? html`<p class="message" role="alert" data-testid="check-in-retrying">${t('kiosk.offlineRetry', { n: this.retryAttempt })}</p>`
            : html`<p class="message" role="status">${t('checkIn.sending')}</p>`}
        </div>`;
      case 'refused':
        return html`<div class="center">
          <p class="message" role="alert" data-testid="check-in-refusal">${this.message}</p>
          <div class="row">
            ${this.offerWalkIn
              ? html`<button class="primary" data-testid="walk-in" @click=${() => this.emit('kiosk-walk-in')}>${t('checkIn.walkIn')}</button>`
              : html`<button class="primary" data-testid="check-in-retry" @click=${() => this.retry()}>${t('checkIn.tryAgain')}</button>`}
            <button class="secondary" @click=${() => this.emit('kiosk-back')}>${t('kiosk.back')}</button>
          </div>
        </div>`;
      case 'camera':
        return html`<p class="hint">${t('checkIn.cameraHint')}</p>
          <video class="camera" data-testid="camera" playsinline muted aria-label=${t('checkIn.cameraLabel')}></video>
          <button class="secondary" data-testid="camera-stop" @click=${() => this.stopCamera()}>${t('kiosk.cancel')}</button>`;
      case 'type':
        return this.renderKeypad();
    }
  }

  private renderKeypad() {
    return html`<p class="hint">${t('checkIn.hint')}</p>
      ${this.message ? html`<p class="warning" role="alert">${this.message}</p>` : nothing}
      <form class="check-in-form" @submit=${(e: Event) => (e.preventDefault(), void this.submit(this.code))}>
        <label class="id-field">
          <span>${t('checkIn.codeLabel')}</span>
          <input
            data-testid="check-in-code"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            maxlength="600"
            .value=${this.code}
            @input=${(e: Event) => (this.code = (e.target as HTMLInputElement).value)}
          />
        </label>
        <div class="keypad alpha">
          ${KEYS.map((k) => html`<button type="button" class="key" @click=${() => this.typeKey(k)}>${k}</button>`)}
          <button type="button" class="key wide" aria-label=${t('kiosk.delete')} @click=${() => this.typeKey('del')}>⌫</button>
        </div>
        <div class="row">
          <button type="button" class="secondary" @click=${() => this.emit('kiosk-back')}>${t('kiosk.back')}</button>
          <button type="button" class="secondary" data-testid="check-in-camera" @click=${() => void this.startCamera()}>${t('checkIn.camera')}</button>
          <button type="submit" class="primary" data-testid="check-in-submit" ?disabled=${this.code.trim().length < 4}>${t('checkIn.confirm')}</button>
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-check-in': KioskCheckIn;
  }
}
