/**
 * The three staff pages in one table: who may open each, its title, and the header links
 * between them. Links go to the neighbouring pages (desk ↔ board ↔ admin) the user's role
 * may open, so an agent sees none and an admin on the board sees both.
 */
export type StaffPageName = 'desk' | 'board' | 'admin';

export interface StaffPage {
  name: StaffPageName;
  href: string;
  /** i18n keys: the page title, its header link, and the login form's heading. */
  title: string;
  navLabel: string;
  loginHeading: string;
  roles: readonly string[];
}

const STAFF_PAGES: readonly StaffPage[] = [
  { name: 'desk', href: './index.html', title: 'app.desk', navLabel: 'nav.desk', loginHeading: 'login.title', roles: ['agent', 'supervisor', 'admin'] },
  { name: 'board', href: './board.html', title: 'app.board', navLabel: 'nav.board', loginHeading: 'app.board', roles: ['supervisor', 'admin'] },
  { name: 'admin', href: './admin.html', title: 'app.admin', navLabel: 'nav.admin', loginHeading: 'app.admin', roles: ['admin'] },
];

export function staffPage(name: StaffPageName): StaffPage {
  return STAFF_PAGES.find((p) => p.name === name)!;
}

/** The pages next to this one that a user with this role may open, in table order. */
export function neighbourPages(name: StaffPageName, role: string): StaffPage[] {
  const at = STAFF_PAGES.findIndex((p) => p.name === name);
  return [STAFF_PAGES[at - 1], STAFF_PAGES[at + 1]].filter((p): p is StaffPage => p !== undefined && p.roles.includes(role));
}
