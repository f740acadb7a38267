// SPDX-License-Identifier: AGPL-3.0-or-later
// A store for @fastify/rate-limit that counts in the database, so a limit holds across every app process and node
// (issue #15: "no rate limit is bypassed"). One upsert per limited request: the row's counter restarts when its
// window has ended. Expired rows are swept now and then by the same store, so no job is needed.
import type { FastifyRateLimitStore } from '@fastify/rate-limit'
import { sql } from 'drizzle-orm'
import type { Database } from '../db/database.ts'

/** Sweep expired counters on about one request in this many. */
const SWEEP_EVERY = 1000

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void

class DatabaseRateLimitStore implements FastifyRateLimitStore {
  constructor(
    private readonly db: Database,
    private readonly prefix: string,
  ) {}

  incr(key: string, callback: Callback, timeWindow: number): void {
    void this.count(`${this.prefix}${key}`, timeWindow).then(
      (result) => callback(null, result),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    )
  }

  child(routeOptions: { routeInfo?: { method?: string; url?: string }; path?: string }): FastifyRateLimitStore {
    const route = routeOptions.routeInfo
      ? `${routeOptions.routeInfo.method} ${routeOptions.routeInfo.url}`
      : routeOptions.path
    return new DatabaseRateLimitStore(this.db, `${this.prefix}${route ?? ''}|`)
  }

  private async count(key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
    if (Math.random() * SWEEP_EVERY < 1)
      await this.db.execute(sql`delete from rate_limits where window_ends_at < now() - interval '1 hour'`)
    const result = await this.db.execute<{ count: number; ttl: number }>(sql`
      insert into rate_limits (key, count, window_ends_at)
      values (${key}, 1, now() + make_interval(secs => ${windowMs / 1000}::float))
      on conflict (key) do update set
        count = case when rate_limits.window_ends_at <= now() then 1 else rate_limits.count + 1 end,
        window_ends_at = case when rate_limits.window_ends_at <= now()
          then now() + make_interval(secs => ${windowMs / 1000}::float) else rate_limits.window_ends_at end
      returning count, greatest(0, ceil(extract(epoch from window_ends_at - now()) * 1000))::float as ttl`)
    const row = result.rows[0]!
    return { current: row.count, ttl: row.ttl }
  }
}

/** The `store` option for @fastify/rate-limit: a constructor bound to this database. */
export function databaseRateLimitStore(db: Database): new () => FastifyRateLimitStore {
  return class extends DatabaseRateLimitStore {
    constructor() {
      super(db, '')
    }
  }
}
