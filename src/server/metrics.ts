import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one gateway. A fresh registry per instance keeps tests independent. */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'warden_requests_total',
    help: 'Gateway requests by route, status and enforced action',
    labelNames: ['route', 'status', 'action'] as const,
    registers: [this.registry],
  });
  readonly gatewayLatency = new Histogram({
    name: 'warden_gateway_latency_seconds',
    help: 'Time Warden itself spent on a request (parse, inspect, decide, record, enforce), excluding the supplier',
    labelNames: ['route'] as const,
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
    registers: [this.registry],
  });
  readonly upstreamLatency = new Histogram({
    name: 'warden_upstream_latency_seconds',
    help: 'Time from sending to the supplier until its response headers',
    labelNames: ['supplier'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly tokens = new Counter({
    name: 'warden_tokens_total',
    help: 'Tokens reported by suppliers',
    labelNames: ['supplier', 'system', 'kind'] as const,
    registers: [this.registry],
  });
  readonly findings = new Counter({
    name: 'warden_findings_total',
    help: 'Detector findings by type and direction',
    labelNames: ['type', 'direction'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
