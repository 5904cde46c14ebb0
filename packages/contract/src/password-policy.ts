/**
 * ASVS 2.1.1: a password someone sets has at least 12 characters (no composition rule).
 * Without zod, so the desk's admin form takes it too (the web apps carry no zod).
 */
export const PASSWORD_MIN_LENGTH = 12;
