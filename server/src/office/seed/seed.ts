/**
 * First start on an empty database. Demo mode: a demo office with 4 services, 6
 * counters, 6 agents, a supervisor, an admin, a kiosk and a display, all with random
 * secrets written to DATA_DIR/demo-credentials.json. Real mode: just the office and its
 * first admin, from environment variables; the rest is set up in the admin pages.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../platform/config';
import { ConfigError } from '../../platform/config';
import { hashPassword, newPassword } from '../../platform/secrets';
import type { AuthService } from '../auth/auth-service';
import type { UserRole } from '@turnero/domain/types';
import type { CommandBus } from '../command-bus';
import { insertCounter, insertDevice, insertService, insertUser } from '../store/admin-store';
import { hasNoOffice, insertOffice } from '../store/settings-store';
import { DEMO_ACCOUNTS } from '../demo/billing-demo';

export interface DemoCredentials {
  users: { username: string; password: string; role: string; counterId?: string; displayName: string }[];
  kioskToken: string;
  displayToken: string;
  kioskId: string;
  displayId: string;
  /** Synthetic billing accounts the demo's self-service knows (issue 16). */
  demoAccounts?: string[];
}

const DEMO_SERVICES = [
  { prefix: 'A', nameEs: 'Facturación y pagos', nameEn: 'Billing and payments', target: 15, color: '#0057b8', icon: 'receipt' },
  { prefix: 'B', nameEs: 'Reclamos y PQR', nameEn: 'Claims and complaints', target: 20, color: '#b8460b', icon: 'chat' },
  { prefix: 'C', nameEs: 'Conexiones y servicios nuevos', nameEn: 'New connections', target: 25, color: '#1f7a3a', icon: 'plug' },
  { prefix: 'D', nameEs: 'Financiación y acuerdos de pago', nameEn: 'Financing and payment plans', target: 20, color: '#6b2fa3', icon: 'handshake' },
];

/** Which services each demo counter serves, with weights (module 6 favours claims). */
const DEMO_COUNTERS: { name: string; services: [string, number][] }[] = [
  { name: 'Módulo 1', services: [['A', 2], ['D', 1]] },
  { name: 'Módulo 2', services: [['A', 2], ['B', 1]] },
  { name: 'Módulo 3', services: [['A', 1], ['B', 1], ['C', 1]] },
  { name: 'Módulo 4', services: [['B', 2], ['C', 1]] },
  { name: 'Módulo 5', services: [['C', 2], ['D', 2]] },
  { name: 'Módulo 6', services: [['B', 3], ['A', 1], ['D', 1]] },
];

const AGENT_NAMES = ['Ana Gómez', 'Carlos Restrepo', 'Luisa Martínez', 'Jorge Cárdenas', 'Paola Ríos', 'Andrés Mejía'];

export async function isEmpty(bus: CommandBus): Promise<boolean> {
  return bus.read(hasNoOffice);
}

async function createOffice(bus: CommandBus, config: Config, footer: string, agentsChooseServices: boolean) {
  await bus.command('seed-office', ({ tx }) =>
    insertOffice(tx, {
      id: randomUUID(),
      code: config.OFFICE_CODE,
      name: config.OFFICE_NAME,
      timeZone: config.OFFICE_TIME_ZONE,
      ticketFooter: footer,
      agentsChooseServices,
    }),
  );
}

export async function seedRealOffice(bus: CommandBus, config: Config): Promise<void> {
  if (!config.ADMIN_USERNAME || !config.ADMIN_PASSWORD) {
    throw new ConfigError(
      'Empty database and DEMO=false: set ADMIN_USERNAME and ADMIN_PASSWORD for the first admin',
    );
  }
  await createOffice(bus, config, 'Gracias por su visita', false);
  const passwordHash = await hashPassword(config.ADMIN_PASSWORD);
  await bus.command('seed-admin', ({ tx }) =>
    insertUser(tx, {
      id: randomUUID(),
      username: config.ADMIN_USERNAME!,
      displayName: 'Administrador',
      role: 'admin',
      passwordHash,
      counterId: null,
    }),
  );
}

export async function seedDemoOffice(
  bus: CommandBus,
  auth: AuthService,
  config: Config,
  demoPrinterUri: string | null,
): Promise<DemoCredentials> {
  // The demo lets agents pick their counter's services, to show the option.
  await createOffice(bus, config, 'Gracias por su visita. Conserve este turno.', true);
  const serviceIds = new Map<string, string>();
  const counterIds: string[] = [];
  await bus.command('seed-demo', async ({ tx }) => {
    for (const [i, s] of DEMO_SERVICES.entries()) {
      const id = randomUUID();
      serviceIds.set(s.prefix, id);
      await insertService(tx, {
        id, prefix: s.prefix, nameEs: s.nameEs, nameEn: s.nameEn, targetWaitMinutes: s.target, color: s.color, icon: s.icon, sortOrder: i,
      });
    }
    for (const c of DEMO_COUNTERS) {
      const id = randomUUID();
      counterIds.push(id);
      const services = c.services.map(([prefix, weight]) => ({ serviceId: serviceIds.get(prefix)!, weight }));
      await insertCounter(tx, { id, name: c.name, services });
    }
  });

  const users: DemoCredentials['users'] = [
    ...AGENT_NAMES.map((displayName, i) => ({
      username: `asesor${i + 1}`,
      password: newPassword(),
      role: 'agent',
      counterId: counterIds[i],
      displayName,
    })),
    { username: 'supervisor', password: newPassword(), role: 'supervisor', displayName: 'Supervisora de oficina' },
    { username: 'admin', password: newPassword(), role: 'admin', displayName: 'Administrador' },
  ];
  // One at a time: each scrypt hash takes 16 MB while it runs.
  const hashes: string[] = [];
  for (const u of users) hashes.push(await hashPassword(u.password));
  const kioskId = randomUUID();
  const displayId = randomUUID();
  await bus.command('seed-demo-people', async ({ tx }) => {
    for (const [i, u] of users.entries()) {
      await insertUser(tx, {
        id: randomUUID(),
        username: u.username,
        displayName: u.displayName,
        role: u.role as UserRole,
        passwordHash: hashes[i],
        counterId: u.counterId ?? null,
      });
    }
    const device = { printerUri: null, serviceIds: [], counterIds: [] };
    await insertDevice(tx, { ...device, id: kioskId, kind: 'kiosk', name: 'Dispensador entrada', printerUri: demoPrinterUri });
    await insertDevice(tx, { ...device, id: displayId, kind: 'display', name: 'Pantalla sala de espera' });
  });
  const creds: DemoCredentials = {
    users,
    kioskToken: await auth.issueDeviceToken(kioskId, 'kiosk'),
    displayToken: await auth.issueDeviceToken(displayId, 'display'),
    kioskId,
    displayId,
    demoAccounts: DEMO_ACCOUNTS,
  };
  writeFileSync(join(config.DATA_DIR, 'demo-credentials.json'), JSON.stringify(creds, null, 2) + '\n', { mode: 0o600 });
  return creds;
}
