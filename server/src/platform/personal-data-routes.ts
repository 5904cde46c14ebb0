/**
 * The routes of a person's rights over their data (Ley 1581 de 2012) and their audit log,
 * declared once for both roles: the office mounts them under /personal-data and /audit,
 * head office under /hq/personal-data and /hq/audit, each with its own use cases.
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
import { route, type RouteDef } from './routes';

export interface PersonalDataHandlers<Who> {
  search(who: Who, query: PersonalDataQuery): Promise<PersonalDataFound>;
  export(who: Who, query: PersonalDataQuery): Promise<PersonalDataExport>;
  delete(who: Who, query: PersonalDataQuery): Promise<PersonalDataDeleted>;
  audit(limit: number): Promise<AuditEntryDto[]>;
}

const invalid = { description: 'Not exactly one of idNumber, phone, email', schema: ErrorBody };
const TAGS = ['personal data'];

export function personalDataRouteDefs<Who>(opts: {
  /** '' at the office, '/hq' at head office. */
  prefix: string;
  /** Who holds the data, for the summaries: 'the office', 'head office'. */
  holder: string;
  roles: readonly string[];
  handlers: PersonalDataHandlers<Who>;
}): RouteDef<Who>[] {
  const { prefix, holder, roles, handlers: h } = opts;
  return [
    route<Who, undefined, typeof PersonalDataQuery>({
      method: 'post',
      path: `${prefix}/personal-data/search`,
      summary: `Find everything ${holder} stores about a person (audited)`,
      tags: TAGS,
      roles,
      body: PersonalDataQuery,
      responses: { 200: { description: 'Records', schema: PersonalDataFound }, 400: invalid },
      handler: async ({ body, principal }) => ({ body: await h.search(principal, body) }),
    }),
    route<Who, undefined, typeof PersonalDataQuery>({
      method: 'post',
      path: `${prefix}/personal-data/export`,
      summary: `A copy of the person's data held by ${holder}, as a JSON file (audited)`,
      tags: TAGS,
      roles,
      body: PersonalDataQuery,
      responses: { 200: { description: 'Export', schema: PersonalDataExport }, 400: invalid },
      handler: async ({ body, principal }) => ({
        body: await h.export(principal, body),
        headers: { 'Content-Disposition': 'attachment; filename="datos-personales.json"', 'Cache-Control': 'no-store' },
      }),
    }),
    route<Who, undefined, typeof PersonalDataQuery>({
      method: 'post',
      path: `${prefix}/personal-data/delete`,
      summary: `Delete the person's data held by ${holder} (audited)`,
      tags: TAGS,
      roles,
      body: PersonalDataQuery,
      responses: { 200: { description: 'How many records went', schema: PersonalDataDeleted }, 400: invalid },
      handler: async ({ body, principal }) => ({ body: await h.delete(principal, body) }),
    }),
    route<Who, undefined, undefined, typeof AuditQuery>({
      method: 'get',
      path: `${prefix}/audit`,
      summary: `Personal-data requests at ${holder}: who, when, what, how many records (values masked)`,
      tags: TAGS,
      roles,
      query: AuditQuery,
      responses: { 200: { description: 'Latest first', schema: z.array(AuditEntryDto) } },
      handler: async ({ query }) => ({ body: await h.audit(query.limit) }),
    }),
  ];
}
