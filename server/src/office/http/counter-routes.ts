import { z } from 'zod';
import {
  CallResultDto,
  CounterDto,
  CounterIdParam,
  CounterServicesRequest,
  ErrorBody,
  PauseRequest,
} from '@turnero/contract/dto';
import { route, type RouteDef } from '../../platform/routes';
import { agentAction } from '../commands/agent-actions';
import { changeCounterServices } from '../commands/office-settings';
import { callNext } from '../commands/ticket-actions';
import type { OfficeDeps, Principal } from '../context';
import { listCounters } from '../queries';
import { READERS, STAFF } from './roles';

const err = (description: string) => ({ description, schema: ErrorBody });

export function counterRoutes(deps: OfficeDeps): RouteDef<Principal>[] {
  const agentRoute = (path: string, kind: 'sign_in' | 'sign_out' | 'resume', summary: string) =>
    route<Principal, typeof CounterIdParam>({
      method: 'post',
      path: `/counters/:counterId/${path}`,
      summary,
      tags: ['counters'],
      roles: STAFF,
      params: CounterIdParam,
      responses: { 200: { description: 'The counter', schema: CounterDto }, 404: err('Unknown counter'), 409: err('Illegal transition') },
      handler: async ({ params, principal }) => ({ body: await agentAction(deps, principal, params.counterId, { kind }) }),
    });

  return [
    route<Principal>({
      method: 'get',
      path: '/counters',
      summary: 'Counters with their agent state and current ticket',
      tags: ['counters'],
      roles: READERS,
      responses: { 200: { description: 'Counters', schema: z.array(CounterDto) } },
      handler: async () => ({ body: await listCounters(deps) }),
    }),
    agentRoute('sign-in', 'sign_in', 'Sign in at a counter'),
    agentRoute('sign-out', 'sign_out', 'Sign out of a counter'),
    agentRoute('resume', 'resume', 'End a pause'),
    route<Principal, typeof CounterIdParam, typeof PauseRequest>({
      method: 'post',
      path: '/counters/:counterId/pause',
      summary: 'Pause with a reason (lunch, training, back office, other)',
      tags: ['counters'],
      roles: STAFF,
      params: CounterIdParam,
      body: PauseRequest,
      responses: { 200: { description: 'The counter', schema: CounterDto }, 404: err('Unknown counter'), 409: err('Illegal transition') },
      handler: async ({ params, body, principal }) => ({
        body: await agentAction(deps, principal, params.counterId, { kind: 'pause', reason: body.reason }),
      }),
    }),
    route<Principal, typeof CounterIdParam>({
      method: 'post',
      path: '/counters/:counterId/call-next',
      summary: 'Call the next ticket by the office policy; the result says which rule chose it',
      tags: ['counters'],
      roles: STAFF,
      params: CounterIdParam,
      responses: {
        200: { description: 'Called', schema: CallResultDto },
        204: { description: 'Nothing waits for this counter' },
        404: err('Unknown counter'),
        409: err('Not signed in, paused, or a ticket is still open here'),
      },
      handler: async ({ params, principal }) => {
        const result = await callNext(deps, principal, params.counterId);
        return result ? { body: result } : { status: 204 };
      },
    }),
    route<Principal, typeof CounterIdParam, typeof CounterServicesRequest>({
      method: 'put',
      path: '/counters/:counterId/services',
      summary: 'Change which services a counter serves, with a weight each (agents: their own counter, if the office allows)',
      tags: ['counters'],
      roles: STAFF,
      params: CounterIdParam,
      body: CounterServicesRequest,
      responses: { 200: { description: 'The counter', schema: CounterDto }, 404: err('Unknown counter or service') },
      handler: async ({ params, body, principal }) => ({
        body: await changeCounterServices(deps, principal, params.counterId, body.services),
      }),
    }),
  ];
}
