/** Who sees what: admins see every office; managers only their company's. */
import { AppError } from '@turnero/domain/errors';
import type { Sql } from '../db';
import { findReportOffice } from '../store/reports-store';

export interface Viewer {
  role: string;
  company: string | null;
}

/** The company filter to apply: a manager's own company, whatever they asked for. */
export function companyScope(viewer: Viewer, requested: string | undefined): string | null {
  if (viewer.role === 'admin') return requested ?? null;
  if (viewer.role === 'manager' && viewer.company) {
    if (requested && requested !== viewer.company) {
      throw new AppError('forbidden', `You can only see offices of ${viewer.company}`);
    }
    return viewer.company;
  }
  throw new AppError('forbidden', 'Reports are for head-office users');
}

/** One office the viewer may see; another company's office is as unknown as a missing one (404). */
export async function visibleOffice(sql: Sql, viewer: Viewer, code: string): Promise<{ id: number; name: string; company: string | null }> {
  const company = companyScope(viewer, undefined);
  const office = await findReportOffice(sql, code);
  if (!office || (company !== null && office.company !== company)) throw new AppError('not_found', `No office ${code}`);
  return office;
}
