// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import {
  createTestContext,
  createTestOrganisation,
  type TestContext,
  type TestOrganisation,
} from '../../../test/helpers/test-app.ts'
import { scopeForSystemTask } from '../../platform/db/org-scope.ts'
import { createListing } from './directory.service.ts'
import { countSignpostingsByNeed } from './signposting.repository.ts'
import { listingSnapshot } from './directory.fixtures.ts'
import { importPostcodesFromCsv } from './postcodes.service.ts'
import { sendFreshnessReminders } from './freshness.job.ts'
import { WebSession } from '../../../test/helpers/web-session.ts'

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

  it('offers the close spelling when a misspelt search finds nothing, keeping what was typed', async () => {
    await seedListing(team, { name: 'Allotment gardening club' })
    const session = await team.users['worker']!.session()
    const response = await session.get('/directory?q=gardning+club')
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /No services found/)
    assert.match(response.body, /Did you mean <a href="\/directory\?q=gardening\+club">gardening club<\/a>\?/)
    assert.match(response.body, /value="gardning club"/)
    // The suggestion finds it; nonsense suggests nothing.
    assert.match((await session.get('/directory?q=gardening+club')).body, /Allotment gardening club/)
    assert.doesNotMatch((await session.get('/directory?q=xyzzyq')).body, /Did you mean/)
  })

  it('reads a sentence typed into the box as the filters it names, each removable', async () => {
    const session = await team.users['worker']!.session()
    const typed = await session.get('/directory?q=free+walking+group+Tuesday+evening+near+AB10+1AA')
    assert.equal(typed.statusCode, 303)
    const location = typed.headers.location as string
    const params = new URLSearchParams(location.split('?')[1])
    assert.deepEqual(
      [params.get('q'), params.get('postcode'), params.getAll('day'), params.get('when'), params.get('cost')],
      ['walking group', 'AB10 1AA', ['TU'], 'evening', 'free'],
    )
    const page = await session.get(location)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Filters for “walking group”/)
    for (const chip of ['Near AB10 1AA', 'Tuesday', 'Evening', 'Free'])
      assert.ok(page.body.includes(`${chip}<span`), chip)
    // Removing "Tuesday" keeps every other filter and the words.
    const removeTuesday = /href="([^"]+)">Tuesday<span/.exec(page.body)![1]!.replaceAll('&amp;', '&')
    const kept = new URLSearchParams(removeTuesday.split('?')[1])
    assert.deepEqual(kept.getAll('day'), [])
    assert.equal(kept.get('cost'), 'free')
    assert.equal(kept.get('q'), 'walking group')
    assert.equal((await session.get(removeTuesday)).statusCode, 200)
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
    const otherId = await seedListing(other, { name: 'Other area knitting circle' })
    const session = await team.users['worker']!.session()
    const response = await session.get('/directory?q=knitting')
    assert.doesNotMatch(response.body, /Other area knitting circle/)
    assert.equal((await session.get(`/directory/services/${otherId}`)).statusCode, 404)
    const editor = await team.users['editor']!.session()
    assert.equal((await editor.get(`/directory/manage/services/${otherId}/edit`)).statusCode, 404)
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

function hiddenValue(body: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]+)"`).exec(body)
  assert.ok(match, `hidden field ${name} missing`)
  return match[1]!
}

