/**
 * A person's rights over their data at the office (Ley 1581 de 2012) and the audit log of
 * those requests. Admins only: looking a person up by their ID number is itself a use of
 * their data, so it stays with the few people who answer such requests (a supervisor on
 * the floor passes the request on), and every lookup is recorded.
 */
import { personalDataRouteDefs } from '../../platform/personal-data-routes';
import type { RouteDef } from '../../platform/routes';
import { deletePersonalData, exportPersonalData, searchPersonalData } from '../commands/personal-data';
import type { OfficeDeps, Principal } from '../context';
import { listAuditEntries } from '../store/audit-store';
import { ADMINS } from './roles';

export function personalDataRoutes(deps: OfficeDeps): RouteDef<Principal>[] {
  return personalDataRouteDefs<Principal>({
    prefix: '',
    holder: 'the office',
    roles: ADMINS,
    handlers: {
      search: (who, q) => searchPersonalData(deps, who, q),
      export: (who, q) => exportPersonalData(deps, who, q),
      delete: (who, q) => deletePersonalData(deps, who, q),
      audit: (limit) => deps.bus.read((db) => listAuditEntries(db, limit)),
    },
  });
}
