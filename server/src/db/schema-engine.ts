// Loads Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm) and
// runs one job with it over a driver adapter. The `prisma migrate` CLI needs a Rust binary
// that cannot be downloaded on our machines; this engine does the same work in-process
// (see docs/prisma-offline.md).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  bindMigrationAwareSqlAdapterFactory,
  type ErrorRegistry,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

type EngineModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg') & {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
};

let engineModule: Promise<EngineModule> | undefined;

/**
 * The package's own entry does `import * as wasm from './x.wasm'`, which Node 20 only allows
 * with --experimental-wasm-modules. We import its JS glue and instantiate the .wasm ourselves,
 * once per process.
 */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as EngineModule;
    const bytes = await readFile(gluePath.replace(/\.js$/, '.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': withUnrefTimers(glue) });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
    return glue;
  })();
  engineModule.catch(() => (engineModule = undefined));
  return engineModule;
}

/**
 * The engine races some steps (e.g. PostgreSQL's advisory lock, 10 s) against timers it
 * never clears, which kept short-lived processes (scripts, test files) alive for 10 s after
 * the work was done. Its timers are unref'd: they still fire while the process is busy.
 */
function withUnrefTimers(glue: EngineModule): WebAssembly.ModuleImports {
  const imports = { ...glue } as unknown as WebAssembly.ModuleImports;
  for (const name of Object.keys(imports)) {
    if (name.startsWith('__wbg_setTimeout_')) {
      imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
    }
  }
  return imports;
}

interface EngineJobOptions {
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** Schema file name (as shown in engine messages) and its text. */
  schema: { path: string; content: string };
  /** Receives the engine's log lines as `schema-engine LEVEL: message`. */
  log?: (msg: string) => void;
}

/**
 * Runs `job` with a fresh engine, then frees the engine and closes every connection it
 * opened (main and shadow), whether the job succeeded or not.
 */
export async function withSchemaEngine<T>(opts: EngineJobOptions, job: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const glue = await loadEngineModule();
  const tracked = trackConnections(opts.adapterFactory);
  const log = opts.log ?? (() => {});
  const bound = bindMigrationAwareSqlAdapterFactory(tracked.factory);
  let engine: SchemaEngine | undefined;
  let failure: Error | undefined;
  try {
    engine = await glue.SchemaEngine.new(
      { datamodels: [[opts.schema.path, opts.schema.content]] },
      (line: string) => log(readableLogLine(line)),
      bound,
    );
    return await job(engine);
  } catch (err) {
    failure = explain(err, bound.errorRegistry);
    throw failure;
  } finally {
    engine?.free();
    // A failure to close must not hide the job's own error.
    await tracked.closeAll().catch((err) => {
      if (!failure) throw err;
    });
  }
}

/** The engine logs tracing events as JSON; keep the level and message. */
function readableLogLine(line: string): string {
  try {
    const event = JSON.parse(line) as { level?: string; fields?: Record<string, unknown> };
    const { message, ...rest } = event.fields ?? {};
    // Values can be whole migration scripts: keep a short, one-line start of each.
    const details = Object.entries(rest).map(([key, value]) => {
      const text = (typeof value === 'string' ? value : JSON.stringify(value)).replace(/\s+/g, ' ').trim();
      return `${key}=${text.length > 120 ? `${text.slice(0, 120)}…` : text}`;
    });
    const text = [message, ...details].filter((part) => part !== undefined && part !== '').join(' ');
    return `schema-engine ${event.level ?? 'INFO'}: ${text.replace(/\s+/g, ' ').trim()}`;
  } catch {
    // not JSON: pass it through as it came
  }
  return `schema-engine: ${line}`;
}

/**
 * The engine reports database errors raised in JS as "External error id#N"; the real error
 * sits in the adapter's error registry. Put its message in the Error we throw.
 */
function explain(err: unknown, registry: ErrorRegistry): Error {
  const error = asError(err);
  error.message = error.message.replace(/External error id#(\d+)/g, (text, id: string) => {
    const record = registry.consumeError(Number(id));
    if (!record) return text;
    const inner = record.error as { message?: string; cause?: { message?: string; originalMessage?: string } };
    return inner.cause?.originalMessage ?? inner.cause?.message ?? inner.message ?? String(record.error);
  });
  return error;
}

/** The engine throws plain strings or objects at times; make them Errors with a readable message. */
function asError(err: unknown): Error {
  if (err instanceof Error) return err;
  if (typeof err === 'string') return new Error(err);
  try {
    return new Error(JSON.stringify(err));
  } catch {
    return new Error(String(err));
  }
}

/** Wraps a factory so that every adapter it hands out can be disposed exactly once later. */
function trackConnections(base: SqlMigrationAwareDriverAdapterFactory) {
  const open = new Set<SqlDriverAdapter>();
  const track = async (connecting: Promise<SqlDriverAdapter>) => {
    const adapter = await connecting;
    const dispose = adapter.dispose.bind(adapter);
    let disposing: Promise<void> | undefined;
    adapter.dispose = () => {
      open.delete(adapter);
      return (disposing ??= dispose());
    };
    open.add(adapter);
    return adapter;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => track(base.connect()),
    connectToShadowDb: () => track(base.connectToShadowDb().then(runScriptsWhole)),
  };
  const closeAll = async () => {
    const results = await Promise.allSettled([...open].map((a) => a.dispose()));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw asError((failed as PromiseRejectedResult).reason);
  };
  return { factory, closeAll };
}

/**
 * The wasm engine replays migration files on a SQLite shadow database with `executeRaw`,
 * which better-sqlite3 refuses for more than one statement ("The supplied SQL string
 * contains more than one statement"). Parameterless SQL on the shadow database goes
 * through `executeScript` instead (sqlite3_exec runs a whole script).
 */
function runScriptsWhole(adapter: SqlDriverAdapter): SqlDriverAdapter {
  if (adapter.provider !== 'sqlite') return adapter;
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length > 0) return executeRaw(query);
    await adapter.executeScript(query.sql);
    return 0;
  };
  return adapter;
}
