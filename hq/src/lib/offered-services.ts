/**
 * The body of PUT /hq/offices/:code/services from the editor's fields: the ticked catalogue
 * services in catalogue order, each with the local prefix and target only when one is typed
 * (an empty field means "the catalogue's default", and stays out of the body).
 */
import type { CatalogService, PutOfficeServicesBody } from '@turnero/contract/hq-link';

export function offeredServicesBody(catalog: CatalogService[], field: (name: string) => string, ticked: string[]): PutOfficeServicesBody {
  const chosen = new Set(ticked);
  return {
    services: catalog
      .filter((c) => chosen.has(c.code))
      .map((c) => {
        const prefix = field(`prefix-${c.code}`).trim().toUpperCase();
        const target = field(`target-${c.code}`).trim();
        return { code: c.code, ...(prefix ? { prefix } : {}), ...(target ? { targetWaitMinutes: Number(target) } : {}) };
      }),
  };
}
