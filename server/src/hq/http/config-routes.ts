/**
 * Central configuration routes: the service catalogue, each office's offered services and
 * settings (each change published at once as a new configuration version), republishing,
 * an office's configuration with what it applied, and the audit log. Admins write;
 * managers read their company's offices (others are 404).
 */
import { z } from 'zod';
import { ErrorBody } from '@turnero/contract/dto';
import {
  ConfigAuditQuery,
  ConfigAuditResponse,
  PatchCatalogServiceBody,
  PutOfficeSettingsBody,
  PutTemplateBody,
  TEMPLATE_KINDS,
  TemplateListResponse,
  RepublishBody,
  RepublishResponse,
} from '@turnero/contract/hq';
import {
  CatalogCode,
  CatalogListResponse,
  CatalogService,
  CreateCatalogServiceBody,
  OfficeConfigResponse,
  PublishResponse,
  PutOfficeServicesBody,
} from '@turnero/contract/hq-link';
import { safeText } from '@turnero/contract/text';
import type { Clock } from '@turnero/domain/types';
import { route, type RouteDef } from '../../platform/routes';
import type { HqPrincipal } from '../auth/tokens';
import { createCatalogService, editCatalogService } from '../config/catalog';
import { officeConfig } from '../config/office-config';
import { actorOf, putOfficeServices, putOfficeSettings, republish } from '../config/publish';
import type { HqDatabase } from '../db';
import type { LinkNotifier } from '../link/notifier';
import { listCatalog, listTemplates } from '../store/catalog-store';
import { putTemplate } from '../config/templates';
import { listConfigAudit } from '../store/config-audit-store';

const CodeParam = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/) });
const CatalogParam = z.object({ code: CatalogCode });
const TemplateParam = z.object({ kind: z.enum(TEMPLATE_KINDS), name: safeText().min(1).max(64) });
const err = (description: string) => ({ description, schema: ErrorBody });
const USERS = ['admin', 'manager'] as const;

export function hqConfigRoutes(db: HqDatabase, link: LinkNotifier, clock: Clock): RouteDef<HqPrincipal>[] {
  return [
    route<HqPrincipal, undefined, typeof CreateCatalogServiceBody>({
      method: 'post',
      path: '/hq/catalog/services',
      summary: 'Add a service to the group catalogue',
      tags: ['configuration'],
      roles: ['admin'],
      body: CreateCatalogServiceBody,
      responses: { 201: { description: 'Added', schema: CatalogService }, 409: err('The code exists') },
      handler: async ({ principal, body }) => ({ status: 201, body: await createCatalogService(db, actorOf(principal), body, clock.now()) }),
    }),
    route<HqPrincipal>({
      method: 'get',
      path: '/hq/catalog/services',
      summary: 'The group catalogue',
      tags: ['configuration'],
      roles: USERS,
      responses: { 200: { description: 'Catalogue', schema: CatalogListResponse } },
      handler: async () => ({ body: { services: await listCatalog(db.sql) } }),
    }),
    route<HqPrincipal, typeof CatalogParam, typeof PatchCatalogServiceBody>({
      method: 'patch',
      path: '/hq/catalog/services/:code',
      summary: 'Change a catalogue service (offices get it with the next publish)',
      tags: ['configuration'],
      roles: ['admin'],
      params: CatalogParam,
      body: PatchCatalogServiceBody,
      responses: { 200: { description: 'Changed', schema: CatalogService }, 404: err('No such code') },
      handler: async ({ principal, params, body }) => ({ body: await editCatalogService(db, actorOf(principal), params.code, body, clock.now()) }),
    }),
    route<HqPrincipal, typeof CodeParam, typeof PutOfficeServicesBody>({
      method: 'put',
      path: '/hq/offices/:code/services',
      summary: "Set an office's offered services; published at once as a new configuration version",
      tags: ['configuration'],
      roles: ['admin'],
      params: CodeParam,
      body: PutOfficeServicesBody,
      responses: {
        200: { description: 'Published', schema: PublishResponse },
        400: err('Unknown catalogue code, or two services on one prefix'),
        404: err('Unknown office'),
      },
      handler: async ({ principal, params, body }) => ({
        body: await putOfficeServices(db, link, actorOf(principal), params.code, body, clock.now()),
      }),
    }),
    route<HqPrincipal, typeof CodeParam, typeof PutOfficeSettingsBody>({
      method: 'put',
      path: '/hq/offices/:code/settings',
      summary: "Set what head office owns of an office's settings; published at once",
      tags: ['configuration'],
      roles: ['admin'],
      params: CodeParam,
      body: PutOfficeSettingsBody,
      responses: { 200: { description: 'Published', schema: PublishResponse }, 404: err('Unknown office') },
      handler: async ({ principal, params, body }) => ({
        body: await putOfficeSettings(db, link, actorOf(principal), params.code, body.settings, clock.now()),
      }),
    }),
    route<HqPrincipal, typeof CodeParam>({
      method: 'get',
      path: '/hq/offices/:code/config',
      summary: "An office's newest configuration and the version it applied (or refused)",
      tags: ['configuration'],
      roles: USERS,
      params: CodeParam,
      responses: { 200: { description: 'Configuration', schema: OfficeConfigResponse }, 404: err('Unknown office') },
      handler: async ({ principal, params }) => ({ body: await officeConfig(db.sql, principal, params.code) }),
    }),
    route<HqPrincipal, undefined, typeof RepublishBody>({
      method: 'post',
      path: '/hq/publish',
      summary: 'Publish the current configuration again (catalogue edits included) to these offices, or all configured ones',
      tags: ['configuration'],
      roles: ['admin'],
      body: RepublishBody,
      bodyLimit: '256kb',
      responses: { 200: { description: 'Published', schema: RepublishResponse }, 400: err('Two services on one prefix'), 404: err('Unknown office') },
      handler: async ({ principal, body }) => ({ body: await republish(db, link, actorOf(principal), body.offices, clock.now()) }),
    }),
    route<HqPrincipal, typeof TemplateParam, typeof PutTemplateBody>({
      method: 'put',
      path: '/hq/templates/:kind/:name',
      summary: "Set a company's or region's settings template; its offices get a new version at once",
      tags: ['configuration'],
      roles: ['admin'],
      params: TemplateParam,
      body: PutTemplateBody,
      responses: { 200: { description: 'Published', schema: RepublishResponse }, 400: err('Invalid settings') },
      handler: async ({ principal, params, body }) => ({
        body: await putTemplate(db, link, actorOf(principal), params.kind, params.name, body.settings, clock.now()),
      }),
    }),
    route<HqPrincipal>({
      method: 'get',
      path: '/hq/templates',
      summary: 'Settings templates of companies and regions',
      tags: ['configuration'],
      roles: ['admin'],
      responses: { 200: { description: 'Templates', schema: TemplateListResponse } },
      handler: async () => ({ body: { templates: await listTemplates(db.sql) } }),
    }),
    route<HqPrincipal, undefined, undefined, typeof ConfigAuditQuery>({
      method: 'get',
      path: '/hq/config-audit',
      summary: 'Changes to the catalogue, offices and staff, latest first',
      tags: ['configuration'],
      roles: ['admin'],
      query: ConfigAuditQuery,
      responses: { 200: { description: 'Entries', schema: ConfigAuditResponse } },
      handler: async ({ query }) => ({ body: { entries: await listConfigAudit(db.sql, query.limit, query.target ?? null) } }),
    }),
  ];
}
