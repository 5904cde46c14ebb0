/**
 * The version of the portal's data-processing consent text (Ley 1581 de 2012). The text
 * itself is the portal's (portal/src/messages.ts, 'consent.text', Spanish and English):
 * change both together. Head office records the version each customer accepted and refuses
 * any other (`consent_version_mismatch`), so a customer is never held to a text they did
 * not see. It is its own module, free of zod, so the portal's bundle imports it for nothing.
 *
 * It is not the office's `consentPolicyVersion`: that one versions the kiosk's ID-number
 * notice, a different text shown on a different screen.
 */
export const PORTAL_CONSENT_VERSION = 'portal-2026-12';
