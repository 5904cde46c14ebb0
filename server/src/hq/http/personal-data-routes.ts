/**
 * Head office's personal-data routes (Ley 1581 de 2012) and their audit log: admins only,
 * as at the office (server/src/office/http/personal-data-routes.ts).
 */
import { z } from 'zod';
import { ErrorBody } from '@turnero/contract/dto';
import {
  AuditEntryDto,
  AuditQuery,
  PersonalDataDeleted,
  PersonalDataExport,
  PersonalDataFound,
  PersonalDataQuery,
} from '@turnero/contract/personal-data';
import type { Clock } from '@turnero/domain/types';
import { route, type RouteDef } from '../../platform/routes';
import type { HqPrincipal } from '../auth/tokens';
import type { HqDatabase } from '../db';
import { deleteHqPersonalData, exportHqPersonalData, searchHqPersonalData } from '../personal-data/personal-data';
import { listHqAuditEntries } from '../store/personal-data-store';

const ADMIN = ['admin'] as const;
const invalid = { description: 'Not exactly one of idNumber, phone, email', schema: ErrorBody };

export function hqPersonalDataRoutes(db: HqDatabase, clock: Clock): RouteDef<HqPrincipal>[] {
  return [
    route<HqPrincipal, undefined, typeof PersonalDataQuery>({
      method: 'post',
      path: '/hq/personal-data/search',
      summary: 'Find everything head office stores about a person (audited)',
      tags: ['personal data'],
      roles: ADMIN,
      body: PersonalDataQuery,
      responses: { 200: { description: 'Records', schema: PersonalDataFound }, 400: invalid },
      handler: async ({ body, principal }) => ({ body: await searchHqPersonalData(db, principal, body, clock.now()) }),
    }),
    route<HqPrincipal, undefined, typeof PersonalDataQuery>({
      method: 'post',
      path: '/hq/personal-data/export',
      summary: "A copy of the person's data held at head office, as a JSON file (audited)",
      tags: ['personal data'],
      roles: ADMIN,
      body: PersonalDataQuery,
      responses: { 200: { description: 'Export', schema: PersonalDataExport }, 400: invalid },
      handler: async ({ body, principal }) => ({
        body: await exportHqPersonalData(db, principal, body, clock.now()),
        headers: { 'Content-Disposition': 'attachment; filename="datos-personales.json"', 'Cache-Control': 'no-store' },
      }),
    }),
    route<HqPrincipal, undefined, typeof PersonalDataQuery>({
      method: 'post',
      path: '/hq/personal-data/delete',
      summary: "Delete the person's data held at head office (audited)",
      tags: ['personal data'],
      roles: ADMIN,
      body: PersonalDataQuery,
      responses: { 200: { description: 'How many records went', schema: PersonalDataDeleted }, 400: invalid },
      handler: async ({ body, principal }) => ({ body: await deleteHqPersonalData(db, principal, body, clock.now()) }),
    }),
    route<HqPrincipal, undefined, undefined, typeof AuditQuery>({
      method: 'get',
      path: '/hq/audit',
      summary: 'Personal-data requests at head office: who, when, what, how many records (values masked)',
      tags: ['personal data'],
      roles: ADMIN,
      query: AuditQuery,
      responses: { 200: { description: 'Latest first', schema: z.array(AuditEntryDto) } },
      handler: async ({ query }) => ({ body: await listHqAuditEntries(db.sql, query.limit) }),
    }),
  ];
}
