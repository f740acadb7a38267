// SPDX-License-Identifier: AGPL-3.0-or-later
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument --
   Response bodies are validated against the ORUK profile schemas first; the assertions then read them as JSON. */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { and, eq, sql } from 'drizzle-orm'
import { createTestContext, createTestOrganisation, type TestContext } from '../../../../test/helpers/test-app.ts'
import { directoryServices } from '../directory.table.ts'
import { importSourceFromPath } from './oruk.fetch.ts'
import { importOrukFeed } from './oruk.import.ts'
import { validateOrukResponse } from './oruk.validation.ts'

let context: TestContext
let server: Server
let baseUrl: string
/** path → body the loopback feed server answers; tests add their own feeds under unique prefixes. */
const routes = new Map<string, { type: string; body: string }>()
const requests: string[] = []

const MOCKS = new URL('./test-fixtures/validator-mocks/V3.0-UK-Default/', import.meta.url)
const mock = (file: string): string => readFileSync(new URL(file, MOCKS), 'utf8')

before(async () => {
  context = await createTestContext()
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    requests.push(`${url.pathname}${url.search}`)
    const route = routes.get(`${url.pathname}${url.search}`) ?? routes.get(url.pathname)
    if (!route) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'content-type': route.type }).end(route.body)
  })
  // Loopback only: the tests never reach the network.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await context.close()
})

function serveJson(path: string, body: unknown): void {
  routes.set(path, { type: 'application/json', body: typeof body === 'string' ? body : JSON.stringify(body) })
}

async function newArea(): Promise<string> {
  const { organisation } = await createTestOrganisation(context, { users: {} })
  return organisation.areaId
}

async function serviceSnapshot(areaId: string): Promise<string> {
  const rows = await context.db
    .select({ id: directoryServices.id, updatedAt: directoryServices.updatedAt, version: directoryServices.version })
    .from(directoryServices)
    .where(eq(directoryServices.areaId, areaId))
    .orderBy(directoryServices.id)
  return JSON.stringify(rows)
}

async function countRows(table: string, areaId: string): Promise<number> {
  const result = await context.db.execute<{ count: string }>(
    sql`select count(*)::text as count from ${sql.identifier(table)} where area_id = ${areaId}`,
  )
  return Number(result.rows[0]!.count)
}

/** A full ORUK 3.0 service with every kind of child record. */
function oruk3Service(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
  return {
    id,
    name: `Community group ${n}`,
    description: `Group number ${n}`,
    url: `https://groups.example/${n}`,
    email: `group${n}@groups.example`,
    status: 'active',
    minimum_age: 18,
    assured_date: '2026-09-01',
    organization: { id: '11111111-0000-4000-8000-000000000001', name: 'Council', description: 'The council' },
    service_at_locations: [
      {
        id: `22222222-0000-4000-8000-${String(n).padStart(12, '0')}`,
        location: {
          id: '33333333-0000-4000-8000-000000000001',
          location_type: 'physical',
          name: 'Town hall',
          latitude: 53.8,
          longitude: -1.55,
          addresses: [
            {
              id: '44444444-0000-4000-8000-000000000001',
              address_1: '1 High Street',
              city: 'Leeds',
              state_province: 'West Yorkshire',
              postal_code: 'LS1 1AA',
              country: 'GB',
              address_type: 'physical',
            },
          ],
        },
      },
    ],
    schedules: [
      {
        id: `55555555-0000-4000-8000-${String(n).padStart(12, '0')}`,
        freq: 'WEEKLY',
        byday: 'TU',
        opens_at: '18:00',
        closes_at: '20:00Z',
      },
    ],
    contacts: [
      {
        id: `66666666-0000-4000-8000-${String(n).padStart(12, '0')}`,
        name: 'Organiser',
        phones: [{ id: `77777777-0000-4000-8000-${String(n).padStart(12, '0')}`, number: '0113 496 0001' }],
      },
    ],
    cost_options: [{ id: `88888888-0000-4000-8000-${String(n).padStart(12, '0')}`, option: 'Free', amount: 0 }],
    attributes: [
      {
        id: `99999999-0000-4000-8000-${String(n).padStart(12, '0')}`,
        link_type: 'service-type',
        taxonomy_term: {
          id: 'aaaaaaaa-0000-4000-8000-000000000001',
          name: 'Walking',
          description: 'Walking groups',
          taxonomy: 'Activities',
          term_uri: 'https://taxonomy.groups.example/walking',
        },
      },
    ],
    ...overrides,
  }
}

