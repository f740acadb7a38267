// SPDX-License-Identifier: AGPL-3.0-or-later
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument --
   Response bodies are validated against the ORUK profile schemas first; the assertions then read them as JSON. */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { before, describe, it } from 'node:test'
import { scopeForSystemTask } from '../../../platform/db/org-scope.ts'
import { createTestOrganisation, useTestContext } from '../../../../test/helpers/test-app.ts'
import { listingSnapshot } from '../directory.fixtures.ts'
import { createListing } from '../index.ts'
import {
  directoryAddresses,
  directoryAttributes,
  directoryContacts,
  directoryCostOptions,
  directoryLocations,
  directoryOrganizations,
  directoryPhones,
  directorySchedules,
  directoryServiceAreas,
  directoryServiceAtLocations,
  directoryServices,
  directoryTaxonomies,
  directoryTaxonomyTerms,
  postcodes,
} from '../directory.table.ts'
import { validateOrukResponse, type OrukEndpoint } from './oruk.validation.ts'

const context = useTestContext()

// A made-up postcode (valid format, outside any real area) at a fixed point; about 1 km and 5 km north of it
// sit the two public venues.
const POSTCODE = 'YY9 9YY'
/** At the same point, but in another local authority (for service-area coverage). */
const OTHER_POSTCODE = 'YY7 7YY'
const CENTRE = { latitude: 53.8, longitude: -1.55 }
const KM_NORTH = 1 / 111.2

interface Fixture {
  areaId: string
  base: string
  walking: string
  knitting: string
  privateService: string
  privateOrgService: string
  walkingSal: string
  term: string
  taxonomy: string
}

