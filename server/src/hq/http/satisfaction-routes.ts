/**
 * How customers felt, at head office (issue 15): satisfaction per office, service or agent
 * and against wait. Read-only; admins and their company's managers.
 */
import { SatisfactionQuery, SatisfactionReport } from '@turnero/contract/ratings';
import { route, type RouteDef } from '../../platform/routes';
import type { HqPrincipal } from '../auth/tokens';
import type { HqDatabase } from '../db';
import { satisfactionReport } from '../reports/satisfaction';

export function hqSatisfactionRoutes(db: HqDatabase): RouteDef<HqPrincipal>[] {
  return [
    route<HqPrincipal, undefined, undefined, typeof SatisfactionQuery>({
      method: 'get',
      path: '/hq/satisfaction',
      summary: "Customers' ratings per office, service or agent (average, share of 4-5, response rate) and by wait",
      tags: ['reports'],
      roles: ['admin', 'manager'],
      query: SatisfactionQuery,
      responses: { 200: { description: 'Rows and the wait buckets', schema: SatisfactionReport } },
      handler: async ({ principal, query }) => ({ body: await satisfactionReport(db.sql, principal, query) }),
    }),
  ];
}