function page(contents: unknown[], pageNumber: number, totalPages: number, totalItems: number): unknown {
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: pageNumber,
    size: contents.length,
    first_page: pageNumber === 1,
    last_page: pageNumber === totalPages,
    empty: contents.length === 0,
    contents,
  }
}

describe('importing ORUK feeds', () => {
  it('imports the validator’s ORUK 3.0 mock feed from its API root, fetching the full record, and re-imports nothing', async () => {
    serveJson('/mock/', mock('api_details.json'))
    serveJson('/mock/services', mock('service_list.json'))
    const full = JSON.parse(mock('service_full.json'))
    serveJson(`/mock/services/${full.id}`, full)
    const areaId = await newArea()

    const first = await importOrukFeed(context.db, areaId, { kind: 'url', url: `${baseUrl}/mock/` })
    assert.equal(first.format, 'oruk-3')
    assert.deepEqual(
      first.added.map((a) => [a.sourceId, a.name]),
      [[full.id, 'Community Counselling']],
    )
    assert.deepEqual([first.updated.length, first.unchanged.length, first.rejected.length], [0, 0, 0])
    assert.ok(requests.includes(`/mock/services/${full.id}`), 'the full record is fetched by id')

    const [stored] = await context.db
      .select()
      .from(directoryServices)
      .where(and(eq(directoryServices.areaId, areaId), eq(directoryServices.sourceId, full.id)))
    assert.equal(stored!.sourceFeed, `${baseUrl}/mock/`)
    assert.equal(stored!.minimumAge, 12)

    const before = await serviceSnapshot(areaId)
    const counts = await Promise.all(
      ['directory_schedules', 'directory_contacts', 'directory_locations'].map((t) => countRows(t, areaId)),
    )
    const second = await importOrukFeed(context.db, areaId, { kind: 'url', url: `${baseUrl}/mock/` })
    assert.deepEqual([second.added.length, second.updated.length, second.unchanged.length], [0, 0, 1])
    assert.equal(await serviceSnapshot(areaId), before, 're-importing changes nothing')
    assert.deepEqual(
      await Promise.all(
        ['directory_schedules', 'directory_contacts', 'directory_locations'].map((t) => countRows(t, areaId)),
      ),
      counts,
    )

    // What we imported, we publish, and it passes the UK profile.
    const published = await context.app.inject({ method: 'GET', url: `/oruk/areas/${areaId}/services/${stored!.id}` })
    assert.equal(published.statusCode, 200)
    const body = JSON.parse(published.body)
    assert.deepEqual(validateOrukResponse('service', body), [])
    assert.equal(body.name, 'Community Counselling')
    assert.ok(body.schedules.length > 0 && body.service_at_locations.length > 0)
  })

  it('follows a paged ORUK 3.0 API page by page, rejects bad records with a reason and reports updates', async () => {
    const prefix = `/paged-${randomUUID().slice(0, 8)}`
    const services = [1, 2, 3, 4, 5].map((n) => oruk3Service(n))
    services.push(
      oruk3Service(6, { name: '' }),
      oruk3Service(7, { status: 'open' }),
      oruk3Service(8, { organization: undefined }),
    )
    const pages = [services.slice(0, 3), services.slice(3, 6), services.slice(6)]
    pages.forEach((contents, i) =>
      serveJson(`${prefix}/services?page=${i + 1}`, page(contents, i + 1, 3, services.length)),
    )
    serveJson(`${prefix}/services`, page(pages[0]!, 1, 3, services.length))
    const areaId = await newArea()
    const url = `${baseUrl}${prefix}/services`

    const first = await importOrukFeed(context.db, areaId, { kind: 'url', url })
    assert.deepEqual(
      first.added.map((a) => a.name),
      [1, 2, 3, 4, 5].map((n) => `Community group ${n}`),
    )
    assert.deepEqual(
      first.rejected.map((r) => [r.sourceId.slice(-1), r.reason]),
      [
        ['6', 'The service has no name'],
        ['7', 'The status "open" is not one of active, inactive, defunct, temporarily closed'],
        ['8', 'The service has no organisation with an id and a name'],
      ],
    )
    assert.equal(await countRows('directory_locations', areaId), 1, 'a shared location is stored once')

    // The council renames one group and changes another's times.
    services[1] = oruk3Service(2, { name: 'Community group 2 (renamed)' })
    services[3] = oruk3Service(4, {
      schedules: [{ id: 'x', freq: 'WEEKLY', byday: 'WE', opens_at: '10:00', closes_at: '11:00' }],
    })
    const again = [services.slice(0, 3), services.slice(3, 6), services.slice(6)]
    again.forEach((contents, i) =>
      serveJson(`${prefix}/services?page=${i + 1}`, page(contents, i + 1, 3, services.length)),
    )
    serveJson(`${prefix}/services`, page(again[0]!, 1, 3, services.length))
    const second = await importOrukFeed(context.db, areaId, { kind: 'url', url })
    assert.deepEqual(
      second.updated.map((u) => u.name),
      ['Community group 2 (renamed)', 'Community group 4'],
    )
    assert.equal(second.unchanged.length, 3)
    assert.equal(second.added.length, 0)
    assert.equal(await countRows('directory_schedules', areaId), 5, 'changed schedules replace the old ones')

    const list = await context.app.inject({ method: 'GET', url: `/oruk/areas/${areaId}/services?day=WE` })
    assert.deepEqual(
      JSON.parse(list.body).contents.map((s: any) => s.name),
      ['Community group 4'],
    )
    const third = await importOrukFeed(context.db, areaId, { kind: 'url', url })
    assert.deepEqual([third.added.length, third.updated.length, third.unchanged.length], [0, 0, 5])
    assert.deepEqual(third.missing, [])

    // The council drops group 5 from its feed: reported, not deleted.
    const fewer = services.filter((sv) => sv['id'] !== oruk3Service(5)['id'])
    serveJson(`${prefix}/services`, page(fewer, 1, 1, fewer.length))
    const fourth = await importOrukFeed(context.db, areaId, { kind: 'url', url })
    assert.deepEqual(
      fourth.missing.map((m) => m.name),
      ['Community group 5'],
    )
    assert.equal(fourth.unchanged.length, 4)
    assert.equal(await countRows('directory_services', areaId), 5, 'nothing is deleted')
  })

  it('imports an ORUK 1.0 file with eligibility, regular schedules and service taxonomies', async () => {
    const v1 = {
      totalElements: 1,
      totalPages: 1,
      number: 1,
      size: 1,
      first: true,
      last: true,
      content: [
        {
          id: '1502',
          name: 'Holy Trinity lunch club',
          description: 'Lunch and company for older people',
          url: 'www.holytrinity.example',
          status: 'active',
          organization: { id: 'org-9', name: 'Holy Trinity', description: 'Church' },
          eligibilitys: [{ id: 'e1', eligibility: 'adult', minimum_age: 65, maximum_age: 120 }],
          regular_schedules: [{ id: 'r1', weekday: 4, opens_at: '12:00', closes_at: '14:00' }],
          service_taxonomys: [
            { id: 'st1', taxonomy: { id: '298', name: 'Lunch clubs', vocabulary: 'esdServiceTypes' } },
          ],
          service_at_locations: [
            {
              id: 'sal1',
              location: {
                id: 'loc1',
                name: 'Church hall',
                latitude: 53.79,
                longitude: -1.54,
                physical_addresses: [
                  { id: 'pa1', address_1: 'Church Lane', city: 'Leeds', postal_code: 'LS2 2AA', country: 'GB' },
                ],
              },
            },
          ],
          contacts: [{ id: 'c1', name: 'Parish office', phones: [{ id: 'p1', number: '0113 496 0002' }] }],
        },
      ],
    }
    const areaId = await newArea()
    const report = await importOrukFeed(context.db, areaId, {
      kind: 'file',
      name: 'holy-trinity.json',
      content: JSON.stringify(v1),
    })
    assert.equal(report.format, 'oruk-1')
    assert.deepEqual(
      report.added.map((a) => a.sourceId),
      ['1502'],
    )
    const list = await context.app.inject({
      method: 'GET',
      url: `/oruk/areas/${areaId}/services?minimum_age=65&maximum_age=120&day=TH&start_time=12:00&end_time=14:00`,
    })
    const body = JSON.parse(list.body)
    assert.deepEqual(validateOrukResponse('service_list', body), [])
    assert.deepEqual(
      body.contents.map((s: any) => s.name),
      ['Holy Trinity lunch club'],
    )
    const again = await importOrukFeed(context.db, areaId, {
      kind: 'file',
      name: 'holy-trinity.json',
      content: JSON.stringify(v1),
    })
    assert.deepEqual([again.added.length, again.updated.length, again.unchanged.length], [0, 0, 1])
  })

  it('imports an HSDS CSV datapackage from its datapackage.json URL', async () => {
    const prefix = `/csv-${randomUUID().slice(0, 8)}`
    const files: Record<string, string> = {
      'organizations.csv':
        'id,name,description,email,url\norg-1,Friends of the Park,Volunteers,,https://friends.example\n',
      'services.csv':
        'id,organization_id,name,description,url,email,status,fees\n' +
        's-1,org-1,Park run,"A gentle 5k, every Saturday",https://friends.example/run,,active,Free\n' +
        's-2,org-1,,No name here,,,active,\n' +
        's-3,org-9,Orphan,No such organisation,,,active,\n',
      'locations.csv': 'id,organization_id,name,description,latitude,longitude\nl-1,org-1,Park gates,,53.81,-1.56\n',
      'services_at_location.csv': 'id,service_id,location_id,description\nsal-1,s-1,l-1,\n',
      'physical_addresses.csv':
        'id,location_id,attention,address_1,address_2,address_3,address_4,city,region,state_province,postal_code,country\n' +
        'a-1,l-1,,Park Road,,,,Leeds,,West Yorkshire,LS6 1AA,GB\n',
      'regular_schedules.csv':
        'id,service_id,location_id,service_at_location_id,weekday,opens_at,closes_at\nrs-1,s-1,,,Saturday,09:00:00,10:00:00\n',
      'eligibility.csv': 'id,service_id,eligibility\ne-1,s-1,adult\n',
    }
    serveJson(`${prefix}/datapackage.json`, {
      name: 'park',
      resources: Object.keys(files).map((path) => ({ name: path.replace('.csv', ''), path })),
    })
    for (const [name, body] of Object.entries(files)) routes.set(`${prefix}/${name}`, { type: 'text/csv', body })
    const areaId = await newArea()
    const url = `${baseUrl}${prefix}/datapackage.json`
    const report = await importOrukFeed(context.db, areaId, { kind: 'url', url })
    assert.equal(report.format, 'hsds-csv')
    assert.deepEqual(
      report.added.map((a) => a.name),
      ['Park run'],
    )
    assert.deepEqual(
      report.rejected.map((r) => [r.sourceId, r.reason]),
      [
        ['s-2', 'The service has no name'],
        ['s-3', 'The service has no organisation with an id and a name'],
      ],
    )
    const list = await context.app.inject({ method: 'GET', url: `/oruk/areas/${areaId}/service_at_locations?day=SA` })
    const body = JSON.parse(list.body)
    assert.deepEqual(validateOrukResponse('service_at_location_list', body), [])
    assert.equal(body.contents[0].location.name, 'Park gates')
    const again = await importOrukFeed(context.db, areaId, { kind: 'url', url })
    assert.deepEqual([again.added.length, again.updated.length, again.unchanged.length], [0, 0, 1])
  })

  it('reads a JSON file or a datapackage folder from disk for the command line', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'waymark-oruk-import-'))
    try {
      writeFileSync(
        path.join(folder, 'organizations.csv'),
        'id,name,description\norg-1,Friends of the Park,Volunteers\n',
      )
      writeFileSync(
        path.join(folder, 'services.csv'),
        'id,organization_id,name,description,status\ns-1,org-1,Park run,5k,active\n',
      )
      writeFileSync(path.join(folder, 'datapackage.json'), '{"resources":[]}')
      writeFileSync(path.join(folder, 'feed.json'), mock('service_full.json'))
      const areaId = await newArea()
      const fromFolder = await importSourceFromPath(path.join(folder, 'datapackage.json'))
      assert.equal(fromFolder.kind, 'csv-files')
      const csv = await importOrukFeed(context.db, areaId, fromFolder)
      assert.deepEqual(
        csv.added.map((a) => a.name),
        ['Park run'],
      )
      assert.equal(csv.sourceFeed, `file:${folder}`)
      const json = await importOrukFeed(context.db, areaId, await importSourceFromPath(path.join(folder, 'feed.json')))
      assert.deepEqual(
        json.added.map((a) => a.name),
        ['Community Counselling'],
      )
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  it('says clearly when a feed cannot be read', async () => {
    const areaId = await newArea()
    await assert.rejects(
      importOrukFeed(context.db, areaId, { kind: 'url', url: `${baseUrl}/nothing-here` }),
      /answered 404/,
    )
    await assert.rejects(
      importOrukFeed(context.db, areaId, { kind: 'file', name: 'feed.json', content: 'not json' }),
      /feed.json is not a JSON file/,
    )
  })
})
