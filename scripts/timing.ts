// SPDX-License-Identifier: AGPL-3.0-or-later
// What the bench scripts share: percentiles, and timing a signed-in page through app.inject.
import type { WebSession } from '../test/helpers/web-session.ts'

/** The p-th percentile of an ascending list (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

/** Times `runs` GETs of `url` after one warm-up, page to last byte; fails on anything but 200. */
export async function timeGets(session: WebSession, url: string, runs: number): Promise<{ p50: number; p95: number }> {
  const first = await session.get(url)
  if (first.statusCode !== 200) throw new Error(`${url} answered ${first.statusCode}`)
  const samples: number[] = []
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now()
    const response = await session.get(url)
    samples.push(performance.now() - started)
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`)
  }
  samples.sort((a, b) => a - b)
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) }
}
