/**
 * Starts the office's link to head office when HQ_URL and HQ_TOKEN are set (like the sync
 * worker; config.ts already refused a plain http:// HQ_URL to another machine), and says
 * where it stands for GET /api/v1/sync. Without them the link is `disabled` and the office
 * runs on the last configuration it applied.
 */
import type { OfficeLinkStatus } from '@turnero/contract/hq-link';
import type { AuthService } from '../auth/auth-service';
import type { OfficeDeps } from '../context';
import { readLinkRow } from '../store/link-store';
import { createLinkApplier } from './apply-message';
import { createLinkClient, type LinkClient, type LinkConnection } from './link-client';
import { issueRemoteTicket, type LinkReporter } from './remote-tickets';

export interface LinkHandle {
  status(): Promise<OfficeLinkStatus>;
  stop(): Promise<void>;
}

export interface LinkWiringOptions {
  hq: { url: string; token: string } | null;
  /** Head office changed settings the server keeps in memory (the ticket footer). */
  onSettingsChanged?: () => Promise<void>;
  /** The link's state changed: publish the sync state now. */
  onChange?: () => void;
  /** Quiet time before the link fetches without a notice (link-client's default: 60 s). */
  fetchIntervalMs?: number;
  /** Sends remote-ticket and booking reports to head office while the link is up (issue 14). */
  reporter?: LinkReporter;
}

const DISABLED: LinkConnection = { state: 'disabled', since: null, lastError: null };

export function startLink(deps: OfficeDeps, auth: AuthService, opts: LinkWiringOptions): LinkHandle {
  const applied = async () => {
    const row = await deps.bus.read(readLinkRow);
    return { appliedSeq: row.lastAppliedSeq, configVersion: row.configVersion };
  };
  let client: LinkClient | null = null;
  if (opts.hq) {
    client = createLinkClient({
      hqUrl: opts.hq.url,
      token: opts.hq.token,
      applier: createLinkApplier(deps, auth, opts.onSettingsChanged),
      applied,
      clock: deps.clock,
      logger: deps.logger,
      onChange: opts.onChange,
      fetchIntervalMs: opts.fetchIntervalMs,
      onRemoteTicket: (request) => issueRemoteTicket(deps, request),
      onLinkUp: (send) => opts.reporter?.attach(send),
    });
    client.start();
    deps.logger.info({ hqUrl: opts.hq.url }, 'link to head office started');
  }
  return {
    async status() {
      const row = await deps.bus.read(readLinkRow);
      const conn = client?.connection() ?? DISABLED;
      return {
        ...conn,
        lastAppliedSeq: row.lastAppliedSeq,
        lastAppliedAt: row.lastAppliedAt?.toISOString() ?? null,
        configVersion: row.configVersion,
        hqSettings: row.hqSettings,
      };
    },
    async stop() {
      await client?.stop();
    },
  };
}
