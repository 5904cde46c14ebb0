/**
 * How customers felt (issue 15), over HTTP: a customer rates a finished ticket (public:
 * the ticket id of its live page is the proof, or a survey tablet's token), the tablet
 * asks what to show, and staff read their ratings (agents their own, managers the office's).
 */
import { ErrorBody, TicketIdParam } from '@turnero/contract/dto';
import { RatingDto, RatingRequest, RatingSummary, RatingSummaryQuery, SurveyPending } from '@turnero/contract/ratings';
import { route, type RouteDef } from '../../platform/routes';
import type { AuthService } from '../auth/auth-service';
import type { OfficeDeps, Principal } from '../context';
import { rateTicket } from '../ratings/rate-ticket';
import { ratingSummary } from '../ratings/summary';
import { pendingSurvey } from '../ratings/survey';
import { bearerToken } from './authenticate';
import { STAFF } from './roles';

const err = (description: string) => ({ description, schema: ErrorBody });

export function ratingRoutes(deps: OfficeDeps, auth: AuthService): RouteDef<Principal>[] {
  return [
    route<Principal, typeof TicketIdParam, typeof RatingRequest>({
      method: 'post',
      path: '/public/tickets/:ticketId/rating',
      summary: "Rate a finished ticket (five faces, an optional comment scrubbed of personal data); once per ticket",
      tags: ['public'],
      roles: 'public',
      params: TicketIdParam,
      body: RatingRequest,
      bodyLimit: '8kb',
      responses: {
        201: { description: 'Rated', schema: RatingDto },
        403: err("A survey tablet rates only its own counter's last finished ticket"),
        404: err('Unknown ticket'),
        409: err('already_rated: rated before; not_finished: the service has not finished'),
      },
      handler: async ({ params, body, req }) => {
        // The route is public: the ticket id is the proof. A survey tablet's token only adds
        // where the rating came from (and limits it to its counter); any other token is ignored.
        const principal = await auth.authenticate(bearerToken(req));
        const rater = principal?.role === 'survey' ? principal : null;
        return { status: 201, body: await rateTicket(deps, rater, params.ticketId, body) };
      },
    }),
    route<Principal>({
      method: 'get',
      path: '/survey/pending',
      summary: "The ticket the counter's survey tablet offers to rate now (null when none)",
      tags: ['ratings'],
      roles: ['survey'],
      responses: { 200: { description: 'What to show', schema: SurveyPending } },
      handler: async ({ principal }) => ({ body: await pendingSurvey(deps, principal) }),
    }),
    route<Principal, undefined, undefined, typeof RatingSummaryQuery>({
      method: 'get',
      path: '/ratings/summary',
      summary: "Customers' ratings: an agent's own (scope=mine), or the office's (scope=office, supervisors and admins)",
      tags: ['ratings'],
      roles: STAFF,
      query: RatingSummaryQuery,
      responses: { 200: { description: 'Average, count, share of 4-5, latest comments', schema: RatingSummary } },
      handler: async ({ principal, query }) => ({ body: await ratingSummary(deps, principal, query) }),
    }),
  ];
}
