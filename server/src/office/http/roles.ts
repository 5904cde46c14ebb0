/** Who may call what. A kiosk only issues; a display only reads; agents act at their counter. */
export const STAFF = ['agent', 'supervisor', 'admin'] as const;
export const MANAGERS = ['supervisor', 'admin'] as const;
export const ADMINS = ['admin'] as const;
export const ISSUERS = ['kiosk', 'agent', 'supervisor', 'admin'] as const;
export const READERS = ['display', 'agent', 'supervisor', 'admin'] as const;
export const EVERYONE = ['kiosk', 'display', 'agent', 'supervisor', 'admin'] as const;