describe('active signposting', () => {
  it('records a signposting once, shows a printable sheet and a PDF, and audits it', async () => {
    const id = await seedListing(team, { name: 'Torry knit and natter' })
    const session = await team.users['worker']!.session()
    const form = await session.get(`/directory/signpost?service=${id}`)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /Torry knit and natter/)
    const key = hiddenValue(form.body, 'idempotencyKey')
    const fields = { service: id, needs: ['loneliness'], personLabel: 'JS', note: '', email: '', idempotencyKey: key }
    const first = await session.post('/directory/signpost', fields)
    assert.equal(first.statusCode, 303)
    const again = await session.post('/directory/signpost', fields, { csrfFrom: `/directory/signpost?service=${id}` })
    assert.equal(again.headers.location, first.headers.location, 'a retried submission lands on the same record')
    const sheet = await session.get(first.headers.location as string)
    assert.equal(sheet.statusCode, 200)
    assert.match(sheet.body, /Things you could try/)
    assert.match(sheet.body, /Every Tuesday, 6pm to 7pm/)
    const sheetId = /signpostings\/([0-9a-f-]{36})/.exec(first.headers.location as string)![1]!
    const rows = await context.db.execute<{ count: number }>(
      sql`select count(*)::int as count from directory_signpostings where id = ${sheetId}`,
    )
    assert.equal(rows.rows[0]!.count, 1)
    const audit = await context.db.execute<{ action: string }>(
      sql`select action from audit_events where record_id = ${sheetId} order by sequence`,
    )
    assert.deepEqual(
      audit.rows.map((r) => r.action),
      ['directory.signposting.record', 'directory.signposting.view'],
    )
    const pdf = await session.get(`/directory/signpostings/${sheetId}/sheet.pdf`)
    assert.equal(pdf.statusCode, 200)
    assert.equal(pdf.headers['content-type'], 'application/pdf')
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-')
  })

  it('emails the sheet when an address is given and keeps everything typed on errors', async () => {
    const id = await seedListing(team, { name: 'Kincorth luncheon club' })
    const session = await team.users['worker']!.session()
    const form = await session.get(`/directory/signpost?service=${id}`)
    const key = hiddenValue(form.body, 'idempotencyKey')
    const bad = await session.post('/directory/signpost', {
      service: id,
      personLabel: 'AB',
      email: 'not-an-email',
      idempotencyKey: key,
    })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Select why you are signposting them/)
    assert.match(bad.body, /Enter an email address in the correct format/)
    assert.match(bad.body, /value="AB"/)
    const before = context.emails.length
    const ok = await session.post('/directory/signpost', {
      service: id,
      needs: ['loneliness', 'bereavement'],
      email: 'person@example.com',
      idempotencyKey: key,
    })
    assert.equal(ok.statusCode, 303)
    assert.equal(context.emails.length, before + 1)
    assert.equal(context.emails.at(-1)!.to, 'person@example.com')
    assert.match(context.emails.at(-1)!.text, /KINCORTH LUNCHEON CLUB/)
    assert.match(context.emails.at(-1)!.text, /Tell us how it went: http/)
  })

  it('counts signposting by need for reports, per organisation', async () => {
    const t = await createTestOrganisation(context, {
      users: { editor: ['directory-editor'], worker: ['link-worker'] },
    })
    const a = await seedListing(t, { name: 'Report walk one' })
    const b = await seedListing(t, { name: 'Report walk two' })
    const session = await t.users['worker']!.session()
    for (const [services, needs] of [
      [
        [a, b],
        ['loneliness', 'caring'],
      ],
      [[a], ['loneliness']],
    ] as const) {
      const form = await session.get(`/directory/signpost?${services.map((s) => `service=${s}`).join('&')}`)
      const response = await session.post('/directory/signpost', {
        service: [...services],
        needs: [...needs],
        idempotencyKey: hiddenValue(form.body, 'idempotencyKey'),
      })
      assert.equal(response.statusCode, 303)
    }
    const scope = scopeForSystemTask(context.db, t.organisation, 'reading the report in a test')
    const counts = await countSignpostingsByNeed(scope, {
      from: new Date(Date.now() - 86_400_000),
      to: new Date(Date.now() + 60_000),
    })
    assert.deepEqual(counts, [
      { need: 'loneliness', signpostings: 2, services: 3 },
      { need: 'caring', signpostings: 1, services: 2 },
    ])
  })

  it('will not show another organisation’s signposting record', async () => {
    const id = await seedListing(team, { name: 'Private sheet test' })
    const session = await team.users['worker']!.session()
    const form = await session.get(`/directory/signpost?service=${id}`)
    const created = await session.post('/directory/signpost', {
      service: id,
      needs: ['caring'],
      idempotencyKey: hiddenValue(form.body, 'idempotencyKey'),
    })
    const other = await createTestOrganisation(context, { users: { worker: ['link-worker'] } })
    const otherSession = await other.users['worker']!.session()
    const response = await otherSession.get(created.headers.location as string)
    assert.equal(response.statusCode, 404)
  })
})

