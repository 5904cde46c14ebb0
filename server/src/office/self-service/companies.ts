/**
 * Per-company self-service configuration: which billing system an office's company uses
 * (base URL, credential, timeouts, retries, breaker), its currency and its barcode
 * format. Read once at boot from the private JSON file named by BILLING_COMPANIES_FILE
 * (a bad file stops start-up naming the field); the credential comes from its own file
 * or environment variable and is never logged nor sent anywhere but the billing system.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CURRENCIES } from '@turnero/contract/self-service';
import { isValidGln } from '@turnero/domain/gs1';
import { ConfigError } from '../../platform/config';

const BarcodeFormat = z.discriminatedUnion('format', [
  /** The Colombian collection format: GS1-128 (415)(8020)(390n)(96). */
  z.object({ format: z.literal('gs1-collection') }),
  /** Plain Code 128 of a template: {reference}, {amount}, {amount:N} (zero-padded minor units), {due}. */
  z.object({ format: z.literal('code128-template'), template: z.string().min(1).max(80) }),
]);

export const BillingConnection = z
  .object({
    /**
     * direct: this server calls baseUrl. hq: the company's billing is reached centrally: the
     * office dials head office (HQ_URL, with its HQ_TOKEN), which relays with its own connector.
     */
    via: z.enum(['direct', 'hq']).default('direct'),
    baseUrl: z.string().url().optional(),
    /** A file holding the bearer credential (mode 600), or an environment variable naming it. */
    credentialFile: z.string().optional(),
    credentialEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional(),
    timeoutMs: z.number().int().min(50).max(30_000).default(3000),
    /** Extra attempts after a failed one (network error, timeout, 5xx). */
    retries: z.number().int().min(0).max(3).default(1),
    breakerFailures: z.number().int().min(1).max(100).default(5),
    breakerCoolDownMs: z.number().int().min(100).max(3_600_000).default(30_000),
  })
  .strict()
  .refine((c) => c.via === 'hq' || c.baseUrl, { message: 'a direct connection needs its baseUrl', path: ['baseUrl'] });
export type BillingConnection = z.infer<typeof BillingConnection>;

export const CompanyConfig = z
  .object({
    code: z.string().min(1).max(64),
    name: z.string().min(1).max(80),
    country: z.enum(['CO', 'CL', 'PA', 'SV']),
    currency: z.enum(CURRENCIES),
    /** Required by the GS1 collection format: the company's GLN (13 digits, valid check digit). */
    gln: z.string().refine(isValidGln, 'a 13-digit GLN with a valid check digit').optional(),
    barcode: BarcodeFormat.default({ format: 'gs1-collection' }),
    billing: BillingConnection,
    /** Where the coupon's QR sends a phone to pay online ("?ref=<reference>" is added) when billing gives none. */
    payUrl: z.string().url().optional(),
  })
  .strict()
  .refine((c) => c.barcode.format !== 'gs1-collection' || c.gln, { message: 'the GS1 collection format needs the company gln', path: ['gln'] });
export type CompanyConfig = z.infer<typeof CompanyConfig>;

const CompaniesFile = z.object({ companies: z.array(CompanyConfig).max(100) });

export function parseCompanies(json: unknown, source: string): CompanyConfig[] {
  const parsed = CompaniesFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${source}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data.companies;
}

/** The companies of BILLING_COMPANIES_FILE, or none (self-service then stays off). */
export function loadCompanies(file: string | undefined): CompanyConfig[] {
  if (!file) return [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new ConfigError(`BILLING_COMPANIES_FILE: cannot read ${file} as JSON`);
  }
  return parseCompanies(json, 'BILLING_COMPANIES_FILE');
}

/** The bearer credential, read when the client is made; null: the billing system takes none. */
export function readCredential(conn: BillingConnection, env: NodeJS.ProcessEnv = process.env): string | null {
  if (conn.credentialFile) {
    try {
      return readFileSync(conn.credentialFile, 'utf8').trim();
    } catch {
      throw new ConfigError(`billing credentialFile ${conn.credentialFile} cannot be read`);
    }
  }
  if (conn.credentialEnv) {
    const value = env[conn.credentialEnv];
    if (!value) throw new ConfigError(`billing credentialEnv ${conn.credentialEnv} is not set`);
    return value;
  }
  return null;
}
