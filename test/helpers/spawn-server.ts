// SPDX-License-Identifier: AGPL-3.0-or-later
// `src/server.ts` as a real child process, for the tests that start, stop or kill the server.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface SpawnedServer {
  child: ChildProcess
  output: () => string
  /** Where it listens, once it says so (rejects if it exits first). */
  address: Promise<string>
}

/** Runs `src/server.ts` as `npm start` does, resolving `address` once it says where it listens. */
export function spawnWaymark(env: NodeJS.ProcessEnv): SpawnedServer {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const address = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /Waymark is running at (http:\/\/\S+)/.exec(output)
      if (match) resolve(match[1]!.replace('localhost', '127.0.0.1'))
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)))
  })
  address.catch(() => undefined)
  return { child, output: () => output, address }
}

export function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode)
    else child.once('exit', (code) => resolve(code))
  })
}

/**
 * A server on the test runner's database (DATABASE_URL), with no jobs, demo or logs, and API limits out of the way.
 * @param overrides - settings of the test's own (a rate limit to prove, say)
 */
export function spawnTestServer(overrides: Record<string, string> = {}): SpawnedServer {
  return spawnWaymark({
    ...process.env,
    PORT: '0',
    NODE_ENV: 'test',
    WAYMARK_JOBS: 'false',
    WAYMARK_SEED_DEMO: 'false',
    WAYMARK_LOG_LEVEL: 'silent',
    WAYMARK_API_RATE_LIMIT: '100000',
    WAYMARK_SESSION_SECRET: 'spawned-test-server-secret-spawned-0123456789',
    ...overrides,
  })
}
