/**
 * What the link's bench and tests ask head office through its admin API: sign in, register
 * many offices (each one's office-sync token is what its simulated link dials with), give
 * them catalogue services, publish, and read back each office's link and configuration.
 */
import type { HqLinkStatus } from '@turnero/contract/hq-link';
import { api } from '../../tests/hq/helpers';
import { waitUntil } from '../../tests/printing/support';
import type { SimLinkSpec } from './protocol';
import { BENCH_ADMIN } from './hq-process';

/** Requests in flight at once while setting up: enough to keep head office's pool busy. */
const SETUP_CONCURRENCY = 8;

export async function inParallel<T, R>(items: T[], width: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return out;
}

async function expectOk(what: string, p: ReturnType<typeof api>): Promise<any> {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text.slice(0, 300)}`);
  return r.body;
}

export class HqAdmin {
  private constructor(
    readonly url: string,
    readonly token: string,
  ) {}

  static async signIn(url: string, who = BENCH_ADMIN): Promise<HqAdmin> {
    const body = await expectOk('login', api(url, 'POST', '/api/v1/auth/login', { body: who }));
    return new HqAdmin(url, body.token);
  }

  /** Another head-office process of the same group: same database, same admin token. */
  on(url: string): HqAdmin {
    return new HqAdmin(url, this.token);
  }

  call(method: string, path: string, body?: unknown) {
    return api(this.url, method, path, { token: this.token, body });
  }

  /** Registers `count` offices named `<prefix>-0001`…; returns each one's link credentials. */
  async createOffices(prefix: string, count: number, company = 'EPM'): Promise<SimLinkSpec[]> {
    const codes = Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(4, '0')}`);
    return inParallel(codes, SETUP_CONCURRENCY, async (code) => {
      const body = await expectOk(`create office ${code}`, this.call('POST', '/api/v1/hq/offices', { code, name: `Sede ${code}`, company }));
      return { id: code, token: body.token as string };
    });
  }

  async addCatalogService(code: string, prefix: string, nameEs: string, nameEn: string): Promise<void> {
    await expectOk(`catalogue ${code}`, this.call('POST', '/api/v1/hq/catalog/services', { code, nameEs, nameEn, prefix, targetWaitMinutes: 15 }));
  }

  /** Sets the office's services (published at once); returns the new version. */
  async setServices(office: string, services: { code: string; prefix?: string }[]): Promise<number> {
    const body = await expectOk(`services of ${office}`, this.call('PUT', `/api/v1/hq/offices/${office}/services`, { services }));
    return body.version as number;
  }

  /** Republishes to the offices given (default every office); returns each one's new version. */
  async publish(offices?: string[]): Promise<Map<string, number>> {
    const body = await expectOk('publish', this.call('POST', '/api/v1/hq/publish', offices ? { offices } : {}));
    return new Map((body.published as { code: string; version: number }[]).map((p) => [p.code, p.version]));
  }

  async config(office: string): Promise<{ version: number; appliedVersion: number }> {
    return expectOk(`config of ${office}`, this.call('GET', `/api/v1/hq/offices/${office}/config`));
  }

  async revokeToken(office: string): Promise<void> {
    await expectOk(`revoke ${office}`, this.call('DELETE', `/api/v1/hq/offices/${office}/token`));
  }

  /** Head office's view of every office's link (GET /api/v1/hq/offices rows' `link`). */
  async links(): Promise<Map<string, HqLinkStatus>> {
    const body = await expectOk('offices', this.call('GET', '/api/v1/hq/offices'));
    const rows = body.offices as { code: string; link: HqLinkStatus }[];
    return new Map(rows.map((r) => [r.code, r.link]));
  }

  /**
   * Waits until head office's view of the links meets `done`: an office's `link:applied`
   * is recorded a round trip after the office applied, so head office may lag the links.
   */
  waitForLinks(done: (links: Map<string, HqLinkStatus>) => boolean, ms: number): Promise<Map<string, HqLinkStatus>> {
    return waitUntil(
      "head office's view of the links",
      async () => {
        const links = await this.links();
        return done(links) ? links : undefined;
      },
      ms,
    );
  }
}
