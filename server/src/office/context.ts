/** What the office's use cases are given: built once in app.ts, passed explicitly. */
import type { Config } from '../platform/config';
import type { Logger } from '../platform/logger';
import type { Clock } from '@turnero/domain/types';
import type { CommandBus } from './command-bus';
import type { Broadcaster } from './realtime/broadcaster';
import type { PrintDispatcher } from './printing/print-dispatcher';
import type { Metrics } from '../platform/metrics';

export interface OfficeDeps {
  bus: CommandBus;
  clock: Clock;
  logger: Logger;
  config: Config;
  broadcaster: Broadcaster;
  printing: PrintDispatcher;
  metrics: Metrics;
}

/** Who is asking: a signed-in user or a device, resolved from its bearer token. */
export interface Principal {
  id: string;
  role: 'agent' | 'supervisor' | 'admin' | 'kiosk' | 'display' | 'survey';
  name: string;
  tokenId: string;
  /** For a kiosk or display: its device id (same as id). */
  deviceId: string | null;
}

export const isStaffManager = (p: Principal) => p.role === 'supervisor' || p.role === 'admin';
