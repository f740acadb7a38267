// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import type { LightMyRequestResponse } from 'fastify'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import {
  createTestContext,
  createTestOrganisation,
  type TestContext,
  type TestOrganisation,
} from '../../../test/helpers/test-app.ts'
import type { WebSession } from '../../../test/helpers/web-session.ts'
import { linkWorkers } from './casework.table.ts'
import { MAX_PHOTO_BYTES } from './link-worker-profile.ts'
import { placeholderPortrait } from './link-workers.seed.ts'

let context: TestContext
let org: TestOrganisation
let elsewhere: TestOrganisation

before(async () => {
  context = await createTestContext()
  org = await createTestOrganisation(context, {
    users: { worker: ['link-worker'], colleague: ['link-worker'], supervisor: ['supervisor'], referrer: ['referrer'] },
  })
  elsewhere = await createTestOrganisation(context, { users: { worker: ['link-worker'], supervisor: ['supervisor'] } })
})
after(async () => {
  await context.close()
})

const PNG = placeholderPortrait([200, 200, 200])
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF'), Buffer.alloc(64)])

const DETAILS = {
  leafletName: 'Megan Reid',
  workPhone: '07700 900 318',
  workEmail: 'megan.reid@example.org',
  availability: 'Tuesday to Thursday, 9am to 5pm',
}

