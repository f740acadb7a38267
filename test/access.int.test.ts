// SPDX-License-Identifier: AGPL-3.0-or-later
// The route/access table, sorted, compared with the committed snapshot so that every change to who may
// call what shows up in review. Update it with WAYMARK_UPDATE_SNAPSHOTS=1 npm test.
import assert from 'node:assert/strict'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { useTestContext } from './helpers/test-app.ts'

const SNAPSHOT = fileURLToPath(new URL('./access-routes.snapshot.txt', import.meta.url))

const context = useTestContext()

describe('route access table', () => {
  it('matches the reviewed snapshot', () => {
    const lines = context.routeTable
      .map((route) => `${route.method.padEnd(6)} ${route.url.padEnd(60)} ${route.access}`)
      .sort()
    const table = lines.join('\n') + '\n'
    if (process.env['WAYMARK_UPDATE_SNAPSHOTS'] === '1' || !existsSync(SNAPSHOT)) writeFileSync(SNAPSHOT, table)
    assert.equal(
      table,
      readFileSync(SNAPSHOT, 'utf8'),
      'Route access changed: review it, then run WAYMARK_UPDATE_SNAPSHOTS=1 npm test',
    )
  })

  it('keeps administration and audit behind their roles', () => {
    const find = (method: string, url: string): string | undefined =>
      context.routeTable.find((r) => r.method === method && r.url === url)?.access
    assert.equal(find('GET', '/admin/users'), 'roles: administrator')
    assert.equal(find('GET', '/audit'), 'roles: administrator, supervisor')
    assert.equal(find('POST', '/sign-in'), 'public')
  })
})
