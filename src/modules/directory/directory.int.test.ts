// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import {
  createTestContext,
  createTestOrganisation,
  type TestContext,
  type TestOrganisation,
} from '../../../test/helpers/test-app.ts'
import { scopeForSystemTask } from '../../platform/db/org-scope.ts'
import { createListing } from './directory.service.ts'
import { listingSnapshot } from './directory.fixtures.ts'
import { importPostcodesFromCsv } from './postcodes.service.ts'

const ONSPD_EXTRACT = fileURLToPath(
  new URL('../../../../shared/reference/onspd-extract-postcodes-io-seed/onspd-extract.csv', import.meta.url),
)

let context: TestContext
let team: TestOrganisation

const editorOf = (t: TestOrganisation) => ({
  userId: t.users['editor']!.id,
  displayName: t.users['editor']!.displayName,
  email: t.users['editor']!.email,
})
const systemActor = { userId: null, organisationId: null, role: null, ipAddress: null, correlationId: null }

before(async () => {
  context = await createTestContext()
  await importPostcodesFromCsv(context.db, ONSPD_EXTRACT)
  team = await createTestOrganisation(context, {
    users: { worker: ['link-worker'], editor: ['directory-editor'], commissioner: ['commissioner'] },
  })
})
after(async () => {
  await context.close()
})

async function seedListing(
  t: TestOrganisation,
  overrides: Parameters<typeof listingSnapshot>[0] = {},
): Promise<string> {
  const scope = scopeForSystemTask(context.db, t.organisation, 'setting up a test area directory')
  return createListing(scope, editorOf(t), listingSnapshot(overrides), {
    ...systemActor,
    organisationId: t.organisation.id,
  })
}

describe('directory search', () => {
  it('finds a free Tuesday-evening walking group within 2 km of AB10 1AA that welcomes newcomers', async () => {
    const walk = await seedListing(team)
    // Decoys: too far, paid, daytime, invitation only.
    await seedListing(team, {
      name: 'Bennachie hill walk',
      location: {
        ...listingSnapshot().location!,
        name: 'Bennachie car park',
        postalCode: 'AB51 5HX',
        latitude: 57.29,
        longitude: -2.52,
      },
    })
    await seedListing(team, {
      name: 'Paid evening walk',
      costs: [{ option: 'per session', amount: 4, amountDescription: null }],
    })
    await seedListing(team, {
      name: 'Morning walk',
      schedules: [{ freq: 'WEEKLY', interval: 1, byday: 'TU', opensAt: '10:00', closesAt: '11:00', description: null }],
    })
    await seedListing(team, {
      name: 'Members walk',
      service: { ...listingSnapshot().service, name: 'Members walk', welcome: 'invitation-only' },
    })
    const session = await team.users['worker']!.session()
    const response = await session.get(
      '/directory?q=walking+group&postcode=ab10+1aa&distance=2&day=TU&when=evening&cost=free&newcomers=yes',
    )
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /1 service found/)
    assert.match(response.body, new RegExp(`/directory/services/${walk}`))
    assert.match(response.body, /km away|m away/)
    assert.doesNotMatch(response.body, /Bennachie|Paid evening|Morning walk|Members walk/)
  })

  it('tells people when a postcode is unknown, keeping what they typed', async () => {
    const session = await team.users['worker']!.session()
    const response = await session.get('/directory?q=walk&postcode=SW1A+9ZZ&distance=2')
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /We do not know where SW1A 9ZZ is/)
    assert.match(response.body, /value="walk"/)
  })

  it('does not let commissioners search the directory', async () => {
    const session = await team.users['commissioner']!.session()
    const response = await session.get('/directory')
    assert.equal(response.statusCode, 403)
  })

  it('never shows another area’s listings', async () => {
    const other = await createTestOrganisation(context, { users: { editor: ['directory-editor'] } })
    await seedListing(other, { name: 'Other area knitting circle' })
    const session = await team.users['worker']!.session()
    const response = await session.get('/directory?q=knitting')
    assert.doesNotMatch(response.body, /Other area knitting circle/)
  })

  it('shows the service page with times, place, distance and who checked it', async () => {
    const id = await seedListing(team, { name: 'Seaton drama group' })
    const session = await team.users['worker']!.session()
    const response = await session.get(`/directory/services/${id}?postcode=AB10+1AA`)
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /Every Tuesday, 6pm to 7pm/)
    assert.match(response.body, /km from AB10 1AA/)
    assert.match(response.body, /Last checked .* by Editor Tester/)
  })
})
