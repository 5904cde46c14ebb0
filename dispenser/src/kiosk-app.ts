/**
 * <turnero-kiosk>: the touch ticket dispenser.
 * welcome -> service tiles -> "¿Requiere atención preferencial?" -> optional ID number with
 * consent (skipped by default) -> the ticket (code, service, people ahead, estimated wait,
 * QR of the live page) -> back to welcome after a few seconds or on touch. Any screen
 * left untouched returns to welcome.
 *
 * URL: /dispenser/[?askId=1][&lang=en]#token=<kiosk device token> (the old ?token= works, with a warning)
 *
 * The ID number screen is off unless `askId=1`: nothing in the product uses the number
 * (it is only stored, then purged), and data with no use must not be collected (Ley 1581
 * de 2012, finalidad). An office that gives it a use turns it on for its kiosks.
 *
 * This element keeps the flow (screen, issue request, idle timer, live ticket); the question
 * screens and the ticket are drawn by kiosk-screens.ts.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { DeviceDto, MeDto, OfficeDto, ServiceDto, TicketDto } from '@turnero/contract/dto';
import type { SelfServiceStatus } from '@turnero/contract/self-service';
import { createApiClient, isApiError } from '@turnero/web-client/api';
import { takeDeviceToken } from '@turnero/web-client/auth';
import { getLang, localName, setLang, t } from '@turnero/web-client/i18n';
import { LangController } from '@turnero/web-client/lang-controller';
import { LiveController } from '@turnero/web-client/live-controller';
import { LiveState, type LiveChange } from '@turnero/web-client/live-state';
import { CancelledError, TicketRequest } from './issue-ticket';
import { kioskStyles } from './kiosk-styles';
import { closedDetail, consentVersion, welcomeText } from './office-texts';
import { idScreen, preferentialScreen, servicesScreen, ticketScreen } from './kiosk-screens';
import { printProblem } from './printer-notice';
import { liveTicketUrl, qrPath } from './qr';
import './check-in/check-in-screen';
import { KeyboardWedge } from './check-in/keyboard-wedge';
import './self-service/self-service-screen';

type Screen = 'welcome' | 'services' | 'preferential' | 'id' | 'issuing' | 'ticket' | 'closed' | 'error' | 'check-in' | 'self-service';

/** Untouched for this long, any screen but welcome returns to welcome. */
const IDLE_MS = 45_000;
const TICKET_SHOWN_MS = 15_000;
/** Longer when the paper did not come out: time to photograph the screen. */
const TICKET_SHOWN_PROBLEM_MS = 40_000;
/** Taps this soon after a screen change are ignored: a double tap must not answer the next question. */
const TAP_GUARD_MS = 400;

declare global {
  interface Window {
    __turneroKiosk?: TurneroKiosk;
  }
}

@customElement('turnero-kiosk')
export class TurneroKiosk extends LitElement {
  static override styles = kioskStyles;

  private readonly params = new URLSearchParams(location.search);
  private readonly askId = this.params.get('askId') === '1';
  private readonly token = takeDeviceToken('dispenser');
  private readonly api = createApiClient({ token: () => this.token });
  private readonly store = this.token ? new LiveState({ auth: { token: this.token } }) : null;
  private readonly live = this.store ? new LiveController(this, this.store, (c) => this.onLiveChange(c)) : null;
  private readonly language = new LangController(this);
  /** A booking's QR held to the scanner on the first screen checks in at once, no tap needed. */
  protected readonly scanner = new KeyboardWedge(this, (text) => void this.checkInScanned(text));

  @state() private screen: Screen = 'welcome';
  @state() private me: MeDto | null = null;
  @state() private service: ServiceDto | null = null;
  @state() private category: 'general' | 'preferential' = 'general';
  @state() private customerId = '';
  @state() private consent = false;
  @state() private retryAttempt = 0;
  @state() private ticket: TicketDto | null = null;
  @state() private errorKey = 'kiosk.error';
  /** The office's refusal when it is closed (holiday, next opening), worded on the closed screen. */
  @state() private closedDetails: unknown = null;
  /** The office offers self-service (payment coupons, duplicates) at this kiosk. */
  @state() private selfServiceOn = false;

