// SPDX-License-Identifier: AGPL-3.0-or-later
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'

export class DataFolderLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `The data folder ${dataDir} is already in use by another Waymark process (pid ${holderPid}). ` +
        `Two processes on one embedded database would silently lose writes. Stop the other process, ` +
        `or choose another folder with WAYMARK_DATA_DIR.`,
    )
    this.name = 'DataFolderLockedError'
  }
}

export interface EmbeddedDatabase {
  /** A postgres:// URL for the embedded server on loopback. */
  readonly url: string
  stop(): Promise<void>
}

const LOCK_FILE = 'waymark.lock'

/**
 * Takes the data folder's lock file, refusing if a live process holds it.
 * A lock left by a process that has died is taken over.
 */
export function lockDataFolder(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true })
  const lockPath = path.join(dataDir, LOCK_FILE)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(lockPath, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holderPid = Number(readFileSync(lockPath, 'utf8').trim())
      if (Number.isInteger(holderPid) && holderPid > 0 && isProcessAlive(holderPid)) {
        throw new DataFolderLockedError(dataDir, holderPid)
      }
      rmSync(lockPath, { force: true })
    }
  }
  throw new Error(`Could not take the lock on ${lockPath}`)
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Starts PGlite on `dataDir` in a worker thread behind pglite-socket and returns its URL.
 * @param dataDir - the Waymark data folder; the database lives in its `pgdata` subfolder
 * @param maxConnections - must be at least the size of every pool that will connect
 */
export async function startEmbeddedDatabase(dataDir: string, maxConnections = 16): Promise<EmbeddedDatabase> {
  const unlock = lockDataFolder(dataDir)
  const pgdata = path.join(dataDir, 'pgdata')
  const firstRun = !existsSync(pgdata)
  mkdirSync(pgdata, { recursive: true })
  const worker = new Worker(new URL('./embedded-worker.mjs', import.meta.url), {
    workerData: { dataDir: pgdata, maxConnections },
  })
  try {
    const port = await new Promise<number>((resolve, reject) => {
      worker.once('message', (message: { type: string; port?: number; message?: string }) => {
        if (message.type === 'ready' && message.port) resolve(message.port)
        else reject(new Error(`The embedded database did not start: ${message.message ?? 'unknown error'}`))
      })
      worker.once('error', reject)
      worker.once('exit', (code) => reject(new Error(`The embedded database stopped during start-up (exit ${code})`)))
    })
    let stopped = false
    return {
      url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
      async stop() {
        if (stopped) return
        stopped = true
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => resolve(), 10_000)
          worker.once('message', () => {
            clearTimeout(timer)
            resolve()
          })
          worker.postMessage({ type: 'stop' })
        })
        await worker.terminate()
        unlock()
      },
    }
  } catch (error) {
    await worker.terminate()
    unlock()
    if (firstRun) rmSync(pgdata, { recursive: true, force: true })
    throw error
  }
}
