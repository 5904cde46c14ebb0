/**
 * What a survey tablet shows: the ticket finished last at its counter, for
 * SURVEY_WINDOW_SECONDS after its finish, unless it was rated already. The tablet asks
 * again whenever it hears a ticket finish, so the server alone decides what it offers.
 */
import { SURVEY_WINDOW_SECONDS, type SurveyPending } from '@turnero/contract/ratings';
import { AppError } from '@turnero/domain/errors';
import type { OfficeDeps, Principal } from '../context';
import { findDevice } from '../store/device-store';
import { findRating, lastFinishedAt } from '../store/rating-store';

export async function pendingSurvey(deps: OfficeDeps, principal: Principal): Promise<SurveyPending> {
  return deps.bus.read(async (db, liveView) => {
    const device = principal.deviceId ? await findDevice(db, principal.deviceId) : null;
    if (!device || device.device.kind !== 'survey') throw new AppError('forbidden', 'Only a survey tablet has a survey');
    const view = await liveView();
    const counterIds = device.device.counterIds;
    const counterName = counterIds.length ? (view.counterById.get(counterIds[0])?.name ?? null) : null;
    const last = await lastFinishedAt(db, counterIds);
    if (!last?.finishedAt) return { counterName, ticket: null };
    const until = new Date(last.finishedAt.getTime() + SURVEY_WINDOW_SECONDS * 1000);
    if (deps.clock.now() >= until || (await findRating(db, last.id))) return { counterName, ticket: null };
    return {
      counterName: (last.counterId && view.counterById.get(last.counterId)?.name) || counterName,
      ticket: {
        id: last.id,
        code: last.code,
        serviceName: view.serviceById.get(last.serviceId)?.nameEs ?? '',
        finishedAt: last.finishedAt.toISOString(),
        until: until.toISOString(),
      },
    };
  });
}
