/** Prometheus metrics: process defaults plus HTTP request durations by route. */
import type { RequestHandler } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  counter(name: string, help: string, labelNames?: string[]): Counter<string>;
  /** A histogram with buckets from 0.5 ms to 1 s (in-process work, not HTTP). */
  histogram(name: string, help: string, labelNames?: string[]): Histogram<string>;
  middleware: RequestHandler;
  handler: RequestHandler;
}

export function createMetrics(prefix = 'turnero_'): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix });
  const httpDuration = new Histogram({
    name: `${prefix}http_request_duration_seconds`,
    help: 'HTTP request duration by route',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const counters = new Map<string, Counter<string>>();
  const histograms = new Map<string, Histogram<string>>();
  return {
    registry,
    httpDuration,
    counter(name, help, labelNames = []) {
      let c = counters.get(name);
      if (!c) {
        c = new Counter({ name: `${prefix}${name}`, help, labelNames, registers: [registry] });
        counters.set(name, c);
      }
      return c;
    },
    histogram(name, help, labelNames = []) {
      let h = histograms.get(name);
      if (!h) {
        h = new Histogram({
          name: `${prefix}${name}`,
          help,
          labelNames,
          buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
          registers: [registry],
        });
        histograms.set(name, h);
      }
      return h;
    },
    middleware(req, res, next) {
      const end = httpDuration.startTimer({ method: req.method });
      res.on('finish', () => {
        const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched';
        end({ route, status: String(res.statusCode) });
      });
      next();
    },
    async handler(_req, res) {
      res.set('Content-Type', registry.contentType).send(await registry.metrics());
    },
  };
}
