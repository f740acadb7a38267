// SPDX-License-Identifier: AGPL-3.0-or-later
// The process `npm run bench -- --only scale` measures: the whole Waymark app on DATABASE_URL, and beside it, in
// the same process and on the same event loop, the two limits its figures are compared with — a bare Fastify JSON
// route and a bare nunjucks page with Waymark's layout and a twenty-row table (about what a caseload shows).
// Prints one JSON line with the two addresses; `GET /rss` on the bare server answers this process's memory.
import Fastify from 'fastify'
import nunjucks from 'nunjucks'
import { buildBenchApp } from './bench-app.ts'
import { connectDatabase } from '../../src/platform/db/database.ts'
import { createViewEnvironment } from '../../src/platform/views/views.ts'

const databaseUrl = process.env['DATABASE_URL']
if (!databaseUrl) throw new Error('DATABASE_URL is required')
const connection = connectDatabase(databaseUrl, Number(process.env['WAYMARK_DB_POOL'] ?? 10))
const app = await buildBenchApp(databaseUrl, connection.db)

const bare = Fastify({ logger: false })
const env = createViewEnvironment({ watch: false })
const page = new nunjucks.Template(
  `{% extends "layout.njk" %}{% from "nhsuk/components/tables/macro.njk" import table %}
{% block pageContent %}<h1>{{ pageTitle }}</h1>{{ table({ caption: "People", head: head, rows: rows }) }}{% endblock %}`,
  env,
)
const rows = Array.from({ length: 20 }, (_, i) => [
  { text: `Person ${i}` },
  { text: '12 March 2026' },
  { text: 'Phone call' },
  { text: 'Due' },
])
const navigation = ['My caseload', 'Referrals', 'People', 'Directory', 'Reports'].map((text) => ({
  href: `/${text.toLowerCase()}`,
  text,
}))
bare.get('/bare.json', async () => ({ ok: true, at: Date.now() }))
bare.get('/bare-page', async (_request, reply) =>
  reply.type('text/html; charset=utf-8').send(
    page.render({
      pageTitle: 'A bare page',
      head: [{ text: 'Name' }, { text: 'Last contact' }, { text: 'Type' }, { text: 'Review' }],
      rows,
      csrfToken: 'x',
      currentPath: '/bare-page',
      layoutHeader: { service: { text: 'Waymark', href: '/' }, navigation: { items: navigation } },
    }),
  ),
)
bare.get('/rss', async () => ({ rss: process.memoryUsage().rss }))

const appAddress = await app.listen({ host: '127.0.0.1', port: 0 })
const bareAddress = await bare.listen({ host: '127.0.0.1', port: 0 })
process.stdout.write(`${JSON.stringify({ app: appAddress, bare: bareAddress })}\n`)
const stop = async (): Promise<void> => {
  await bare.close()
  await app.close()
  await connection.close()
  process.exit(0)
}
process.once('SIGTERM', () => void stop())
process.once('SIGINT', () => void stop())