/** Demo-like directory data in a fresh area: public, private and hidden-by-organisation listings. */
async function createDirectory(): Promise<Fixture> {
  const { organisation } = await createTestOrganisation(context, { users: {} })
  const areaId = organisation.areaId
  const db = context.db
  for (const [postcode, localAuthorityCode] of [
    [POSTCODE, 'E08000035'],
    [OTHER_POSTCODE, 'E09000001'],
  ] as const) {
    const values = { ...CENTRE, localAuthorityCode }
    await db
      .insert(postcodes)
      .values({ postcode, ...values })
      .onConflictDoUpdate({ target: postcodes.postcode, set: values })
  }
  const suffix = randomUUID().slice(0, 8)
  const taxonomy = randomUUID()
  const term = randomUUID()
  await db.insert(directoryTaxonomies).values({
    id: taxonomy,
    name: `Ways to wellbeing ${suffix}`,
    description: 'Five ways to wellbeing',
    uri: `https://taxonomy.test.example/${suffix}`,
  })
  await db.insert(directoryTaxonomyTerms).values({
    id: term,
    taxonomyId: taxonomy,
    code: 'be-active',
    name: 'Be active',
    description: 'Move more',
    termUri: `https://taxonomy.test.example/${suffix}/be-active`,
  })
  const org = randomUUID()
  const hiddenOrg = randomUUID()
  await db.insert(directoryOrganizations).values([
    { areaId, id: org, name: 'Leeds Walkers', description: 'Walking for health', website: 'https://walkers.example' },
    { areaId, id: hiddenOrg, name: 'Hidden charity', description: 'Not listed', public: false },
  ])
  const [walking, knitting, privateService, privateOrgService] = [
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
  ]
  await db.insert(directoryServices).values([
    {
      areaId,
      id: walking,
      organizationId: org,
      name: 'Tuesday evening walking group',
      description: 'A friendly walk round the park for newcomers',
      url: 'https://walkers.example/tuesday',
      email: 'walks@walkers.example',
      minimumAge: 18,
      maximumAge: 99,
      assuredDate: '2026-10-01',
      // Not a URL: must be left out of the feed rather than break the schema.
      applicationProcess: 'Just turn up',
    },
    {
      areaId,
      id: knitting,
      organizationId: org,
      name: 'Saturday knitting circle',
      description: 'Knit and natter',
      url: 'www.not-a-full-url.example',
      minimumAge: 0,
      maximumAge: 16,
    },
    { areaId, id: privateService, organizationId: org, name: 'Private walking list', public: false },
    { areaId, id: privateOrgService, organizationId: hiddenOrg, name: 'Walking for the hidden charity' },
  ])
  const [near, far, hidden] = [randomUUID(), randomUUID(), randomUUID()]
  await db.insert(directoryLocations).values([
    { areaId, id: near, name: 'Park gates', latitude: CENTRE.latitude + KM_NORTH, longitude: CENTRE.longitude },
    { areaId, id: far, name: 'Library', latitude: CENTRE.latitude + 5 * KM_NORTH, longitude: CENTRE.longitude },
    {
      areaId,
      id: hidden,
      name: 'Organiser’s home',
      latitude: CENTRE.latitude,
      longitude: CENTRE.longitude,
      public: false,
    },
  ])
  const walkingSal = randomUUID()
  await db.insert(directoryServiceAtLocations).values([
    { areaId, id: walkingSal, serviceId: walking, locationId: near },
    { areaId, serviceId: walking, locationId: hidden },
    { areaId, serviceId: knitting, locationId: far },
    { areaId, serviceId: privateOrgService, locationId: near },
  ])
  await db.insert(directoryAddresses).values({
    areaId,
    locationId: near,
    address1: '1 Park Road',
    city: 'Leeds',
    postalCode: 'LS1 4AP',
  })
  await db.insert(directorySchedules).values([
    { areaId, serviceId: walking, freq: 'WEEKLY', byday: 'TU', opensAt: '18:00', closesAt: '20:00' },
    { areaId, serviceId: knitting, freq: 'MONTHLY', byday: '1SA', opensAt: '10:00', closesAt: '12:00' },
    // A schedule of one venue only (the service at the park gates), not of the service as a whole.
    { areaId, serviceAtLocationId: walkingSal, freq: 'WEEKLY', byday: 'TH', opensAt: '10:00', closesAt: '11:00' },
  ])
  const [publicContact, privateContact] = [randomUUID(), randomUUID()]
  await db.insert(directoryContacts).values([
    { areaId, id: publicContact, serviceId: walking, name: 'Walk leader' },
    { areaId, id: privateContact, serviceId: walking, name: 'Private Person', public: false },
  ])
  await db.insert(directoryPhones).values([
    { areaId, contactId: publicContact, number: '0113 496 0000' },
    { areaId, contactId: privateContact, number: '07700 900999' },
  ])
  await db.insert(directoryCostOptions).values({ areaId, serviceId: walking, option: 'Free', amount: 0 })
  // The knitting circle serves Leeds only (an ONS local authority URI); the walk sets no service area.
  await db.insert(directoryServiceAreas).values({
    areaId,
    serviceId: knitting,
    name: 'Leeds',
    uri: 'http://statistics.data.gov.uk/id/statistical-geography/E08000035',
  })
  await db
    .insert(directoryAttributes)
    .values({ areaId, linkId: walking, taxonomyTermId: term, linkType: 'way-to-wellbeing' })
  return {
    areaId,
    base: `/oruk/areas/${areaId}`,
    walking,
    knitting,
    privateService,
    privateOrgService,
    walkingSal,
    term,
    taxonomy,
  }
}

async function getJson(url: string, endpoint?: OrukEndpoint): Promise<{ status: number; body: any; headers: any }> {
  const response = await context.app.inject({ method: 'GET', url })
  const body = JSON.parse(response.body)
  if (endpoint && response.statusCode === 200) {
    assert.deepEqual(validateOrukResponse(endpoint, body), [], `${url} must validate as ${endpoint}`)
    assert.doesNotMatch(response.body, /null/, `${url} must omit empty fields`)
  }
  return { status: response.statusCode, body, headers: response.headers }
}

