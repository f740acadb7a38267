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
  stop(): Promise<void>
}

export async function startJobs(databaseUrl: string, log: FastifyBaseLogger): Promise<Jobs> {
  const boss = new PgBoss({ connectionString: databaseUrl, max: 2, schema: 'pgboss' })
  boss.on('error', (error: Error) => log.error({ err: { message: error.message } }, 'job queue error'))
  await boss.start()
  return {
    running: true,
    async send(queue, data, options) {
      await boss.createQueue(queue)
      await boss.send(queue, data, options ?? {})
    },
    async work(queue, handler) {
      await boss.createQueue(queue)
      await boss.work<object>(queue, async (jobs) => {
        for (const job of jobs) await handler(job.data as never)
      })
    },
    async schedule(queue, cron) {
      await boss.createQueue(queue)
      await boss.schedule(queue, cron, {}, { tz: 'UTC' })
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 })
    },
  }
}

export function disabledJobs(log: FastifyBaseLogger): Jobs {
  return {
    running: false,
    async send(queue) {
      log.debug({ queue }, 'jobs are switched off: not queued')
    },
    async work() {},
    async schedule() {},
    async stop() {},
  }
}