  private request: TicketRequest | null = null;
  private screenChangedAt = 0;
  private idleTimer?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    window.__turneroKiosk = this;
    const lang = this.params.get('lang');
    if (lang === 'en' || lang === 'es') setLang(lang);
    this.addEventListener('pointerdown', this.onActivity, { capture: true });
    this.addEventListener('keydown', this.onActivity, { capture: true });
    if (this.token) void this.loadMe();
    if (this.token) void this.loadSelfService();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('pointerdown', this.onActivity, { capture: true });
    this.removeEventListener('keydown', this.onActivity, { capture: true });
    clearTimeout(this.idleTimer);
  }

  private async loadMe(): Promise<void> {
    try {
      this.me = await this.api.get<MeDto>('/me');
    } catch (e) {
      if (isApiError(e) && e.unreachable) setTimeout(() => void this.loadMe(), 5000);
    }
  }

  private async loadSelfService(): Promise<void> {
    try {
      this.selfServiceOn = (await this.api.get<SelfServiceStatus>('/self-service/settings')).enabled;
    } catch (e) {
      if (isApiError(e) && e.unreachable) setTimeout(() => void this.loadSelfService(), 5000);
    }
  }

  private get device(): DeviceDto | undefined {
    const snap = this.live?.snapshot;
    return snap && this.me ? snap.devices.find((d) => d.id === this.me!.principalId) : undefined;
  }

  /** Keeps the ticket on screen in step with the server (print result, position). */
  private onLiveChange(change: LiveChange): void {
    if (change.kind !== 'event' || !this.ticket) return;
    if (change.name === 'ticket:updated' || change.name === 'ticket:called') {
      const { ticket } = change.payload as { ticket: TicketDto };
      if (ticket.id === this.ticket.id) {
        const hadProblem = this.currentProblem !== null;
        this.ticket = { ...this.ticket, ...ticket };
        if (!hadProblem && this.currentProblem !== null && this.screen === 'ticket') this.armIdle(TICKET_SHOWN_PROBLEM_MS);
      }
    }
  }

  private get currentProblem() {
    return printProblem(this.ticket, this.device?.printerStatus);
  }

  // ---------- navigation ----------

  private go(screen: Screen): void {
    this.screen = screen;
    this.screenChangedAt = performance.now();
    if (screen === 'welcome') this.resetFlow();
    this.armIdle(screen === 'ticket' ? (this.currentProblem ? TICKET_SHOWN_PROBLEM_MS : TICKET_SHOWN_MS) : IDLE_MS);
  }

  private resetFlow(): void {
    this.request?.cancel();
    this.request = null;
    this.service = null;
    this.category = 'general';
    this.customerId = '';
    this.consent = false;
    this.retryAttempt = 0;
    this.ticket = null;
  }

  private armIdle(ms: number): void {
    clearTimeout(this.idleTimer);
    if (this.screen === 'welcome') return;
    this.idleTimer = setTimeout(() => this.go('welcome'), ms);
  }

  private async checkInScanned(text: string): Promise<void> {
    if (this.screen !== 'welcome' || !this.live?.snapshot?.office.acceptingTickets) return;
    this.go('check-in');
    await this.updateComplete;
    void this.renderRoot.querySelector('kiosk-check-in')?.submit(text);
  }

  private readonly onActivity = () => {
    if (this.screen === 'issuing') return; // a retry in progress is not idle
    if (this.screen !== 'welcome' && this.screen !== 'ticket') this.armIdle(IDLE_MS);
  };

  /** Wraps a tap handler so taps right after a screen change are ignored. */
  private tap(handler: () => void) {
    return () => {
      if (performance.now() - this.screenChangedAt < TAP_GUARD_MS) return;
      handler();
    };
  }

  // ---------- the flow ----------

  private chooseService(service: ServiceDto): void {
    this.service = service;
    this.go('preferential');
  }

  private choosePreferential(preferential: boolean): void {
    this.category = preferential ? 'preferential' : 'general';
    if (this.askId) this.go('id');
    else void this.issue(false);
  }

  private async issue(withId: boolean): Promise<void> {
    if (!this.service || this.request) return; // a request is already running: same ticket
    const body = {
      serviceId: this.service.id,
      category: this.category,
      print: true,
      ...(withId && this.live?.snapshot ? { customerId: this.customerId, consentPolicyVersion: consentVersion(this.live.snapshot.office) } : {}),
    };
    const request = new TicketRequest(this.api, body, {
      onRetry: (attempt) => {
        this.retryAttempt = attempt;
      },
    });
    this.request = request;
    this.retryAttempt = 0;
    this.go('issuing');
    try {
      const ticket = await request.send();
      if (this.request !== request) return; // cancelled meanwhile
      this.ticket = ticket;
      this.request = null;
      this.go('ticket');
    } catch (e) {
      if (e instanceof CancelledError || this.request !== request) return;
      this.request = null;
      if (isApiError(e) && e.code === 'office_closed') {
        this.closedDetails = e.details ?? null;
        this.go('closed');
        this.armIdle(10_000);
        return;
      }
      this.errorKey = isApiError(e) && e.code === 'service_inactive' ? 'kiosk.serviceInactive' : 'kiosk.error';
      this.go('error');
      this.armIdle(10_000);
    }
  }

  // ---------- rendering ----------

  override render() {
    if (!this.token) return html`<main class="center"><p class="message" role="alert">${t('kiosk.noToken')}</p></main>`;
    const snap = this.live?.snapshot ?? null;
    if (!snap) {
      const err = this.store?.lastError;
      const bad = err && /unauth|forbidden|token/i.test(err.code + err.message);
      return html`<main class="center"><p class="message" role=${bad ? 'alert' : 'status'}>${bad ? t('kiosk.badToken') : t('kiosk.loading')}</p></main>`;
    }
    return html`
      <header>
        <span class="office">${snap.office.name}</span>
        ${!this.live!.connected ? html`<span class="offline" role="status" data-testid="offline">${t('kiosk.offline')}</span>` : nothing}
        <button class="lang" lang=${this.language.other} @click=${() => this.language.toggle()}>
          ${t('kiosk.language')}
        </button>
      </header>
      <main class="screen-${this.screen}" data-screen=${this.screen}>${this.renderScreen(snap.office, snap.services)}</main>
    `;
  }

  private renderScreen(office: OfficeDto, services: ServiceDto[]) {
    switch (this.screen) {
      case 'welcome':
        return this.renderWelcome(office);
      case 'services':
        return servicesScreen(services, (h) => this.tap(h), (s) => this.chooseService(s), () => this.go('welcome'));
      case 'preferential':
        return preferentialScreen((h) => this.tap(h), (p) => this.choosePreferential(p), () => this.go('services'));
      case 'id':
        return idScreen({
          office,
          customerId: this.customerId,
          consent: this.consent,
          tap: (h) => this.tap(h),
          setCustomerId: (v) => (this.customerId = v),
          setConsent: (c) => (this.consent = c),
          issue: (withId) => void this.issue(withId),
          back: () => this.go('preferential'),
        });
      case 'issuing':
        return this.renderIssuing();
      case 'ticket':
        return this.renderTicket();
      case 'closed':
        return html`<div class="center"><p class="message" role="alert" data-testid="closed">${t('kiosk.closed')}</p>
          <p class="hint" data-testid="closed-detail">${closedDetail(this.closedDetails, office.timeZone, getLang())}</p>
          <button class="primary" @click=${this.tap(() => this.go('welcome'))}>${t('kiosk.done')}</button></div>`;
      case 'check-in':
        return html`<kiosk-check-in
          .api=${this.api}
          .timeZone=${office.timeZone}
          @kiosk-checked-in=${(e: CustomEvent<TicketDto>) => ((this.ticket = e.detail), this.go('ticket'))}
          @kiosk-walk-in=${() => this.go('services')}
          @kiosk-back=${() => this.go('welcome')}
        ></kiosk-check-in>`;
      case 'self-service':
        return html`<kiosk-self-service
          .api=${this.api}
          @kiosk-take-turn=${() => this.go('services')}
          @kiosk-back=${() => this.go('welcome')}
        ></kiosk-self-service>`;
      case 'error':
        return html`<div class="center"><p class="message" role="alert" data-testid="error">${t(this.errorKey)}</p>
          <button class="primary" @click=${this.tap(() => this.go('welcome'))}>${t('kiosk.done')}</button></div>`;
    }
  }

  private renderWelcome(office: OfficeDto) {
    const printerProblem = printProblem(null, this.device?.printerStatus);
    return html`
      <div class="center welcome">
        <h1 data-testid="welcome">${welcomeText(office, getLang())}</h1>
        ${office.acceptingTickets
          ? html`<button class="primary huge" data-testid="start" @click=${this.tap(() => this.go('services'))}>${t('kiosk.start')}</button>
              <button class="secondary" data-testid="check-in" @click=${this.tap(() => this.go('check-in'))}>${t('checkIn.start')}</button>
              ${this.selfServiceOn
                ? html`<button class="secondary" data-testid="self-service" @click=${this.tap(() => this.go('self-service'))}>${t('selfService.start')}</button>`
                : nothing}
              <p class="hint">${t('kiosk.touchToStart')}</p>`
          : html`<p class="message" role="alert" data-testid="closed">${t('kiosk.closed')}</p>`}
        ${printerProblem ? html`<p class="warning" role="status" data-testid="printer-warning">${t('kiosk.printerWarning')}</p>` : nothing}
      </div>
    `;
  }

  private renderIssuing() {
    const offline = this.retryAttempt > 0;
    return html`<div class="center">
      ${offline
        ? html`<p class="message" role="alert" data-testid="retrying">${t('kiosk.offlineRetry', { n: this.retryAttempt })}</p>
            <button class="secondary" @click=${() => this.go('welcome')}>${t('kiosk.cancel')}</button>`
        : html`<p class="message" role="status">${t('kiosk.issuing')}</p>`}
    </div>`;
  }

  private renderTicket() {
    const ticket = this.ticket!;
    const qr = qrPath(liveTicketUrl(this.live?.snapshot?.liveTicketUrlBase, location.origin, ticket.id));
    const serviceName = this.service ? localName(this.service) : ticket.serviceName;
    return ticketScreen(ticket, serviceName, this.currentProblem, qr, this.tap(() => this.go('welcome')));
  }
}
