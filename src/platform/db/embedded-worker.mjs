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

let db
let server
try {
  db = await PGlite.create({ dataDir, extensions: { pg_trgm, cube, earthdistance, unaccent } })
  server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections })
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
