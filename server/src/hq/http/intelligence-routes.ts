/**
 * Planning routes (issue 15): an office's arrivals forecast and its staffing plan with the
 * what-if. Read-only; admins and their company's managers (another company's office is 404).
 */
import { z } from 'zod';
import { ErrorBody } from '@turnero/contract/dto';
import { ForecastQuery, ForecastResponse, StaffingBody, StaffingResponse } from '@turnero/contract/intelligence';
import type { Clock } from '@turnero/domain/types';
import { route, type RouteDef } from '../../platform/routes';
import type { HqPrincipal } from '../auth/tokens';
import type { HqDatabase } from '../db';
import { officeForecast } from '../intelligence/forecast';
import { officeStaffing } from '../intelligence/staffing';

const CodeParam = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/) });
const err = (description: string) => ({ description, schema: ErrorBody });
const USERS = ['admin', 'manager'] as const;

export function hqIntelligenceRoutes(db: HqDatabase, clock: Clock): RouteDef<HqPrincipal>[] {
  return [
    route<HqPrincipal, typeof CodeParam, undefined, typeof ForecastQuery>({
      method: 'get',
      path: '/hq/offices/:code/forecast',
      summary: 'Expected arrivals per office-local hour and service (weekday x hour, billing cycle, holidays, trend)',
      tags: ['planning'],
      roles: USERS,
      params: CodeParam,
      query: ForecastQuery,
      responses: { 200: { description: 'Hours with expected arrivals', schema: ForecastResponse }, 404: err('Unknown office') },
      handler: async ({ principal, params, query }) => ({ body: await officeForecast(db.sql, principal, params.code, query, clock.now()) }),
    }),
    route<HqPrincipal, typeof CodeParam, typeof StaffingBody>({
      method: 'post',
      path: '/hq/offices/:code/staffing',
      summary: "Counters needed per hour of a day for every service's target wait, or the waits at given counters (what-if)",
      tags: ['planning'],
      roles: USERS,
      params: CodeParam,
      body: StaffingBody,
      responses: { 200: { description: 'Every local hour of the day', schema: StaffingResponse }, 404: err('Unknown office') },
      handler: async ({ principal, params, body }) => ({ body: await officeStaffing(db.sql, principal, params.code, body, clock.now()) }),
    }),
  ];
}
