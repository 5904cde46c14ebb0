/**
 * Ratings (ratings.ts): what a customer may send, how a comment is cleaned before it is
 * checked, the fact head office receives (a score, never the text) and the report queries.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  RATING_COMMENT_MAX,
  RATING_SCORES,
  RATING_SOURCES,
  RatingDto,
  RatingFact,
  RatingRequest,
  RatingSummary,
  RatingSummaryQuery,
  SATISFACTION_BY,
  SATISFACTION_WAIT_BUCKETS_MINUTES,
  SatisfactionQuery,
  SatisfactionReport,
  SURVEY_WINDOW_SECONDS,
  SurveyPending,
} from './ratings';
import { accepts, chars, rejects } from './test-fixtures';

const at = '2026-12-01T15:00:00.000Z';
const fact = () => ({
  kind: 'rating',
  event: 'rated',
  ticketId: 't1',
  day: '2026-12-01',
  serviceCode: 'A',
  catalogCode: 'FACT',
  counterId: 'c1',
  agentId: 'u1',
  score: 4,
  source: 'survey_device',
  waitSeconds: 420,
});

describe('the constants of ratings', () => {
  it('five scores, three places to rate, 500-character comments, a minute on the tablet, the wait buckets', () => {
    assert.deepEqual(RATING_SCORES, [1, 2, 3, 4, 5]);
    assert.deepEqual(RATING_SOURCES, ['ticket_page', 'survey_device', 'video_booth']);
    assert.equal(RATING_COMMENT_MAX, 500);
    assert.equal(SURVEY_WINDOW_SECONDS, 60);
    assert.deepEqual(SATISFACTION_BY, ['office', 'service', 'agent']);
    assert.deepEqual(SATISFACTION_WAIT_BUCKETS_MINUTES, [5, 10, 15, 20, 30, 45, 60]);
  });
});

describe('a rating as the customer sends it', () => {
  it('is a whole score from 1 to 5', () => {
    for (const score of RATING_SCORES) assert.deepEqual(accepts(RatingRequest, { score }), { score });
    for (const score of [0, 6, 3.5, '4']) rejects(RatingRequest, { score }, ['score']);
    rejects(RatingRequest, {}, ['score']);
  });
  it('with a comment on one line: line breaks and tabs become one space, the ends are trimmed', () => {
    assert.equal(accepts(RatingRequest, { score: 5, comment: '  Muy\r\n\r\nbien\tatendido \n' }).comment, 'Muy bien atendido');
    assert.equal(accepts(RatingRequest, { score: 5, comment: '\n\t ' }).comment, '');
  });
  it('of at most 500 characters once cleaned (and 1000 as typed), without control or bidi characters', () => {
    assert.equal(accepts(RatingRequest, { score: 1, comment: chars(RATING_COMMENT_MAX) }).comment, chars(500));
    assert.equal(accepts(RatingRequest, { score: 1, comment: `${chars(500)}${' '.repeat(500)}` }).comment, chars(500));
    rejects(RatingRequest, { score: 1, comment: chars(501) }, ['comment']);
    rejects(RatingRequest, { score: 1, comment: `${chars(500)}${' '.repeat(501)}` }, ['comment']);
    for (const unsafe of ['bien\u001b@', 'bien\u202e', 'bien\u0007']) {
      assert.equal(rejects(RatingRequest, { score: 3, comment: unsafe }, ['comment']).message, 'control and bidi characters are not allowed');
    }
  });
});

describe('what the office answers', () => {
  it('a stored rating keeps its source, comment (or none) and time', () => {
    const dto = { ticketId: 't1', score: 2, comment: null, source: 'ticket_page', at };
    assert.deepEqual(accepts(RatingDto, dto), dto);
    for (const source of RATING_SOURCES) accepts(RatingDto, { ...dto, source });
    rejects(RatingDto, { ...dto, source: 'kiosk' }, ['source']);
    rejects(RatingDto, { ...dto, score: 6 }, ['score']);
  });
  it("a survey tablet sees the ticket just finished at its counter, or nothing", () => {
    const pending = { counterName: 'Módulo 2', ticket: { id: 't1', code: 'A-004', serviceName: 'Pagos', finishedAt: at, until: at } };
    assert.deepEqual(accepts(SurveyPending, pending), pending);
    assert.deepEqual(accepts(SurveyPending, { counterName: null, ticket: null }), { counterName: null, ticket: null });
    rejects(SurveyPending, { counterName: null, ticket: { id: 't1' } }, ['ticket', 'code']);
  });
  it('a summary counts each of the five scores', () => {
    const summary = { scope: 'office', count: 3, average: 4.3, highShare: 0.67, scores: [0, 0, 0, 2, 1], recent: [{ score: 5, comment: 'Bien', at, serviceName: 'Pagos' }] };
    assert.deepEqual(accepts(RatingSummary, summary), summary);
    accepts(RatingSummary, { ...summary, scope: 'mine', average: null, highShare: null, count: 0, scores: [0, 0, 0, 0, 0], recent: [] });
    rejects(RatingSummary, { ...summary, scores: [0, 0, 2, 1] }, ['scores']);
    rejects(RatingSummary, { ...summary, scope: 'all' }, ['scope']);
  });
});

describe('the report queries', () => {
  it("an agent's summary is their own unless the office is asked for, over days that do not run backwards", () => {
    assert.deepEqual(accepts(RatingSummaryQuery, {}), { scope: 'mine' });
    assert.equal(accepts(RatingSummaryQuery, { scope: 'mine' }).scope, 'mine');
    for (const bad of ['x2026-11-01', '2026-11-01x']) rejects(RatingSummaryQuery, { from: bad }, ['from']);
    assert.deepEqual(accepts(RatingSummaryQuery, { scope: 'office', from: '2026-11-01', to: '2026-11-01' }), { scope: 'office', from: '2026-11-01', to: '2026-11-01' });
    accepts(RatingSummaryQuery, { from: '2026-11-01' });
    accepts(RatingSummaryQuery, { to: '2026-11-01' });
    const backwards = rejects(RatingSummaryQuery, { from: '2026-11-02', to: '2026-11-01' }, ['from']);
    assert.equal(backwards.message, 'from must not be after to');
    rejects(RatingSummaryQuery, { scope: 'everyone' }, ['scope']);
    assert.equal(rejects(RatingSummaryQuery, { from: '1/11/2026' }, ['from']).message, 'YYYY-MM-DD');
  });
  it("head office's satisfaction is by office unless asked otherwise, from a day to a day not before it", () => {
    assert.deepEqual(accepts(SatisfactionQuery, { from: '2026-11-01', to: '2026-11-30' }), { from: '2026-11-01', to: '2026-11-30', by: 'office' });
    for (const by of SATISFACTION_BY) assert.equal(accepts(SatisfactionQuery, { from: '2026-11-01', to: '2026-11-01', by }).by, by);
    assert.equal(rejects(SatisfactionQuery, { from: '2026-11-02', to: '2026-11-01' }, ['from']).message, 'from must not be after to');
    rejects(SatisfactionQuery, { from: '2026-11-01', to: '2026-11-30', by: 'region' }, ['by']);
    rejects(SatisfactionQuery, { from: '2026-11-01' }, ['to']);
    rejects(SatisfactionQuery, { from: '2026-11-01', to: '2026-11-30', company: chars(65) }, ['company']);
  });
  it('the satisfaction report keeps its rows and wait buckets', () => {
    const report = {
      from: '2026-11-01', to: '2026-11-30', by: 'agent',
      rows: [{ key: 'u1', label: 'Ana', officeCode: 'MAN-001', responses: 4, average: 4.5, highShare: 1, served: 10, responseRate: 0.4 }],
      byWait: [{ upToMinutes: 5, responses: 4, average: 4.5 }, { upToMinutes: null, responses: 0, average: null }],
    };
    assert.deepEqual(accepts(SatisfactionReport, report), report);
    rejects(SatisfactionReport, { ...report, by: 'day' }, ['by']);
  });
});

describe('the fact head office receives', () => {
  it('a score with its place, wait and who served, and never the comment', () => {
    assert.deepEqual(accepts(RatingFact, fact()), fact());
    assert.deepEqual(accepts(RatingFact, { ...fact(), comment: 'Ana fue muy amable' }), fact());
    accepts(RatingFact, { ...fact(), catalogCode: null, counterId: null, agentId: null, waitSeconds: null });
    const { catalogCode: _, ...uncatalogued } = fact();
    accepts(RatingFact, uncatalogued);
  });
  it('refuses another kind or event, a score out of 1-5, a negative wait and fields out of bounds', () => {
    rejects(RatingFact, { ...fact(), kind: 'ticket' }, ['kind']);
    rejects(RatingFact, { ...fact(), event: 'issued' }, ['event']);
    for (const score of [0, 6, 4.5]) rejects(RatingFact, { ...fact(), score }, ['score']);
    rejects(RatingFact, { ...fact(), waitSeconds: -1 }, ['waitSeconds']);
    rejects(RatingFact, { ...fact(), waitSeconds: 1.5 }, ['waitSeconds']);
    rejects(RatingFact, { ...fact(), source: 'phone' }, ['source']);
    rejects(RatingFact, { ...fact(), ticketId: '' }, ['ticketId']);
    rejects(RatingFact, { ...fact(), ticketId: chars(65) }, ['ticketId']);
    rejects(RatingFact, { ...fact(), serviceCode: '' }, ['serviceCode']);
    rejects(RatingFact, { ...fact(), serviceCode: 'ABCD' }, ['serviceCode']);
    rejects(RatingFact, { ...fact(), counterId: chars(65) }, ['counterId']);
    rejects(RatingFact, { ...fact(), agentId: chars(65) }, ['agentId']);
    rejects(RatingFact, { ...fact(), day: '2026-12-1' }, ['day']);
  });
  it('a catalogue code is an upper-case letter then 1 to 15 upper-case letters, digits or underscores', () => {
    for (const ok of ['FA', 'FACT_2', `F${chars(15, 'X')}`]) assert.equal(accepts(RatingFact, { ...fact(), catalogCode: ok }).catalogCode, ok);
    for (const bad of ['F', '2FACT', '_FACT', 'fact', 'FACT-2', `F${chars(16, 'X')}`, ' FACT']) rejects(RatingFact, { ...fact(), catalogCode: bad }, ['catalogCode']);
  });
});
