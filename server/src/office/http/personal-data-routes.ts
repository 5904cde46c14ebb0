/**
 * A person's rights over their data (Ley 1581 de 2012) and the audit log of those
 * requests. Admins only: looking a person up by their ID number is itself a use of their
 * data, so it stays with the few people who answer such requests (a supervisor on the
 * floor passes the request on), and every lookup is recorded.
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
import { route, type RouteDef } from '../../platform/routes';
import { deletePersonalData, exportPersonalData, searchPersonalData } from '../commands/personal-data';
import type { OfficeDeps, Principal } from '../context';
import { listAuditEntries } from '../store/audit-store';
import { ADMINS } from './roles';

const invalid = { description: 'Not exactly one of idNumber, phone, email', schema: ErrorBody };

export function personalDataRoutes(deps: OfficeDeps): RouteDef<Principal>[] {
  return [
    route<Principal, undefined, typeof PersonalDataQuery>({
      method: 'post',
      path: '/personal-data/search',
      summary: 'Find everything the office stores about a person (audited)',
      tags: ['personal data'],
      roles: ADMINS,
      body: PersonalDataQuery,
      responses: { 200: { description: 'Records', schema: PersonalDataFound }, 400: invalid },
      handler: async ({ body, principal }) => ({ body: await searchPersonalData(deps, principal, body) }),
    }),
    route<Principal, undefined, typeof PersonalDataQuery>({
      method: 'post',
      path: '/personal-data/export',
      summary: "A copy of the person's data as a JSON file (audited)",
      tags: ['personal data'],
      roles: ADMINS,
      body: PersonalDataQuery,
      responses: { 200: { description: 'Export', schema: PersonalDataExport }, 400: invalid },
      handler: async ({ body, principal }) => ({
        body: await exportPersonalData(deps, principal, body),
        headers: { 'Content-Disposition': 'attachment; filename="datos-personales.json"', 'Cache-Control': 'no-store' },
      }),
    }),
    route<Principal, undefined, typeof PersonalDataQuery>({
      method: 'post',
      path: '/personal-data/delete',
      summary: "Delete the person's data from the database and its write-ahead log (audited)",
      tags: ['personal data'],
      roles: ADMINS,
      body: PersonalDataQuery,
      responses: { 200: { description: 'How many records went', schema: PersonalDataDeleted }, 400: invalid },
      handler: async ({ body, principal }) => ({ body: await deletePersonalData(deps, principal, body) }),
    }),
    route<Principal, undefined, undefined, typeof AuditQuery>({
      method: 'get',
      path: '/audit',
      summary: 'Personal-data requests: who, when, what, how many records (values masked)',
      tags: ['personal data'],
      roles: ADMINS,
      query: AuditQuery,
      responses: { 200: { description: 'Latest first', schema: z.array(AuditEntryDto) } },
      handler: async ({ query }) => ({ body: await deps.bus.read((db) => listAuditEntries(db, query.limit)) }),
    }),
  ];
}