/** The names on a page, in the feed's order (nearest first with a postcode) or sorted when order is not the point. */
async function names(url: string, options: { sorted?: boolean } = {}): Promise<string[]> {
  const { status, body } = await getJson(
    url,
    url.includes('/service_at_locations') ? 'service_at_location_list' : 'service_list',
  )
  assert.equal(status, 200, JSON.stringify(body))
  const list: string[] = body.contents.map((item: any) => item.name ?? item.service.name)
  return options.sorted ? list.sort() : list
}

describe('the open ORUK 3.0 feed', () => {
  let f: Fixture
  before(async () => {
    f = await createDirectory()
  })

  it('answers the root document with CORS, without a key', async () => {
    for (const url of [`${f.base}/`, f.base, '/oruk/', '/oruk']) {
      const { status, body, headers } = await getJson(url, 'api_details')
      assert.equal(status, 200)
      assert.equal(body.version, 'HSDS-UK-3.0')
      assert.ok(body.profile && body.openapi_url)
      assert.equal(headers['access-control-allow-origin'], '*')
    }
  })

  it('lists only public services of public organisations, one-to-one fields only, in the exact envelope', async () => {
    const { body, headers } = await getJson(`${f.base}/services`, 'service_list')
    assert.equal(headers['access-control-allow-origin'], '*')
    assert.deepEqual(Object.keys(body), [
      'total_items',
      'total_pages',
      'page_number',
      'size',
      'first_page',
      'last_page',
      'empty',
      'contents',
    ])
    assert.deepEqual(body.contents.map((s: any) => s.name).sort(), [
      'Saturday knitting circle',
      'Tuesday evening walking group',
    ])
    assert.equal(body.total_items, 2)
    const walking = body.contents.find((s: any) => s.id === f.walking)
    const knitting = body.contents.find((s: any) => s.id === f.knitting)
    assert.equal(walking.organization_id, walking.organization.id)
    assert.equal(walking.schedules, undefined)
    assert.equal(walking.contacts, undefined)
    assert.equal(knitting.url, undefined, 'an invalid URL is left out')
  })

  it('pages with per_page and page, and says when a page is past the end', async () => {
    const first = await getJson(`${f.base}/services?per_page=1&page=1`, 'service_list')
    const second = await getJson(`${f.base}/services?per_page=1&page=2`, 'service_list')
    assert.equal(first.body.first_page, true)
    assert.equal(first.body.last_page, false)
    const [onFirst] = first.body.contents.map((s: any) => s.name)
    const expectedSecond = [
      onFirst === 'Tuesday evening walking group' ? 'Saturday knitting circle' : 'Tuesday evening walking group',
    ]
    assert.deepEqual(
      { ...second.body, contents: second.body.contents.map((s: any) => s.name) },
      {
        total_items: 2,
        total_pages: 2,
        page_number: 2,
        size: 1,
        first_page: false,
        last_page: true,
        empty: false,
        contents: expectedSecond,
      },
    )
    const beyond = await getJson(`${f.base}/services?per_page=1&page=5`, 'service_list')
    assert.equal(beyond.body.empty, true)
    assert.equal(beyond.body.total_items, 2)
    const nearby = await getJson(`${f.base}/services?postcode=yy99yy&proximity=10000&per_page=1&page=2`, 'service_list')
    assert.equal(nearby.body.total_items, 2)
    assert.equal(nearby.body.contents[0].name, 'Saturday knitting circle', 'nearest first: the farther one is second')
    const beyondNearby = await getJson(`${f.base}/services?postcode=yy99yy&proximity=10000&page=3`, 'service_list')
    assert.deepEqual([beyondNearby.body.empty, beyondNearby.body.total_items], [true, 2])
  })

  it('returns the fully nested service without private locations, contacts or phones', async () => {
    const { status, body } = await getJson(`${f.base}/services/${f.walking}`, 'service')
    assert.equal(status, 200)
    const tuesday = body.schedules.find((s: any) => s.byday === 'TU')
    assert.equal(tuesday.opens_at, '18:00')
    const thursday = body.schedules.find((s: any) => s.byday === 'TH')
    assert.equal(thursday.service_at_location_id, f.walkingSal)
    assert.equal(body.service_at_locations.length, 1)
    assert.equal(body.service_at_locations[0].location.addresses[0].postal_code, 'LS1 4AP')
    assert.equal(body.attributes[0].taxonomy_term.id, f.term)
    assert.equal(body.cost_options[0].amount, 0)
    assert.deepEqual(
      body.contacts.map((c: any) => [c.name, c.phones.map((p: any) => p.number)]),
      [['Walk leader', ['0113 496 0000']]],
    )
    const text = JSON.stringify(body)
    assert.doesNotMatch(text, /Private Person|07700 900999|Organiser’s home|Just turn up/)
  })

  it('answers 404 for a private service, a service of a private organisation, another area and a bad id', async () => {
    const other = await createDirectory()
    for (const url of [
      `${f.base}/services/${f.privateService}`,
      `${f.base}/services/${f.privateOrgService}`,
      `${f.base}/services/${other.walking}`,
      `${f.base}/services/${randomUUID()}`,
      `${f.base}/services/not-an-id`,
      `/oruk/areas/${randomUUID()}/services`,
    ]) {
      const { status, body, headers } = await getJson(url)
      assert.equal(status, 404, url)
      assert.equal(body.resourceType, 'OperationOutcome')
      assert.equal(headers['access-control-allow-origin'], '*')
    }
  })

  it('filters by search, taxonomy, age, day and time, postcode and proximity, cumulatively', async () => {
    const q = (query: string) => names(`${f.base}/services?${query}`)
    assert.deepEqual(await q('search=walking'), ['Tuesday evening walking group'])
    assert.deepEqual(await q('text=knitting'), ['Saturday knitting circle'])
    assert.deepEqual(await q(`taxonomy_term_id=${f.term}`), ['Tuesday evening walking group'])
    assert.deepEqual(await q(`taxonomy_id=${f.taxonomy}`), ['Tuesday evening walking group'])
    // ORUK 1.0 clients send a term's id as taxonomy_id.
    assert.deepEqual(await q(`taxonomy_id=${f.term}`), ['Tuesday evening walking group'])
    assert.deepEqual(await q('minimum_age=18'), ['Tuesday evening walking group'])
    assert.deepEqual(await q('maximum_age=16'), ['Saturday knitting circle'])
    assert.deepEqual(await q('minimum_age=18&maximum_age=99'), ['Tuesday evening walking group'])
    assert.deepEqual(await q('day=TU&start_time=17:30&end_time=21:00'), ['Tuesday evening walking group'])
    assert.deepEqual(await q('day=TU&start_time=18:30'), [])
    assert.deepEqual(await q('day=SA'), ['Saturday knitting circle'])
    assert.deepEqual(await q('day=TH&end_time=11:00'), ['Tuesday evening walking group'])
    assert.deepEqual(await q(`postcode=${encodeURIComponent(POSTCODE)}&proximity=2000`), [
      'Tuesday evening walking group',
    ])
    assert.deepEqual(await q('postcode=yy99yy&proximity=10000'), [
      'Tuesday evening walking group',
      'Saturday knitting circle',
    ])
    // A postcode alone checks coverage: the knitting circle serves Leeds (E08000035) only.
    assert.deepEqual((await q('postcode=yy99yy')).sort(), ['Saturday knitting circle', 'Tuesday evening walking group'])
    assert.deepEqual(await q('postcode=yy77yy'), ['Tuesday evening walking group'])
    assert.deepEqual(await names(`${f.base}/service_at_locations?postcode=yy77yy`), ['Tuesday evening walking group'])
    assert.deepEqual(await q('search=walking&day=SA'), [])
    assert.deepEqual(await q(`search=circle&postcode=yy99yy&proximity=2000`), [])
  })

  it('refuses bad parameters with a 400 naming each one', async () => {
    const bad = await getJson(`${f.base}/services?per_page=0&day=Funday&proximity=500`)
    assert.equal(bad.status, 400)
    assert.equal(bad.headers['access-control-allow-origin'], '*')
    assert.deepEqual(
      bad.body.issue.map((i: any) => i.expression[0]),
      ['per_page', 'day', 'proximity'],
    )
    const unknown = await getJson(`${f.base}/services?postcode=YY8%208YY&proximity=500`)
    assert.equal(unknown.status, 400)
    assert.match(unknown.body.issue[0].diagnostics, /not a known UK postcode/)
  })

  it('lists and returns services at locations, filtered by distance', async () => {
    assert.deepEqual(await names(`${f.base}/service_at_locations`, { sorted: true }), [
      'Saturday knitting circle',
      'Tuesday evening walking group',
    ])
    assert.deepEqual(await names(`${f.base}/service_at_locations?postcode=yy99yy&proximity=2000`), [
      'Tuesday evening walking group',
    ])
    const { status, body } = await getJson(`${f.base}/service_at_locations/${f.walkingSal}`, 'service_at_location')
    assert.equal(status, 200)
    assert.equal(body.location.name, 'Park gates')
    assert.equal(body.service.id, f.walking)
  })

  it('lists and returns taxonomies and terms', async () => {
    const list = await getJson(`${f.base}/taxonomies?per_page=200`, 'taxonomy_list')
    assert.ok(list.body.contents.some((t: any) => t.id === f.taxonomy))
    const taxonomy = await getJson(`${f.base}/taxonomies/${f.taxonomy}`, 'taxonomy')
    assert.deepEqual(
      taxonomy.body.taxonomy_terms.map((t: any) => t.id),
      [f.term],
    )
    const terms = await getJson(`${f.base}/taxonomy_terms?taxonomy_id=${f.taxonomy}`, 'taxonomy_term_list')
    assert.deepEqual(
      terms.body.contents.map((t: any) => t.name),
      ['Be active'],
    )
    const term = await getJson(`${f.base}/taxonomy_terms/${f.term}`, 'taxonomy_term')
    assert.equal(term.body.taxonomy_id, f.taxonomy)
    assert.equal((await getJson(`${f.base}/taxonomy_terms/${randomUUID()}`)).status, 404)
  })
})

