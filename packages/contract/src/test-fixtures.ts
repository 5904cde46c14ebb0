/** Helpers shared by the contract's tests (not shipped: nothing outside tests imports this). */
import assert from 'node:assert/strict';
import type { z } from 'zod';

/** Asserts the schema accepts `value` and returns what it parsed to. */
export function accepts<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  assert.ok(r.success, `expected ${JSON.stringify(value)} to be accepted: ${r.error?.message}`);
  return r.data;
}

/** Asserts the schema refuses `value`; with `path`, that the first issue is at that field. */
export function rejects(schema: z.ZodType, value: unknown, path?: (string | number)[]): z.core.$ZodIssue {
  const r = schema.safeParse(value);
  assert.equal(r.success, false, `expected ${JSON.stringify(value)} to be refused`);
  const issue = r.error!.issues[0];
  if (path) assert.deepEqual(issue.path, path);
  return issue;
}

/** A string of `n` copies of `ch` (for length limits). */
export const chars = (n: number, ch = 'x'): string => ch.repeat(n);
