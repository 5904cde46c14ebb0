/**
 * Head office's personal-data routes (Ley 1581 de 2012) and their audit log: admins only,
 * as at the office (server/src/office/http/personal-data-routes.ts).
 */
import type { Clock } from '@turnero/domain/types';
import { personalDataRouteDefs } from '../../platform/personal-data-routes';
import type { RouteDef } from '../../platform/routes';
import type { HqPrincipal } from '../auth/tokens';
import type { HqDatabase } from '../db';
import { deleteHqPersonalData, exportHqPersonalData, searchHqPersonalData } from '../personal-data/personal-data';
import type { PortalLink } from '../personal-data/portal-data';
import { listHqAuditEntries } from '../store/personal-data-store';

/** `portal`: the customer portal's link and signer, so a deletion can cancel active bookings at their office. */
export function hqPersonalDataRoutes(db: HqDatabase, clock: Clock, portal?: PortalLink): RouteDef<HqPrincipal>[] {
  return personalDataRouteDefs<HqPrincipal>({
    prefix: '/hq',
    holder: 'head office',
    roles: ['admin'],
    handlers: {
      search: (who, q) => searchHqPersonalData(db, who, q, clock.now()),
      export: (who, q) => exportHqPersonalData(db, who, q, clock.now()),
      delete: (who, q) => deleteHqPersonalData(db, who, q, clock.now(), portal),
      audit: (limit) => listHqAuditEntries(db.sql, limit),
    },
  });
}
