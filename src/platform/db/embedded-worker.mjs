// SPDX-License-Identifier: AGPL-3.0-or-later
// Runs PGlite (PostgreSQL in WASM) in its own thread and serves it over the PostgreSQL wire protocol on
// loopback, so the app talks to it with the same `pg` + Drizzle code it uses for a real server, and long
// queries do not stall the main event loop. Plain JS because worker entry points cannot be TypeScript on Node 20.
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { cube } from '@electric-sql/pglite/contrib/cube'
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'

const { dataDir, maxConnections } = workerData

// Extended-query messages that belong with the ones after them, up to the Sync that ends the batch:
// Parse, Bind, Describe, Execute, Close, Flush, and CopyData.
const BATCH_CONTINUES = new Set([...'PBDECHd'].map((c) => c.charCodeAt(0)))

/**
 * PGlite is one PostgreSQL session shared by every socket connection. pglite-socket 0.2.17 queues the wire
 * messages of all connections and runs them one at a time, keeping one connection's messages together only
 * inside an explicit transaction. Between a Parse and its Sync, though, the unnamed statement and portal are
 * session state too: another connection's Parse landing there swaps the statement, and a query answers with
 * another query's rows (measured: 1 wrong result and 8 errors in 2,000 concurrent queries). This keeps every
 * batch, up to its Sync, together as well. It replaces the queue's `processQueue` (same fields, same logic,
 * plus the batch rule), so it is pinned to that version; `embedded.int.test.ts` fails if the rule breaks.
 * It also keeps the queue running after a failed message, where 0.2.17 stopped processing for good.
 */
function keepBatchesTogether(queue, pglite) {
  let midBatch = false
  queue.processQueue = async function processQueue() {
    if (this.processing || this.queue.length === 0) return
    this.processing = true
    try {
      while (this.queue.length > 0) {
        let item
        if ((midBatch || pglite.isInTransaction()) && this.lastHandlerId !== null) {
          const index = this.queue.findIndex((queued) => queued.handlerId === this.lastHandlerId)
          // The connection in the middle of a batch has not sent its next message yet: wait for it (its
          // enqueue calls processQueue again).
          if (index === -1) break
          item = this.queue.splice(index, 1)[0]
        } else {
          item = this.queue.shift()
        }
        let bytes = 0
        try {
          await pglite.runExclusive(() =>
            pglite.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length
                item.onData(data)
              },
            }),
          )
        } catch (error) {
          item.reject(error)
          continue
        } finally {
          this.lastHandlerId = item.handlerId
          midBatch = BATCH_CONTINUES.has(item.message[0])
        }
        item.resolve(bytes)
      }
    } finally {
      this.processing = false
    }
  }
  // A connection that goes away mid-batch must not hold the others up.
  const clearTransactionIfNeeded = queue.clearTransactionIfNeeded.bind(queue)
  queue.clearTransactionIfNeeded = async function (handlerId) {
    if (this.lastHandlerId === handlerId) midBatch = false
    await clearTransactionIfNeeded(handlerId)
    await this.processQueue()
  }
}

let db
let server
try {
  db = await PGlite.create({ dataDir, extensions: { pg_trgm, cube, earthdistance, unaccent } })
  server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections })
  keepBatchesTogether(server.queryQueue, db)
  await server.start()
  const [, port] = server.getServerConn().split(':')
  parentPort.postMessage({ type: 'ready', port: Number(port) })
} catch (error) {
  // PGlite errors can carry ~20 KB of minified source: pass on only the message.
  parentPort.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) })
}

parentPort.on('message', async (message) => {
  if (message?.type !== 'stop') return
  try {
    await server?.stop()
    await db?.close()
  } finally {
    parentPort.postMessage({ type: 'stopped' })
  }
})