describe('listings made in the directory', () => {
  it('publish as valid ORUK, with their location, schedule, costs, needs and accessibility', async () => {
    const team = await createTestOrganisation(context, { users: { editor: ['directory-editor'] } })
    const editor = team.users['editor']!
    const scope = scopeForSystemTask(context.db, team.organisation, 'setting up a test area directory')
    const id = await createListing(
      scope,
      { userId: editor.id, displayName: editor.displayName, email: editor.email },
      listingSnapshot({ costs: [{ option: 'Per session', amount: 2.5, amountDescription: 'Tea and biscuits' }] }),
      { userId: null, organisationId: team.organisation.id, role: null, ipAddress: null, correlationId: null },
    )
    const base = `/oruk/areas/${team.organisation.areaId}`
    const { status, body } = await getJson(`${base}/services/${id}`, 'service')
    assert.equal(status, 200)
    assert.equal(body.name, 'Duthie Park evening walk')
    assert.equal(body.service_at_locations[0].location.addresses[0].postal_code, 'AB11 7TH')
    assert.equal(body.schedules[0].byday, 'TU')
    assert.equal(body.cost_options[0].amount, 2.5)
    assert.ok(body.attributes.length >= 4, 'needs and ways to wellbeing are attributes')
    assert.ok(body.service_at_locations[0].location.attributes.length >= 1, 'accessibility features too')
    assert.equal(body.assured_date, new Date().toISOString().slice(0, 10))
    assert.equal(body.contacts, undefined, 'the named listing contact who gets update links is not published')
    const list = await getJson(`${base}/services?day=TU&start_time=17:00&minimum_age=18`, 'service_list')
    assert.deepEqual(
      list.body.contents.map((s: any) => s.id),
      [id],
    )
  })
})