describe('editing and provider updates', () => {
  it('lets an editor create a listing with full validation, and not a link worker', async () => {
    const editor = await team.users['editor']!.session()
    const form = await editor.get('/directory/manage/services/new')
    assert.equal(form.statusCode, 200)
    const bad = await editor.post('/directory/manage/services/new', {
      organizationName: 'Seaton Community Trust',
      name: '',
      description: 'Bowls',
      welcome: 'open',
      capacity: 'capacity',
      howToJoin: 'signpost',
      status: 'active',
      address1: '1 Links Road',
      city: 'Aberdeen',
      postcode: 'SW1A 9ZZ',
      schedule0Day: 'WE',
      schedule0Frequency: 'weekly',
      schedule0Opens: '25:00',
      costType: 'free',
    })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Enter the name of the service/)
    assert.match(bad.body, /Enter the start time for time 1/)
    assert.match(bad.body, /value="Seaton Community Trust"/)
    const unknown = await editor.post('/directory/manage/services/new', {
      organizationName: 'Seaton Community Trust',
      name: 'Seaton bowls',
      description: 'Indoor bowls for beginners.',
      welcome: 'open',
      capacity: 'capacity',
      howToJoin: 'signpost',
      status: 'active',
      address1: '1 Links Road',
      city: 'Aberdeen',
      postcode: 'SW1A 9ZZ',
      costType: 'free',
    })
    assert.equal(unknown.statusCode, 400)
    assert.match(unknown.body, /We do not know where SW1A 9ZZ is/)
    const saved = await editor.post('/directory/manage/services/new', {
      organizationName: 'Seaton Community Trust',
      name: 'Seaton bowls',
      description: 'Indoor bowls for beginners.',
      welcome: 'open',
      capacity: 'capacity',
      howToJoin: 'signpost',
      status: 'active',
      address1: '1 Links Road',
      city: 'Aberdeen',
      postcode: 'ab10 1ab',
      schedule0Day: 'WE',
      schedule0Frequency: '2',
      schedule0Opens: '14:00',
      schedule0Closes: '16:00',
      costType: 'paid',
      costAmount: '2.50',
      costOption: 'per session',
      needs: ['loneliness'],
      public: 'yes',
    })
    assert.equal(saved.statusCode, 303)
    const page = await editor.get(saved.headers.location as string)
    assert.match(page.body, /Second Wednesday of the month, 2pm to 4pm/)
    assert.match(page.body, /£2.50 per session/)
    const worker = await team.users['worker']!.session()
    assert.equal((await worker.get('/directory/manage/services/new')).statusCode, 403)
  })

  it('lets a provider update through an emailed link; the editor sees the diff and approves it', async () => {
    const id = await seedListing(team, { name: 'Rosemount art group' })
    const editor = await team.users['editor']!.session()
    await editor.get(`/directory/services/${id}`)
    const before = context.emails.length
    const sent = await editor.post(`/directory/manage/services/${id}/send-link`, {})
    assert.equal(sent.statusCode, 303)
    assert.equal(context.emails.length, before + 1)
    const message = context.emails.at(-1)!
    assert.equal(message.to, 'walks@granitewalkers.example')
    const link = /\/directory\/update\/([A-Za-z0-9_-]+)/.exec(message.text)![0]
    const provider = new WebSession(context.app)
    const form = await provider.get(link)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /value="Rosemount art group"/)
    const changes = {
      name: 'Rosemount art group',
      description: 'Painting for all abilities. Now on Thursdays.',
      welcome: 'open',
      capacity: 'waitlist',
      howToJoin: 'signpost',
      locationName: 'Duthie Park gates',
      address1: 'Polmuir Road',
      city: 'Aberdeen',
      postcode: 'AB11 7TH',
      schedule0Day: 'TH',
      schedule0Frequency: 'weekly',
      schedule0Opens: '18:00',
      schedule0Closes: '19:00',
      costType: 'free',
      contactEmail: 'walks@granitewalkers.example',
    }
    const submitted = await provider.post(link, changes)
    assert.equal(submitted.statusCode, 200)
    assert.match(submitted.body, /your changes have been sent/)
    // Not live until approved.
    const live = await editor.get(`/directory/services/${id}`)
    assert.match(live.body, /Every Tuesday/)
    const pending = /\/directory\/manage\/changes\/([0-9a-f-]{36})/.exec(live.body)
    assert.ok(pending, 'the service page links to the pending change')
    const review = await editor.get(pending[0])
    assert.equal(review.statusCode, 200)
    assert.match(review.body, /Painting for all abilities. Now on Thursdays./)
    assert.match(review.body, /weekly TH 18:00-19:00/)
    assert.match(review.body, /Waiting list|waitlist/)
    const approved = await editor.post(`${pending[0]}/approve`, {})
    assert.equal(approved.statusCode, 303)
    const after = await editor.get(`/directory/services/${id}`)
    assert.match(after.body, /Every Thursday, 6pm to 7pm/)
    assert.match(after.body, /approved by Editor Tester/)
    const again = await editor.post(`${pending[0]}/approve`, {}, { csrfFrom: pending[0] })
    assert.equal(again.statusCode, 409)
    const history = await editor.get(`/directory/manage/services/${id}/history`)
    assert.match(history.body, /Provider/)
  })

  it('refuses expired or made-up provider links', async () => {
    const provider = new WebSession(context.app)
    const response = await provider.get('/directory/update/this-is-not-a-real-token-at-all')
    assert.equal(response.statusCode, 404)
    assert.match(response.body, /expired or is not valid/)
  })

  it('marks a listing temporarily closed in one step and hides it from search', async () => {
    const id = await seedListing(team, { name: 'Cults closing choir' })
    const editor = await team.users['editor']!.session()
    await editor.get(`/directory/services/${id}`)
    const closed = await editor.post(`/directory/manage/services/${id}/status`, { status: 'temporarily closed' })
    assert.equal(closed.statusCode, 303)
    const worker = await team.users['worker']!.session()
    const search = await worker.get('/directory?q=closing+choir')
    assert.doesNotMatch(search.body, /Cults closing choir/)
    const page = await worker.get(`/directory/services/${id}`)
    assert.match(page.body, /Temporarily closed/)
  })
  it('lets an editor correct an organisation, keeping what was typed on an error, and no one else', async () => {
    const id = await seedListing(team, { organizationName: 'Ferryhill Friends', name: 'Ferryhill coffee morning' })
    const rows = await context.db.execute<{ id: string }>(
      sql`select organization_id as id from directory_services where id = ${id}`,
    )
    const organizationId = rows.rows[0]!.id
    const editor = await team.users['editor']!.session()
    const path = `/directory/manage/organizations/${organizationId}/edit`
    const form = await editor.get(path)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /value="Ferryhill Friends"/)
    const invalid = await editor.post(path, { name: 'Ferryhill Friends CIC', website: 'ferryhill', email: '' })
    assert.equal(invalid.statusCode, 400)
    assert.match(invalid.body, /Enter a website address in the correct format/)
    assert.match(invalid.body, /value="Ferryhill Friends CIC"/)
    const saved = await editor.post(path, { name: 'Ferryhill Friends CIC', website: 'https://ferryhill.example.org' })
    assert.equal(saved.statusCode, 303)
    assert.equal(saved.headers.location, '/directory/manage?done=organization')
    assert.match((await editor.get(`/directory/services/${id}`)).body, /Ferryhill Friends CIC/)
    assert.equal(
      (await editor.get('/directory/manage/organizations/00000000-0000-4000-8000-000000000000/edit')).statusCode,
      404,
    )
    const worker = await team.users['worker']!.session()
    assert.equal((await worker.get(path)).statusCode, 403)
  })
})

