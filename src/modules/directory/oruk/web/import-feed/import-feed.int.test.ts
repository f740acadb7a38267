// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import type { LightMyRequestResponse } from 'fastify'
import { auditEvents } from '../../../../../platform/audit/audit.table.ts'
import {
  createTestContext,
  createTestOrganisation,
  type TestContext,
  type TestOrganisation,
} from '../../../../../../test/helpers/test-app.ts'
import type { WebSession } from '../../../../../../test/helpers/web-session.ts'
import { directoryServices } from '../../../directory.table.ts'

let context: TestContext
let org: TestOrganisation

const MOCK = readFileSync(
  new URL('../../test-fixtures/validator-mocks/V3.0-UK-Default/service_full.json', import.meta.url),
  'utf8',
)

before(async () => {
  context = await createTestContext()
  org = await createTestOrganisation(context, { users: { editor: ['directory-editor'], worker: ['link-worker'] } })
})
after(async () => {
  await context.close()
})

/** Submits the import form as a browser does: multipart/form-data with the page's CSRF token. */
async function submitImport(
  session: WebSession,
  fields: Record<string, string>,
  files: { name: string; content: string }[] = [],
  options: { withToken?: boolean } = {},
): Promise<LightMyRequestResponse> {
  await session.get('/directory/import')
  const form = new FormData()
  if (options.withToken !== false) form.append('_csrf', session.csrfToken()!)
  for (const [key, value] of Object.entries(fields)) form.append(key, value)
  for (const file of files) form.append('files', new Blob([file.content]), file.name)
  if (files.length === 0) form.append('files', new Blob([]), '')
  const request = new Request('http://localhost/directory/import', { method: 'POST', body: form })
  const cookie = [...session.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  const response = await context.app.inject({
    method: 'POST',
    url: '/directory/import',
    headers: { cookie, 'content-type': request.headers.get('content-type')! },
    payload: Buffer.from(await request.arrayBuffer()),
  })
  session.lastBody = response.body
  return response
}

async function importedCount(areaId: string): Promise<number> {
  const rows = await context.db
    .select({ id: directoryServices.id })
    .from(directoryServices)
    .where(and(eq(directoryServices.areaId, areaId), eq(directoryServices.sourceFeed, 'upload:Example council')))
  return rows.length
}

describe('the feed import page', () => {
  it('is for directory editors only', async () => {
    const worker = await org.users['worker']!.session()
    assert.equal((await worker.get('/directory/import')).statusCode, 403)
    const editor = await org.users['editor']!.session()
    const page = await editor.get('/directory/import')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Import a directory feed/)
    assert.match(page.body, /enctype="multipart\/form-data"/)
  })

  it('asks for a feed when nothing is given, and keeps what was typed', async () => {
    const editor = await org.users['editor']!.session()
    const empty = await submitImport(editor, { url: '', feedName: '' })
    assert.equal(empty.statusCode, 400)
    assert.match(empty.body, /There is a problem/)
    assert.match(empty.body, /href="#url"[^>]*>\s*Enter the address of a feed, or choose a file to upload/)

    const bad = await submitImport(editor, { url: 'ftp://feeds.example/oruk', feedName: '' })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Enter a web address that starts with https:\/\/ or http:\/\//)
    assert.match(bad.body, /value="ftp:\/\/feeds.example\/oruk"/)

    const noName = await submitImport(editor, { url: '', feedName: '' }, [{ name: 'feed.json', content: MOCK }])
    assert.equal(noName.statusCode, 400)
    assert.match(noName.body, /Enter where the feed comes from/)

    const wrongType = await submitImport(editor, { url: '', feedName: 'x' }, [{ name: 'feed.xml', content: '<x/>' }])
    assert.match(wrongType.body, /The selected files must be JSON or CSV/)
  })

  it('refuses to read a private network address, so editors cannot reach internal services', async () => {
    const editor = await org.users['editor']!.session()
    for (const url of ['http://127.0.0.1:9/oruk', 'http://[::1]/oruk', 'http://169.254.169.254/latest/meta-data']) {
      const response = await submitImport(editor, { url, feedName: '' })
      assert.equal(response.statusCode, 400, url)
      assert.match(response.body, /is a private network address; only public feeds can be imported here/)
    }
  })

  it('imports an uploaded ORUK file, shows the report, and a second upload changes nothing', async () => {
    const editor = await org.users['editor']!.session()
    const first = await submitImport(editor, { url: '', feedName: 'Example council' }, [
      { name: 'service.json', content: MOCK },
    ])
    assert.equal(first.statusCode, 303)
    const reportUrl = first.headers.location!
    assert.match(reportUrl, /^\/directory\/import\/[0-9a-f-]{36}$/)
    const report = await editor.get(reportUrl)
    assert.equal(report.statusCode, 200)
    assert.match(report.body, /1 listing added, 0 updated, 0 unchanged, 0 rejected/)
    assert.match(report.body, /Community Counselling/)
    assert.match(report.body, /Example council \(uploaded file\)/)
    assert.equal(await importedCount(org.organisation.areaId), 1)

    const second = await submitImport(editor, { url: '', feedName: 'Example council' }, [
      { name: 'service.json', content: MOCK },
    ])
    const again = await editor.get(second.headers.location!)
    assert.match(again.body, /0 listings added, 0 updated, 1 unchanged, 0 rejected/)
    assert.equal(await importedCount(org.organisation.areaId), 1)

    const list = await editor.get('/directory/import')
    assert.equal((list.body.match(/Example council \(uploaded file\)/g) ?? []).length, 2, 'both imports listed')

    const audited = await context.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.chainId, org.organisation.id), eq(auditEvents.action, 'import-directory-feed')))
    assert.equal(audited.length, 2)
  })

  it('imports the CSV files of a datapackage and lists rejected records with the reason', async () => {
    const editor = await org.users['editor']!.session()
    const response = await submitImport(editor, { url: '', feedName: 'Parks CSV' }, [
      { name: 'organizations.csv', content: 'id,name,description\norg-1,Friends of the Park,Volunteers\n' },
      {
        name: 'services.csv',
        content: 'id,organization_id,name,description,status\ns-1,org-1,Park run,5k,active\ns-2,org-1,Bad,x,open\n',
      },
    ])
    assert.equal(response.statusCode, 303)
    const report = await editor.get(response.headers.location!)
    assert.match(report.body, /1 listing added, 0 updated, 0 unchanged, 1 rejected/)
    assert.match(report.body, /The status &quot;open&quot; is not one of active, inactive, defunct, temporarily closed/)
  })

  it('lists the listings a feed no longer has', async () => {
    const editor = await org.users['editor']!.session()
    const first = JSON.parse(MOCK) as { id: string; name: string }
    const second = { ...first, id: '0f0f0f0f-0000-4000-8000-000000000002', name: 'Carers café' }
    const both = await submitImport(editor, { url: '', feedName: 'Shrinking feed' }, [
      { name: 'feed.json', content: JSON.stringify([first, second]) },
    ])
    assert.match((await editor.get(both.headers.location!)).body, /2 listings added/)
    const one = await submitImport(editor, { url: '', feedName: 'Shrinking feed' }, [
      { name: 'feed.json', content: JSON.stringify([first]) },
    ])
    const report = await editor.get(one.headers.location!)
    assert.match(report.body, /No longer in the feed \(1\)/)
    assert.match(report.body, /Carers café/)
  })

  it('refuses a submission without the CSRF token and imports nothing', async () => {
    const editor = await org.users['editor']!.session()
    const response = await submitImport(
      editor,
      { url: '', feedName: 'No token' },
      [{ name: 's.json', content: MOCK }],
      {
        withToken: false,
      },
    )
    assert.equal(response.statusCode, 400)
    const rows = await context.db
      .select({ id: directoryServices.id })
      .from(directoryServices)
      .where(eq(directoryServices.sourceFeed, 'upload:No token'))
    assert.equal(rows.length, 0)
  })

  it('shows a report only to editors of the same area', async () => {
    const editor = await org.users['editor']!.session()
    const response = await submitImport(editor, { url: '', feedName: 'Example council' }, [
      { name: 'service.json', content: MOCK },
    ])
    const other = await createTestOrganisation(context, { users: { editor: ['directory-editor'] } })
    const outsider = await other.users['editor']!.session()
    assert.equal((await outsider.get(response.headers.location!)).statusCode, 404)
    assert.equal((await outsider.get('/directory/import/not-an-id')).statusCode, 404)
  })
})