/** Submits the profile form as a browser does: multipart/form-data with the page's CSRF token. */
async function submitProfile(
  session: WebSession,
  fields: Record<string, string>,
  photo?: { name: string; content: Buffer },
): Promise<LightMyRequestResponse> {
  await session.get('/caseload/profile')
  const form = new FormData()
  form.append('_csrf', session.csrfToken()!)
  for (const [key, value] of Object.entries(fields)) form.append(key, value)
  if (photo) form.append('photo', new Blob([new Uint8Array(photo.content)]), photo.name)
  else form.append('photo', new Blob([]), '')
  const request = new Request('http://localhost/caseload/profile', { method: 'POST', body: form })
  const cookie = [...session.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  const response = await context.app.inject({
    method: 'POST',
    url: '/caseload/profile',
    headers: { cookie, 'content-type': request.headers.get('content-type')! },
    payload: Buffer.from(await request.arrayBuffer()),
  })
  session.lastBody = response.body
  return response
}

async function profileRow(organisationId: string, userId: string) {
  const [row] = await context.db
    .select()
    .from(linkWorkers)
    .where(and(eq(linkWorkers.organisationId, organisationId), eq(linkWorkers.userId, userId)))
  return row
}

describe('the link worker’s leaflet profile', () => {
  it('is for link workers, and starts with the name on their account', async () => {
    const referrer = await org.users['referrer']!.session()
    assert.equal((await referrer.get('/caseload/profile')).statusCode, 403)
    const worker = await org.users['worker']!.session()
    const page = await worker.get('/caseload/profile')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Your details for plan leaflets/)
    assert.match(page.body, /enctype="multipart\/form-data"/)
    assert.match(page.body, new RegExp(`value="${org.users['worker']!.displayName}"`))
    const caseload = await worker.get('/caseload')
    assert.match(caseload.body, /href="\/caseload\/profile"/)
  })

  it('saves the details and a photo, keeps the capacity a supervisor set, and audits the change', async () => {
    const worker = org.users['worker']!
    // The supervisor's capacity figure lives in the same row and must survive the profile being saved.
    await context.db.insert(linkWorkers).values({
      organisationId: org.organisation.id,
      userId: worker.id,
      annualCapacity: 220,
      updatedAt: new Date(),
    })
    const session = await worker.session()
    const saved = await submitProfile(session, DETAILS, { name: 'me.png', content: PNG })
    assert.equal(saved.statusCode, 303)
    assert.equal(saved.headers.location, '/caseload/profile?saved=profile')

    const row = await profileRow(org.organisation.id, worker.id)
    assert.equal(row!.annualCapacity, 220)
    assert.equal(row!.leafletName, 'Megan Reid')
    assert.equal(row!.photoContentType, 'image/png')
    assert.ok(row!.photo!.equals(PNG))

    const page = await session.get('/caseload/profile?saved=profile')
    assert.match(page.body, /have been saved/)
    assert.match(page.body, /value="07700 900 318"/)
    const photoHref = /src="(\/caseload\/profile\/photo\/[^"]+)"/.exec(page.body)![1]!.replace(/&amp;/g, '&')
    const photo = await session.get(photoHref)
    assert.equal(photo.statusCode, 200)
    assert.equal(photo.headers['content-type'], 'image/png')
    assert.match(String(photo.headers['cache-control']), /^private/)
    assert.ok(photo.rawPayload.equals(PNG))

    const events = await context.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'link-worker-profile-change'), eq(auditEvents.recordId, worker.id)))
    assert.equal(events.length, 1)
    assert.deepEqual(events[0]!.details, { photo: 'replace' })
    assert.doesNotMatch(JSON.stringify(events[0]), /Megan|07700/)

    // Saving again (a retried post) updates the one row.
    assert.equal((await submitProfile(session, DETAILS)).statusCode, 303)
    const rows = await context.db.select().from(linkWorkers).where(eq(linkWorkers.organisationId, org.organisation.id))
    assert.equal(rows.length, 1)
    assert.ok(rows[0]!.photo!.equals(PNG), 'saving without choosing a photo keeps the photo')
  })

  it('accepts a JPEG, and removes the photo when asked', async () => {
    const colleague = org.users['colleague']!
    const session = await colleague.session()
    assert.equal((await submitProfile(session, DETAILS, { name: 'me.jpeg', content: JPEG })).statusCode, 303)
    assert.equal((await profileRow(org.organisation.id, colleague.id))!.photoContentType, 'image/jpeg')
    const photo = await session.get(`/caseload/profile/photo/${colleague.id}`)
    assert.equal(photo.headers['content-type'], 'image/jpeg')

    assert.equal((await submitProfile(session, { ...DETAILS, removePhoto: 'yes' })).statusCode, 303)
    const row = await profileRow(org.organisation.id, colleague.id)
    assert.equal(row!.photo, null)
    assert.equal(row!.photoContentType, null)
    assert.equal((await session.get(`/caseload/profile/photo/${colleague.id}`)).statusCode, 404)
  })

  it('refuses a file that is not a JPEG or PNG even when named like one, keeping what was typed', async () => {
    const session = await org.users['worker']!.session()
    const fake = await submitProfile(
      session,
      { ...DETAILS, availability: 'Mondays only' },
      { name: 'photo.png', content: Buffer.from('GIF89a and then some bytes') },
    )
    assert.equal(fake.statusCode, 400)
    assert.match(fake.body, /There is a problem/)
    assert.match(fake.body, /The photo must be a JPG or PNG/)
    assert.match(fake.body, /href="#photo"/)
    assert.match(fake.body, /Mondays only/)
    const svg = await submitProfile(session, DETAILS, {
      name: 'photo.jpg',
      content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    })
    assert.equal(svg.statusCode, 400)
    assert.notEqual((await profileRow(org.organisation.id, org.users['worker']!.id))!.availability, 'Mondays only')
  })

  it('refuses a photo over 500 KB with a message by the field, not an error page', async () => {
    const session = await org.users['worker']!.session()
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_PHOTO_BYTES)])
    const response = await submitProfile(session, DETAILS, { name: 'big.png', content: big })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /The photo must be smaller than 500 KB/)
    assert.match(response.body, /value="Megan Reid"/)
  })

  it('keeps what was typed when the details are wrong', async () => {
    const session = await org.users['worker']!.session()
    const response = await submitProfile(session, {
      leafletName: '',
      workPhone: '12345',
      workEmail: 'not-an-email',
      availability: 'Fridays <b>only</b>',
    })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /Enter your name as it should appear on leaflets/)
    assert.match(response.body, /Enter a UK phone number/)
    assert.match(response.body, /value="12345"/)
    assert.match(response.body, /value="not-an-email"/)
    assert.match(response.body, /Fridays &lt;b&gt;only&lt;\/b&gt;/)
  })

  it('refuses a post without the form’s CSRF token', async () => {
    const session = await org.users['worker']!.session()
    const response = await session.post('/caseload/profile', { ...DETAILS, leafletName: 'Forged' }, { csrfToken: null })
    assert.equal(response.statusCode, 400)
    assert.notEqual((await profileRow(org.organisation.id, org.users['worker']!.id))!.leafletName, 'Forged')
  })

  it('shows a photo to colleagues and supervisors in the same service only', async () => {
    const worker = org.users['worker']!
    const href = `/caseload/profile/photo/${worker.id}`
    assert.equal((await (await org.users['colleague']!.session()).get(href)).statusCode, 200)
    assert.equal((await (await org.users['supervisor']!.session()).get(href)).statusCode, 200)
    assert.equal((await (await org.users['referrer']!.session()).get(href)).statusCode, 403)
    assert.equal((await (await elsewhere.users['worker']!.session()).get(href)).statusCode, 404)
    assert.equal((await (await elsewhere.users['supervisor']!.session()).get(href)).statusCode, 404)
    const session = await org.users['colleague']!.session()
    assert.equal((await session.get('/caseload/profile/photo/not-a-uuid')).statusCode, 404)
  })
})
