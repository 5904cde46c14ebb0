/**
 * The desk, board and admin texts: one catalogue per language, Spanish (es-CO) first,
 * English second, assembled from one part per page (messages/*.ts) and registered in the
 * shared i18n catalogue once, on import. A key belongs to exactly one part.
 */
import { registerMessages } from '@turnero/web-client/i18n';
import { adminEn, adminEs } from './messages/admin';
import { boardEn, boardEs } from './messages/board';
import { deskEn, deskEs } from './messages/desk';
import { sharedEn, sharedEs } from './messages/shared';

/** Each page's part, for checking that no key is defined twice. */
export const MESSAGE_PARTS = {
  shared: { es: sharedEs, en: sharedEn },
  desk: { es: deskEs, en: deskEn },
  board: { es: boardEs, en: boardEn },
  admin: { es: adminEs, en: adminEn },
};

const es = { ...sharedEs, ...deskEs, ...boardEs, ...adminEs };
const en: Record<keyof typeof es, string> = { ...sharedEn, ...deskEn, ...boardEn, ...adminEn };

export const DESK_MESSAGES = { es, en };
registerMessages(DESK_MESSAGES);
