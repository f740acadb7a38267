// SPDX-License-Identifier: AGPL-3.0-or-later
import PgBoss from 'pg-boss'
import type { FastifyBaseLogger } from 'fastify'

export type JobHandler<T> = (data: T) => Promise<void>

/**
 * Background jobs on pg-boss (works on the embedded database and on PostgreSQL). When jobs are
 * switched off (tests, or a web-only replica) sending is a no-op that says so in the log.
 */
export interface Jobs {
  readonly running: boolean
  send<T extends object>(queue: string, data: T, options?: { singletonKey?: string; startAfter?: Date }): Promise<void>
  work<T extends object>(queue: string, handler: JobHandler<T>): Promise<void>
  /** Runs `queue` on a cron schedule (UTC). */
  schedule(queue: string, cron: string): Promise<void>
  /** Jobs waiting (created or retrying) in each queue this process has used, for /metrics. */
  queueDepths(): Promise<Map<string, number>>
  stop(): Promise<void>
}

export async function startJobs(databaseUrl: string, log: FastifyBaseLogger): Promise<Jobs> {
  const boss = new PgBoss({ connectionString: databaseUrl, max: 2, schema: 'pgboss' })
  boss.on('error', (error: Error) => log.error({ err: { message: error.message } }, 'job queue error'))
  await boss.start()
  const queues = new Set<string>()
  const ensureQueue = async (queue: string) => {
    if (queues.has(queue)) return
    await createQueueOnce(boss, queue)
    queues.add(queue)
  }
  return {
    running: true,
    async send(queue, data, options) {
      await ensureQueue(queue)
      await boss.send(queue, data, options ?? {})
    },
    async work(queue, handler) {
      await ensureQueue(queue)
      await boss.work<object>(queue, async (jobs) => {
        for (const job of jobs) await handler(job.data as never)
      })
    },
    async schedule(queue, cron) {
      await ensureQueue(queue)
      await boss.schedule(queue, cron, {}, { tz: 'UTC' })
    },
    async queueDepths() {
      // pg-boss counts one queue at a time; a process uses a dozen queues, and this runs once a scrape.
      const depths = await Promise.all([...queues].map(async (q) => [q, await boss.getQueueSize(q)] as const))
      return new Map(depths)
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 })
    },
  }
}

/**
 * pg-boss creates a queue as a row and a partition of its job table; two nodes starting at once, creating the same
 * queues, can deadlock on that DDL (found by jobs.int.test.ts; pg-boss 10.4). Creating a queue is idempotent,
 * so the transaction PostgreSQL chose to abort is simply tried again, and a queue that exists is left alone.
 */
async function createQueueOnce(boss: PgBoss, queue: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (await boss.getQueue(queue)) return
      await boss.createQueue(queue)
      return
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK_DETECTED || attempt >= 5) throw error
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 50))
    }
  }
}

const DEADLOCK_DETECTED = '40P01'

export function disabledJobs(log: FastifyBaseLogger): Jobs {
  return {
    running: false,
    async send(queue) {
      log.debug({ queue }, 'jobs are switched off: not queued')
    },
    async work() {},
    async schedule() {},
    async queueDepths() {
      return new Map()
    },
    async stop() {},
  }
}
