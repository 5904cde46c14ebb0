/**
 * Keeps a view's data fresh on the dashboard's live cadence: loads when the view connects,
 * again every `everyMs`, stops when it disconnects. A failed load keeps the last data and
 * says it is stale; a refused token stops the polling and tells the app to sign in again.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isApiError } from '@turnero/web-client/api';
import { emit } from '@turnero/web-client/emit';
import { getLocale, t } from '@turnero/web-client/i18n';

/** How often the live views (all offices now, the network) ask head office again. */
export const LIVE_REFRESH_MS = 15_000;

/**
 * What a failed request means to the person: a refused token tells the app to sign in again
 * (and says nothing here); anything else is a message to show.
 */
export function failureText(host: EventTarget, e: unknown): string {
  if (isApiError(e) && e.status === 401) {
    emit(host, 'hq-unauthenticated', {});
    return '';
  }
  return t('app.error', { message: e instanceof Error ? e.message : String(e) });
}

export interface PollOptions<T> {
  load: () => Promise<T>;
  everyMs?: () => number;
  /** Injected clock: when the data was last fresh. */
  clock?: () => Date;
}

export class PollController<T> implements ReactiveController {
  value: T | null = null;
  error = '';
  updatedAt: Date | null = null;
  loaded = false;
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: PollOptions<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.everyMs?.() ?? LIVE_REFRESH_MS);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    try {
      this.value = await this.options.load();
      this.updatedAt = this.options.clock?.() ?? new Date();
      this.error = '';
    } catch (e) {
      if (isApiError(e) && e.status === 401) clearInterval(this.timer);
      // Keep showing the last data; say that it is stale.
      this.error = failureText(this.host, e);
    } finally {
      this.loaded = true;
      this.host.requestUpdate();
    }
  }

  /** "Actualizado 10:42:05" once loaded, "Cargando…" before. */
  statusText(): string {
    return this.updatedAt ? t('live.updated', { time: new Intl.DateTimeFormat(getLocale(), { timeStyle: 'medium' }).format(this.updatedAt) }) : t('app.loading');
  }
}
