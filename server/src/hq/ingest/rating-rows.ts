/**
 * A customer's rating as head office keeps it (hq_rating): one row per office and ticket,
 * linked to the ticket, service, counter and agent, never to a person, and without the
 * comment (that stays at the office). The day is the ticket's (its other figures count
 * there, so response rate = ratings / served of the same days); the hour is when it was rated.
 */
import type { RatingFact } from '@turnero/contract/ratings';
import { localSlot } from '../local-hours';

export interface RatingRow {
  ticketId: string;
  score: number;
  serviceCode: string;
  counterId: string | null;
  agentId: string | null;
  day: string;
  hour: number;
  at: Date;
  waitSeconds: number | null;
}

export function ratingRow(fact: RatingFact, at: Date, timeZone: string): RatingRow {
  return {
    ticketId: fact.ticketId,
    score: fact.score,
    serviceCode: fact.serviceCode,
    counterId: fact.counterId,
    agentId: fact.agentId,
    day: fact.day,
    hour: localSlot(at, timeZone).hour,
    at,
    waitSeconds: fact.waitSeconds,
  };
}
