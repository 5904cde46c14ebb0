/** Who sees what: admins see every office; managers only their company's. */
import { AppError } from '@turnero/domain/errors';

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
