// SPDX-License-Identifier: AGPL-3.0-or-later
import { PgTransaction } from 'drizzle-orm/pg-core'
import type { Queryable } from './database.ts'

// PromiseLike, because Drizzle's query builders are thenables that run when awaited.
type Thunks<T extends readonly unknown[]> = { readonly [K in keyof T]: () => PromiseLike<T[K]> }

/**
 * Runs independent queries at the same time on the pool, and one after another inside a transaction: a
 * transaction is one connection, and pg refuses overlapping queries on a client from pg 9 (it warns now).
 * Repositories that may be called either way use this instead of `Promise.all`.
 */
export async function queriesTogether<T extends readonly unknown[] | []>(
  db: Queryable,
  queries: Thunks<T>,
): Promise<T> {
  if (!(db instanceof PgTransaction)) return (await Promise.all(queries.map((query) => query()))) as unknown as T
  const results: unknown[] = []
  for (const query of queries) results.push(await query())
  return results as unknown as T
}
