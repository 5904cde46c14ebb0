/**
 * How customers felt (issue 15): a rating of one finished ticket, five faces and an
 * optional comment, never linked to a person. The office scrubs the comment of ID numbers,
 * phone numbers and e-mail addresses before it stores it; the comment stays at the office
 * (head office gets the score, never the text).
 *
 * Routes (office):
 *   POST /api/v1/public/tickets/:ticketId/rating  RatingRequest -> 201 RatingDto
 *        | 409 already_rated | 409 not_finished | 404 not_found
 *     Public: the unguessable ticket id of the live ticket page is the proof; or a survey
 *     tablet's device token, for the ticket just finished at its own counter.
 *   GET  /api/v1/survey/pending        (survey tablet) -> SurveyPending
 *   GET  /api/v1/ratings/summary?scope=mine|office&from&to  (agent: mine; supervisor/admin: office too)
 *        -> RatingSummary
 * Head office:
 *   GET  /api/v1/hq/satisfaction?from&to&by=office|service|agent -> SatisfactionReport
 */
import { z } from 'zod';
import { hasUnsafeText, UNSAFE_TEXT_MESSAGE } from './text';

export const RATING_SCORES = [1, 2, 3, 4, 5] as const;
/** Where the customer rated: the live ticket page, the counter's tablet, a video booth. */
export const RATING_SOURCES = ['ticket_page', 'survey_device', 'video_booth'] as const;
export type RatingSource = (typeof RATING_SOURCES)[number];

export const RATING_COMMENT_MAX = 500;
/** How long after its finish a ticket's survey stays on the counter's tablet. */
export const SURVEY_WINDOW_SECONDS = 60;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** A comment as typed: line breaks become spaces; empty means none. */
const Comment = z
  .string()
  .max(RATING_COMMENT_MAX * 2)
  .transform((s) => s.replace(/[\r\n\t]+/g, ' ').trim())
  .pipe(z.string().max(RATING_COMMENT_MAX).refine((s) => !hasUnsafeText(s), UNSAFE_TEXT_MESSAGE));

export const RatingRequest = z.object({
  score: z.number().int().min(1).max(5),
  comment: Comment.optional(),
});
export type RatingRequest = z.infer<typeof RatingRequest>;

export const RatingDto = z.object({
  ticketId: z.string(),
  score: z.number().int().min(1).max(5),
  /** As stored: scrubbed of personal data; null when none was given. */
  comment: z.string().nullable(),
  source: z.enum(RATING_SOURCES),
  at: z.string(),
});
export type RatingDto = z.infer<typeof RatingDto>;

/** What a survey tablet shows: the ticket just finished at its counter, while it may be rated. */
export const SurveyPending = z.object({
  counterName: z.string().nullable(),
  ticket: z
    .object({
      id: z.string(),
      code: z.string(),
      serviceName: z.string(),
      finishedAt: z.string(),
      /** When the tablet stops offering it (finish + SURVEY_WINDOW_SECONDS). */
      until: z.string(),
    })
    .nullable(),
});
export type SurveyPending = z.infer<typeof SurveyPending>;

export const RatingSummaryQuery = z
  .object({
    /** mine: the signed-in agent's own ratings; office: every rating of the office (supervisors, admins). */
    scope: z.enum(['mine', 'office']).default('mine'),
    from: day.optional(),
    to: day.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type RatingSummaryQuery = z.infer<typeof RatingSummaryQuery>;

export const RatingSummary = z.object({
  scope: z.enum(['mine', 'office']),
  count: z.number().int(),
  average: z.number().nullable(),
  /** Share of 4 and 5 among the ratings. */
  highShare: z.number().nullable(),
  /** How many of each score, 1 to 5. */
  scores: z.array(z.number().int()).length(5),
  /** The latest comments (already scrubbed), newest first. */
  recent: z.array(z.object({ score: z.number().int(), comment: z.string(), at: z.string(), serviceName: z.string() })),
});
export type RatingSummary = z.infer<typeof RatingSummary>;

// ---------- Outbox: a rating reaches head office once, as a fact ----------

export const RatingFact = z.object({
  kind: z.literal('rating'),
  /** Head office files every fact by kind and event. */
  event: z.literal('rated'),
  ticketId: z.string().min(1).max(64),
  /** Office-local day of the ticket's number (the day its other figures count in). */
  day: day,
  serviceCode: z.string().min(1).max(3),
  catalogCode: z.string().regex(/^[A-Z][A-Z0-9_]{1,15}$/).nullable().optional(),
  counterId: z.string().max(64).nullable(),
  agentId: z.string().max(64).nullable(),
  score: z.number().int().min(1).max(5),
  source: z.enum(RATING_SOURCES),
  /** The ticket's wait (first call - issue), for satisfaction against wait; null when never called. */
  waitSeconds: z.number().int().min(0).nullable(),
});
export type RatingFact = z.infer<typeof RatingFact>;

// ---------- Head office ----------

export const SATISFACTION_BY = ['office', 'service', 'agent'] as const;
export const SatisfactionQuery = z
  .object({ from: day, to: day, by: z.enum(SATISFACTION_BY).default('office'), company: z.string().max(64).optional() })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type SatisfactionQuery = z.infer<typeof SatisfactionQuery>;

export const SatisfactionRow = z.object({
  /** Office code, service (catalogue code or local code) or agent id, as `by` says. */
  key: z.string(),
  label: z.string(),
  /** The office of a service or agent row (null on office rows). */
  officeCode: z.string().nullable(),
  responses: z.number().int(),
  average: z.number().nullable(),
  /** Share of 4 and 5. */
  highShare: z.number().nullable(),
  served: z.number().int(),
  /** responses / served tickets (null when none was served). */
  responseRate: z.number().nullable(),
});
export type SatisfactionRow = z.infer<typeof SatisfactionRow>;

/** Waits up to these minutes form the buckets of satisfaction against wait; the last is open. */
export const SATISFACTION_WAIT_BUCKETS_MINUTES = [5, 10, 15, 20, 30, 45, 60] as const;

export const SatisfactionWaitBucket = z.object({
  /** Waits from the previous bucket's bound (included) to this one in minutes (excluded); null for the open last bucket. */
  upToMinutes: z.number().nullable(),
  responses: z.number().int(),
  average: z.number().nullable(),
});

export const SatisfactionReport = z.object({
  from: day,
  to: day,
  by: z.enum(SATISFACTION_BY),
  rows: z.array(SatisfactionRow),
  byWait: z.array(SatisfactionWaitBucket),
});
export type SatisfactionReport = z.infer<typeof SatisfactionReport>;
