/**
 * DEMO_SIMULATE turns the live demo on (`npm run demo:live` sets it). Checked at boot
 * like every other variable; refused in a real office (DEMO=false), where simulated
 * customers would take real numbers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError, type Config } from '../../platform/config';
import type { DemoCredentials } from '../seed/seed';

export interface LiveDemoSettings {
  /** Simulated time per real time (1 = real time). */
  speed: number;
  seed: string;
}

const Env = z.object({
  DEMO_SIMULATE: z.enum(['true', 'false', '1', '0', 'yes', 'no']).optional(),
  DEMO_SIMULATE_SPEED: z.coerce.number().min(0.1).max(1000).default(1),
  DEMO_SIMULATE_SEED: z.string().min(1).max(64).optional(),
});

/** The live demo's settings, or null when it is off. */
export function readLiveDemoSettings(config: Pick<Config, 'DEMO'>, env: NodeJS.ProcessEnv = process.env): LiveDemoSettings | null {
  const present = Object.fromEntries(Object.keys(Env.shape).filter((k) => env[k]).map((k) => [k, env[k]]));
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (environment variables):\n${lines.join('\n')}`);
  }
  const on = ['true', '1', 'yes'].includes(parsed.data.DEMO_SIMULATE ?? 'false');
  if (!on) return null;
  if (!config.DEMO) {
    throw new ConfigError('Invalid configuration: DEMO_SIMULATE=true is for the demo office only (DEMO=false here): simulated customers would take real numbers');
  }
  return { speed: parsed.data.DEMO_SIMULATE_SPEED, seed: parsed.data.DEMO_SIMULATE_SEED ?? String(Date.now()) };
}

/** The demo office's users and kiosk token: from this start's seeding, or the file an earlier start wrote. */
export function demoCredentialsFor(config: Pick<Config, 'DATA_DIR'>, seeded: DemoCredentials | null): DemoCredentials {
  return seeded ?? (JSON.parse(readFileSync(join(config.DATA_DIR, 'demo-credentials.json'), 'utf8')) as DemoCredentials);
}
