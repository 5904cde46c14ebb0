/**
 * One office's central configuration: its link now, the version published for it and the
 * one it runs (or refused, with its reason), the services it offers from the catalogue and
 * the settings head office owns there.
 * An admin publishes a new choice at once; the page follows the office until it applies it.
 *
 * @event hq-unauthenticated - the token was refused.
 * @event hq-config-close - back to the network view.
 */
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { CatalogService, ConfigSettings, HqLinkStatus, OfficeConfigResponse, PutOfficeServicesBody } from '@turnero/contract/hq-link';
import { emit } from '@turnero/web-client/emit';
import { LangController } from '@turnero/web-client/lang-controller';
import { t } from '@turnero/web-client/i18n';
import type { HqApi } from '../api/hq-api';
import { isoDay } from '../lib/dates';
import { formatAgo } from '../lib/figures';
import { editableSettings } from '../lib/office-settings';
import type { LinkRow } from '../lib/link-status';
import { failureText, PollController } from '../lib/poll-controller';
import { configCell, linkBadge } from './hq-link-cells';
import { sharedStyles } from './shared-styles';
import { tableStyles } from './table-styles';
import './hq-office-services-form';
import './hq-office-settings-form';

/** A person waiting for "applied" should not wait the 15 s of the network view. */
const FOLLOW_MS = 3_000;

interface OfficeState {
  config: OfficeConfigResponse;
  row: LinkRow | null;
}

@customElement('hq-office-config')
export class HqOfficeConfig extends LitElement {
  /** Re-renders on a language switch. */
  private readonly language = new LangController(this);

  static override styles = [sharedStyles, tableStyles];

  @property({ attribute: false }) api!: HqApi;
  @property() officeCode = '';
  @property({ type: Boolean }) canWrite = false;
  @property({ attribute: false }) clock: () => Date = () => new Date();

  @state() private catalog: CatalogService[] = [];
  @state() private busy = false;
  @state() private notice = '';
  @state() private problem = '';

  private readonly office = new PollController<OfficeState>(this, {
    load: async () => {
      const [config, rows] = await Promise.all([this.api.officeConfig(this.officeCode), this.api.officeLinks()]);
      return { config, row: rows.find((r) => r.officeCode === this.officeCode) ?? null };
    },
    everyMs: () => FOLLOW_MS,
    clock: () => this.clock(),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.api.catalog().then(
      (c) => (this.catalog = c),
      (e) => this.fail(e),
    );
  }

  /** The link as head office sees it, with the versions of the config just read (fresher than the list). */
  private link({ config, row }: OfficeState): HqLinkStatus {
    return {
      connected: row?.link?.connected ?? false,
      lastSeenAt: row?.link?.lastSeenAt ?? null,
      appliedSeq: row?.link?.appliedSeq ?? 0,
      currentVersion: config.version,
      appliedVersion: config.appliedVersion,
      refused: config.refused,
    };
  }

  override render() {
    const { value, error } = this.office;
    const name = value?.row?.officeName ?? this.officeCode;
    return html`<section class="card" aria-labelledby="config-title">
      <div class="toolbar">
        <h2 id="config-title">${t('config.title', { office: name })}</h2>
        <button type="button" @click=${() => emit(this, 'hq-config-close', {})}>${t('config.back')}</button>
      </div>
      ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
      ${this.notice ? html`<p class="notice" role="status" data-testid="published">${this.notice}</p>` : ''}
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : ''}
      ${value ? this.status(value) : html`<p class="muted" role="status">${t('app.loading')}</p>`}
      ${value ? this.editors(value) : ''}
    </section>`;
  }

  /** A new version gets fresh forms (what head office now holds, not what was typed); polls keep the typing. */
  private editors(state: OfficeState) {
    const { config } = state;
    return keyed(
      config.version,
      html`${this.catalog.length > 0
          ? html`<hq-office-services-form
              .catalog=${this.catalog}
              .offered=${config.services}
              ?canWrite=${this.canWrite}
              ?busy=${this.busy}
              @hq-publish=${(e: CustomEvent<{ body: PutOfficeServicesBody }>) =>
                this.publish(() => this.api.putOfficeServices(this.officeCode, e.detail.body))}
            ></hq-office-services-form>`
          : html`<p class="muted">${t('catalog.empty')}</p>`}
        <hq-office-settings-form
          .settings=${editableSettings(config)}
          .published=${config.settings}
          today=${isoDay(this.clock())}
          ?canWrite=${this.canWrite}
          ?busy=${this.busy}
          @hq-publish-settings=${(e: CustomEvent<{ settings: ConfigSettings }>) =>
            this.publish(() => this.api.putOfficeSettings(this.officeCode, e.detail.settings))}
        ></hq-office-settings-form>`,
    );
  }

  private status(state: OfficeState) {
    const link = this.link(state);
    const known = Boolean(state.row?.link);
    return html`<dl class="status" data-testid="office-link">
      <dt>${t('net.link')}</dt>
      <dd>${linkBadge(known ? link : null)} ${known ? html`<span class="muted">${t('net.lastSeen')}: ${formatAgo(link.lastSeenAt, this.clock())}</span>` : ''}</dd>
      <dt>${t('net.config')}</dt>
      <dd data-testid="office-config-state">${configCell(link)}</dd>
    </dl>`;
  }

  /** Publishes a change (services or settings) as a new version, then follows the office. */
  private async publish(put: () => Promise<{ version: number }>): Promise<void> {
    this.busy = true;
    this.problem = '';
    this.notice = '';
    try {
      const { version } = await put();
      // Read the state first, so the page never says "published" beside the old version's status.
      await this.office.refresh();
      this.notice = t('config.published', { version });
    } catch (e) {
      this.fail(e);
    } finally {
      this.busy = false;
    }
  }

  private fail(e: unknown): void {
    this.problem = failureText(this, e);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hq-office-config': HqOfficeConfig;
  }
}
