// SPDX-License-Identifier: AGPL-3.0-or-later
// A small closed-loop load driver for the scale bench: `connections` loops, each sending one request at a time
// over a kept-alive socket, choosing among weighted operations, and recording every latency by operation. It
// does what autocannon does for one URL, for a mix of signed-in pages, forms and API calls.
import http from 'node:http'

export interface Request {
  method: 'GET' | 'POST'
  path: string
  headers?: Record<string, string>
  body?: string
}

export interface Operation {
  name: string
  weight: number
  /** Builds the next request; `loop` is the connection's number, so each connection can act as its own user. */
  next(loop: number, sequence: number): Request
  /** Status codes that count as success (default: 200). */
  ok?: readonly number[]
}

export interface Response {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

export function send(agent: http.Agent, base: string, request: Request): Promise<Response> {
  const url = new URL(request.path, base)
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      url,
      {
        agent,
        method: request.method,
        headers: {
          ...request.headers,
          ...(request.body === undefined ? {} : { 'content-length': Buffer.byteLength(request.body).toString() }),
        },
      },
      (incoming) => {
        const chunks: Buffer[] = []
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        )
        incoming.on('error', reject)
      },
    )
    outgoing.on('error', reject)
    if (request.body !== undefined) outgoing.write(request.body)
    outgoing.end()
  })
}

export interface OperationResult {
  name: string
  requests: number
  failures: number
  perSecond: number
  p50: number
  p95: number
  p99: number
  /** The first unexpected status seen, to say what went wrong. */
  firstFailure: string | null
}

export interface LoadResult {
  seconds: number
  connections: number
  total: { requests: number; failures: number; perSecond: number; p50: number; p95: number; p99: number }
  operations: OperationResult[]
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

/** A seeded generator (mulberry32), so every run chooses the same sequence of operations. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function summarise(
  name: string,
  latencies: number[],
  failures: number,
  seconds: number,
  firstFailure: string | null,
): OperationResult {
  const sorted = [...latencies].sort((a, b) => a - b)
  const round = (ms: number) => Math.round(ms * 10) / 10
  return {
    name,
    requests: latencies.length,
    failures,
    perSecond: Math.round((latencies.length / seconds) * 10) / 10,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    firstFailure,
  }
}

/** Runs `operations` for `seconds` over `connections` loops against `base`. */
export async function runLoad(
  base: string,
  operations: readonly Operation[],
  options: { connections: number; seconds: number; seed?: number },
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections })
  const totalWeight = operations.reduce((sum, op) => sum + op.weight, 0)
  const latencies = new Map(operations.map((op) => [op.name, [] as number[]]))
  const failures = new Map(operations.map((op) => [op.name, 0]))
  const firstFailures = new Map<string, string>()
  const all: number[] = []
  const started = performance.now()
  const deadline = started + options.seconds * 1000
  const loop = async (index: number): Promise<void> => {
    const choose = random((options.seed ?? 1) * 1000 + index)
    let sequence = 0
    while (performance.now() < deadline) {
      let pick = choose() * totalWeight
      const op = operations.find((candidate) => (pick -= candidate.weight) < 0) ?? operations.at(-1)!
      const request = op.next(index, sequence++)
      const before = performance.now()
      let outcome: string | null
      try {
        const response = await send(agent, base, request)
        outcome = (op.ok ?? [200]).includes(response.status)
          ? null
          : `${response.status} ${request.method} ${request.path}: ${response.body.slice(0, 160)}`
      } catch (error) {
        outcome = `${request.method} ${request.path}: ${error instanceof Error ? error.message : String(error)}`
      }
      const ms = performance.now() - before
      if (outcome) {
        failures.set(op.name, failures.get(op.name)! + 1)
        if (!firstFailures.has(op.name)) firstFailures.set(op.name, outcome)
      }
      latencies.get(op.name)!.push(ms)
      all.push(ms)
    }
  }
  await Promise.all(Array.from({ length: options.connections }, (_, i) => loop(i)))
  const seconds = (performance.now() - started) / 1000
  agent.destroy()
  const total = summarise(
    'total',
    all,
    [...failures.values()].reduce((a, b) => a + b, 0),
    seconds,
    null,
  )
  return {
    seconds,
    connections: options.connections,
    total: {
      requests: total.requests,
      failures: total.failures,
      perSecond: total.perSecond,
      p50: total.p50,
      p95: total.p95,
      p99: total.p99,
    },
    operations: operations.map((op) =>
      summarise(op.name, latencies.get(op.name)!, failures.get(op.name)!, seconds, firstFailures.get(op.name) ?? null),
    ),
  }
}
