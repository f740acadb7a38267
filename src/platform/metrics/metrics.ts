// SPDX-License-Identifier: AGPL-3.0-or-later
// /metrics for an operator's Prometheus (issue 13): request rate and latency per route, the database pool, the job
// queues' depth and the process (memory, CPU, event-loop delay, garbage collection). Labels are route patterns
// (`/people/:personId`), methods and status codes only: never a path, an id or anything a user typed, so nothing
// personal reaches the metrics store. Answered only to a bearer token (WAYMARK_METRICS_TOKEN); off without one.
// With several app processes (ADR 0017) the process a scrape reaches asks the primary, which adds up every
// process's figures (prom-client's AggregatorRegistry) and its own job queues.
import cluster from 'node:cluster'
import { randomUUID, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import pg from 'pg'
import { AggregatorRegistry, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { Database } from '../db/database.ts'
import type { Jobs } from '../jobs/jobs.ts'

/** Seconds: from a cached page (a few ms) to a slow report (seconds). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
const ASK = 'waymark:metrics-request'
const ANSWER = 'waymark:metrics-answer'

/** The pool behind a Drizzle handle (the app's always is one). */
function poolOf(db: Database): pg.Pool | undefined {
  const client = (db as Database & { $client?: unknown }).$client
  return client instanceof pg.Pool ? client : undefined
}

/** Job queue depth, registered only in the process that runs the jobs. */
function addJobQueueDepth(registry: Registry, jobs: Jobs): void {
  if (!jobs.running) return
  new Gauge({
    name: 'waymark_job_queue_depth',
    help: 'Jobs waiting to run (created or retrying), by queue',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      for (const [queue, depth] of await jobs.queueDepths()) this.set({ queue }, depth)
    },
  })
}

export function metricsTokenMatches(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization ?? ''
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '')
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** Measures every request and serves /metrics. Register before the modules' routes so every route is timed. */
export function registerMetrics(app: FastifyInstance, deps: { db: Database; jobs: Jobs; token: string | undefined }) {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'waymark_' })
  const latency = new Histogram({
    name: 'waymark_http_request_duration_seconds',
    help: 'Time to answer a request, by route pattern, method and status code',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  })
  app.addHook('onResponse', async (request, reply) => {
    // A request no route matched is counted under one label, so a scan of random paths cannot add series.
    const route = request.routeOptions.url ?? 'unmatched'
    latency.observe({ route, method: request.method, status: String(reply.statusCode) }, reply.elapsedTime / 1000)
  })
  const pool = poolOf(deps.db)
  new Gauge({
    name: 'waymark_db_pool_connections',
    help: 'Database connections: open (total), idle, and requests waiting for one',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      if (!pool) return
      this.set({ state: 'total' }, pool.totalCount)
      this.set({ state: 'idle' }, pool.idleCount)
      this.set({ state: 'waiting' }, pool.waitingCount)
    },
  })
  addJobQueueDepth(registry, deps.jobs)
  if (cluster.isWorker) {
    // Constructing one is what makes prom-client answer the primary's requests in this process.
    new AggregatorRegistry()
    AggregatorRegistry.setRegistries([registry])
  }

  app.get('/metrics', { config: { access: 'api-client' }, logLevel: 'warn' }, async (request, reply) => {
    // Off unless configured: a 404, as for any path that is not there.
    if (!deps.token) return reply.code(404).type('text/plain').send('Not found')
    if (!metricsTokenMatches(request, deps.token))
      return reply.code(401).header('www-authenticate', 'Bearer').type('text/plain').send('Unauthorised')
    const text = cluster.isWorker ? await askPrimary() : await registry.metrics()
    return reply.type(registry.contentType).send(text)
  })
}

function askPrimary(): Promise<string> {
  return new Promise((resolve, reject) => {
    const id = randomUUID()
    const onMessage = (message: unknown) => {
      const answer = message as { type?: string; id?: string; text?: string; error?: string }
      if (answer?.type !== ANSWER || answer.id !== id) return
      clearTimeout(timer)
      process.off('message', onMessage)
      if (typeof answer.text === 'string') resolve(answer.text)
      else reject(new Error(`metrics: ${answer.error ?? 'no answer'}`))
    }
    const timer = setTimeout(() => {
      process.off('message', onMessage)
      reject(new Error('metrics: the primary process did not answer'))
    }, 5_000)
    process.on('message', onMessage)
    process.send!({ type: ASK, id })
  })
}

/** In the cluster's primary: answers app processes' /metrics with every process's figures and its own job queues. */
export function answerClusterMetrics(jobs: Jobs): void {
  const aggregator = new AggregatorRegistry()
  const own = new Registry()
  addJobQueueDepth(own, jobs)
  cluster.on('message', (worker, message: { type?: string; id?: string }) => {
    if (message?.type !== ASK) return
    Promise.all([aggregator.clusterMetrics(), own.metrics()]).then(
      ([processes, primary]) => worker.send({ type: ANSWER, id: message.id, text: `${processes}\n${primary}` }),
      (error: Error) => worker.send({ type: ANSWER, id: message.id, error: error.message }),
    )
  })
}
