// SPDX-License-Identifier: AGPL-3.0-or-later
// A supervisor loads a licensed questionnaire's wording from the page (the command line does the same): every
// problem is listed and nothing is loaded until the pack fits; once loaded, link workers can ask it. Link
// workers cannot load one.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { allocatedReferral, inProgressCase, testService } from '../../../test/factories/casework.ts'
import { useTestContext, type TestOrganisation } from '../../../test/helpers/test-app.ts'
import { findInstrument } from './catalogue.ts'

const context = useTestContext()
let org: TestOrganisation
const PAGE = '/outcomes/content-packs'

function wemwbsPack(items?: Record<string, string>) {
  const wemwbs = findInstrument('wemwbs')!
  return {
    format: 'waymark-instrument-content/1',
    instrument: 'wemwbs',
    version: wemwbs.version,
    preamble: 'Below are some statements about feelings and thoughts.',
    items: items ?? Object.fromEntries(wemwbs.items.map((i, n) => [i.id, `Licensed statement ${n + 1}`])),
    responseLabels: {
      frequency: { 1: 'None of the time', 2: 'Rarely', 3: 'Some of the time', 4: 'Often', 5: 'All of the time' },
    },
  }
}

describe('loading a content pack from the page', () => {
  before(async () => {
    org = await testService(context)
  })

  it('lists every problem and loads nothing until the pack fits, then link workers can ask it', async () => {
    const supervisor = await org.users['supervisor']!.session()
    const page = await supervisor.get(PAGE)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Warwick-Edinburgh Mental Wellbeing Scale \(WEMWBS\)[\s\S]*?Not loaded/)

    const none = await supervisor.post(PAGE, {}, { csrfFrom: PAGE })
    assert.equal(none.statusCode, 400)
    assert.match(none.body, /Choose the content pack file to load/)
    const notJson = await supervisor.upload(PAGE, { name: 'pack.json', content: '{ not json' })
    assert.equal(notJson.statusCode, 400)
    assert.match(notJson.body, /The file is not valid JSON/)
    const csv = await supervisor.upload(PAGE, { name: 'pack.csv', content: 'a,b' })
    assert.match(csv.body, /The file must be a JSON file/)
    const notPack = await supervisor.upload(PAGE, { name: 'pack.json', content: JSON.stringify({ format: 'x' }) })
    assert.equal(notPack.statusCode, 400)
    assert.match(notPack.body, /The file is not a content pack/)
    assert.match(notPack.body, /Problems with the file/)
    const short = await supervisor.upload(PAGE, {
      name: 'wemwbs.json',
      content: JSON.stringify(wemwbsPack({ item1: 'Only one', extra: '<b>Not an item</b>' })),
    })
    assert.equal(short.statusCode, 400)
    assert.match(short.body, /No wording for item item2/)
    assert.match(short.body, /Item extra is not in/)
    assert.doesNotMatch(short.body, /<b>Not an item<\/b>/)

    const worker = await org.users['worker']!.session()
    const referralId = await allocatedReferral(context, org)
    await inProgressCase(context, org, referralId)
    assert.equal((await worker.get(`/caseload/${referralId}/outcomes/new/wemwbs`)).statusCode, 409)

    const loaded = await supervisor.upload(PAGE, { name: 'wemwbs.json', content: JSON.stringify(wemwbsPack()) })
    assert.equal(loaded.statusCode, 303)
    assert.equal(loaded.headers.location, `${PAGE}?loaded=wemwbs`)
    const after = await supervisor.get(loaded.headers.location)
    assert.match(after.body, /The wording of Warwick-Edinburgh Mental Wellbeing Scale \(WEMWBS\) has been loaded/)
    const form = await worker.get(`/caseload/${referralId}/outcomes/new/wemwbs`)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /Licensed statement 14/)
  })

  it('is not for link workers', async () => {
    const worker = await org.users['worker']!.session()
    assert.equal((await worker.get(PAGE)).statusCode, 403)
    const upload = await worker.upload(
      PAGE,
      { name: 'wemwbs.json', content: JSON.stringify(wemwbsPack()) },
      { csrfFrom: '/caseload' },
    )
    assert.equal(upload.statusCode, 403)
  })
})