describe('freshness and feedback', () => {
  it('flags stale listings, queues them for checking, and the job emails the provider once', async () => {
    const t = await createTestOrganisation(context, {
      users: { editor: ['directory-editor'], worker: ['link-worker'] },
    })
    const id = await seedListing(t, { name: 'Stale swimming lessons' })
    await context.db.execute(sql`update directory_services set assured_date = current_date - 200 where id = ${id}`)
    const worker = await t.users['worker']!.session()
    const search = await worker.get('/directory?q=swimming')
    assert.match(search.body, /Not checked for over 90 days/)
    const editor = await t.users['editor']!.session()
    const queue = await editor.get('/directory/manage')
    assert.match(queue.body, /Stale swimming lessons/)
    const before = context.emails.filter((m) => m.subject.includes('Stale swimming lessons')).length
    await sendFreshnessReminders(
      context.db,
      { kind: 'memory', send: async (m) => void context.emails.push(m) },
      context.config,
    )
    await sendFreshnessReminders(
      context.db,
      { kind: 'memory', send: async (m) => void context.emails.push(m) },
      context.config,
    )
    const reminders = context.emails.filter((m) => m.subject.includes('Stale swimming lessons'))
    assert.equal(reminders.length, before + 1, 'asked once, not on every run')
    const link = /\/directory\/update\/[A-Za-z0-9_-]+/.exec(reminders.at(-1)!.text)![0]
    const provider = new WebSession(context.app)
    await provider.get(link)
    const confirmed = await provider.post(`${link}/confirm`, {})
    assert.equal(confirmed.statusCode, 200)
    const fresh = await worker.get('/directory?q=swimming')
    assert.doesNotMatch(fresh.body, /Not checked for over 90 days/)
  })

  it('aggregates link-worker and public feedback on the service page, once per submission', async () => {
    const id = await seedListing(team, { name: 'Mastrick men’s shed' })
    const worker = await team.users['worker']!.session()
    const form = await worker.get(`/directory/services/${id}/feedback`)
    const key = hiddenValue(form.body, 'idempotencyKey')
    const missing = await worker.post(`/directory/services/${id}/feedback`, { idempotencyKey: key })
    assert.equal(missing.statusCode, 400)
    assert.match(missing.body, /Select whether they felt welcome/)
    const fields = { welcoming: 'yes', wouldRecommend: 'yes', comment: 'He goes every week now', idempotencyKey: key }
    assert.equal((await worker.post(`/directory/services/${id}/feedback`, fields)).statusCode, 303)
    assert.equal(
      (
        await worker.post(`/directory/services/${id}/feedback`, fields, {
          csrfFrom: `/directory/services/${id}/feedback`,
        })
      ).statusCode,
      303,
    )
    // The public link comes from a signposting email.
    const sheetForm = await worker.get(`/directory/signpost?service=${id}`)
    await worker.post('/directory/signpost', {
      service: id,
      needs: ['loneliness'],
      email: 'someone@example.com',
      idempotencyKey: hiddenValue(sheetForm.body, 'idempotencyKey'),
    })
    const publicLink = /http:\/\/[^/]+(\/directory\/feedback\/[^\s]+)/.exec(context.emails.at(-1)!.text)![1]!
    const person = new WebSession(context.app)
    const page = await person.get(publicLink)
    assert.equal(page.statusCode, 200)
    const personKey = hiddenValue(page.body, 'idempotencyKey')
    const sentByPerson = await person.post(publicLink, {
      welcoming: 'no',
      wouldRecommend: 'yes',
      idempotencyKey: personKey,
    })
    assert.equal(sentByPerson.statusCode, 200)
    assert.equal((await person.get(publicLink.replace(/\/[^/]+$/, '/forged'))).statusCode, 404)
    const service = await worker.get(`/directory/services/${id}`)
    assert.match(service.body, /50% said yes \(1 of 2\)/)
    assert.match(service.body, /100% said yes \(2 of 2\)/)
    assert.match(service.body, /He goes every week now/)
  })

  it('escapes what people type', async () => {
    const id = await seedListing(team, { name: '<script>alert(1)</script> club' })
    const worker = await team.users['worker']!.session()
    const page = await worker.get(`/directory/services/${id}`)
    assert.doesNotMatch(page.body, /<script>alert\(1\)<\/script>/)
    assert.match(page.body, /&lt;script&gt;/)
  })
})
