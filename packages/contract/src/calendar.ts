/** Calendar values shared by the link contract and the public portal. */
import { z } from 'zod';

/** A local time of day, 24 h: "08:00", "17:30". */
export const TimeOfDay = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'HH:MM, 24 h');
/** A calendar day that exists, "2027-01-11" (not "2027-02-30"). */
export const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((d) => {
    const at = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(at) && new Date(at).toISOString().startsWith(d);
  }, 'no such date');
