/** The office database types. Only the store layer imports the generated Prisma client. */
import type { Prisma, PrismaClient } from '../../db/generated/office/client';

export type { PrismaClient };
/** A transaction (inside a command) or the plain client (reads). */
export type Db = Prisma.TransactionClient | PrismaClient;
