// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import {
  createTestContext,
  createTestOrganisation,
  type TestContext,
  type TestOrganisation,
} from '../../../test/helpers/test-app.ts'
import { addDays, londonToday } from '../casework/index.ts'
import { linkWorkers } from '../casework/casework.table.ts'
import { listingSnapshot, testListing } from '../../../test/factories/directory.ts'
import { actorOf, allocatedReferral, scopeOf } from '../../../test/factories/casework.ts'
import { findReferralForService } from '../referrals/index.ts'
import type { PlanContent } from './plan.ts'
import { agreePlan, savePlan } from './plans.service.ts'
import { plans } from './plans.table.ts'

let context: TestContext
let org: TestOrganisation
let elsewhere: TestOrganisation

// The smallest real PNG: the photo route and the PDF only need valid bytes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
  'base64',
)

before(async () => {
  context = await createTestContext()
  org = await createTestOrganisation(context, {
    users: {
      worker: ['link-worker'],
      other: ['link-worker'],
      supervisor: ['supervisor'],
      referrer: ['referrer'],
      editor: ['directory-editor'],
    },
  })
  elsewhere = await createTestOrganisation(context, { users: { worker: ['link-worker'] } })
})
after(async () => {
  await context.close()
})

/** A referral to the service, accepted and allocated to `ownerKey`. */
function allocated(o: TestOrganisation, ownerKey = 'worker'): Promise<string> {
  return allocatedReferral(context, o, ownerKey, { asExample: {} })
}

/** A listing in the organisation's area, for a plan to link to. */
async function listing(name: string, status = 'active'): Promise<string> {
  return testListing(context, org, 'editor', listingSnapshot(name, { status }))
}

function content(serviceIds: { open: string; closed: string }, goal = 'Play the ukulele with other people again') {
  return {
    goals: [
      {
        goalKey: 'new-1',
        inTheirWords: goal,
        needs: ['loneliness'],
        fiveWays: ['connect', 'keep-learning'],
        barriers: ['confidence'],
        barriersText: '',
      },
    ],
    actions: [
      {
        goalKey: 'new-1',
        what: 'Phone the Strum Along group',
        who: 'Megan',
        byWhen: addDays(londonToday(), 7),
        done: false,
      },
      { goalKey: null, what: 'Apply for a bus pass', who: 'Margaret', byWhen: null, done: false },
    ],
    services: [
      { goalKey: 'new-1', directoryServiceId: serviceIds.open, name: 'Strum Along', details: 'Thursdays at 2pm' },
      { goalKey: null, directoryServiceId: serviceIds.closed, name: 'Old lunch club', details: '' },
    ],
    reviewOn: addDays(londonToday(), 42),
    nextSteps: 'Megan will phone on Tuesday <to see> how it went.',
  } as PlanContent
}

async function auditCount(action: string, recordType: string): Promise<number> {
  const rows = await context.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.actorOrganisationId, org.organisation.id),
        eq(auditEvents.action, action),
        eq(auditEvents.recordType, recordType),
      ),
    )
  return rows.length
}

describe('the plan leaflet', () => {
  let referralId: string
  let services: { open: string; closed: string }

  before(async () => {
    referralId = await allocated(org)
    services = { open: await listing('Strum Along'), closed: await listing('Old lunch club', 'defunct') }
    await context.db.insert(linkWorkers).values({
      organisationId: org.organisation.id,
      userId: org.users['worker']!.id,
      leafletName: 'Megan Reid',
      workPhone: '07700 900 318',
      workEmail: 'megan@example.org',
      availability: 'Tuesday to Thursday',
      photo: PNG,
      photoContentType: 'image/png',
      updatedAt: new Date(),
    })
  })

  it('says plainly when there is no plan yet, and never makes an empty PDF', async () => {
    const session = await org.users['worker']!.session()
    const page = await session.get(`/caseload/${referralId}/plan/leaflet`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /There is no plan for Margaret Thomson yet/)
    assert.match(page.body, new RegExp(`href="/caseload/${referralId}"`))
    const pdf = await session.get(`/caseload/${referralId}/plan/leaflet.pdf`)
    assert.equal(pdf.statusCode, 404)
    assert.match(String(pdf.headers['content-type']), /text\/html/)
    assert.match(pdf.body, /There is no plan for Margaret Thomson yet/)
  })

  it('prints a draft, clearly marked as not yet agreed', async () => {
    await savePlan(
      scopeOf(context, org),
      referralId,
      content(services),
      { submissionKey: 'leaflet-draft-1', basedOn: null },
      actorOf(org, 'worker'),
    )
    const session = await org.users['worker']!.session()
    const page = await session.get(`/caseload/${referralId}/plan/leaflet`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Draft – not yet agreed/)
    assert.match(page.body, /Your plan with Megan Reid/)
  })

  it('prints the agreed plan with the link worker, goals, actions, services and review', async () => {
    await agreePlan(
      scopeOf(context, org),
      referralId,
      { agreedOn: londonToday(), method: 'in-person', note: '' },
      { version: 1, rowVersion: 1 },
      actorOf(org, 'worker'),
    )
    const session = await org.users['worker']!.session()
    const before = await auditCount('view', 'plan')
    const page = await session.get(`/caseload/${referralId}/plan/leaflet`)
    assert.equal(page.statusCode, 200)
    assert.equal(page.headers['cache-control'], 'no-store')
    const body = page.body
    assert.doesNotMatch(body, /Draft – not yet agreed/)
    assert.match(body, /Agreed on/)
    assert.match(body, new RegExp(org.organisation.name))
    assert.match(body, /<h1[^>]*>Your plan with Megan Reid<\/h1>/)
    assert.match(body, /For Margaret Thomson/)
    assert.match(body, /07700 900 318/)
    assert.match(body, /megan@example.org/)
    assert.match(body, /Tuesday to Thursday/)
    assert.match(
      body,
      new RegExp(`src="/caseload/profile/photo/${org.users['worker']!.id}\\?v=\\d+" alt="Photo of Megan Reid"`),
    )
    assert.match(body, /Play the ukulele with other people again/)
    assert.match(body, /Connect, Keep learning/)
    assert.match(body, /Phone the Strum Along group/)
    assert.match(body, /Apply for a bus pass/)
    // The linked listing's details, through the directory's API; none for a listing that has closed.
    assert.match(body, /01632 960 555/)
    assert.match(body, /hello@strum.example/)
    assert.match(body, /1 High Street/)
    // When it runs and the next session, from the directory, so the person knows when to go.
    assert.match(body, /Every Thursday, 2pm to 3:30pm/)
    assert.match(body, /Next session/)
    assert.match(body, /Old lunch club/)
    assert.doesNotMatch(body, /moira@strum.example/, 'the listing’s named contact is for staff, not leaflets')
    assert.match(body, /Megan will phone on Tuesday &lt;to see&gt; how it went/)
    assert.match(body, /We will look at this plan together again on/)
    assert.match(body, /NHS 111/)
    assert.match(body, /href="\/static\/leaflet.css"/)
    assert.match(body, new RegExp(`href="/caseload/${referralId}/plan/leaflet.pdf"`))
    assert.match(body, new RegExp(`href="/caseload/${referralId}/plan/leaflet\\?size=large"`))
    assert.equal(await auditCount('view', 'plan'), before + 1)
  })

  it('prints the agreed version while a newer draft is being worked on', async () => {
    const [agreed] = await context.db
      .select({ rowVersion: plans.rowVersion })
      .from(plans)
      .where(and(eq(plans.organisationId, org.organisation.id), eq(plans.status, 'agreed')))
    await savePlan(
      scopeOf(context, org),
      referralId,
      content(services, 'Join a choir'),
      { submissionKey: 'leaflet-draft-2', basedOn: { version: 1, rowVersion: agreed!.rowVersion } },
      actorOf(org, 'worker'),
    )
    const session = await org.users['worker']!.session()
    const page = await session.get(`/caseload/${referralId}/plan/leaflet`)
    assert.match(page.body, /Play the ukulele with other people again/)
    assert.doesNotMatch(page.body, /Join a choir/)
    assert.doesNotMatch(page.body, /Draft – not yet agreed/)
  })

  it('has a large print version', async () => {
    const session = await org.users['worker']!.session()
    const page = await session.get(`/caseload/${referralId}/plan/leaflet?size=large`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /class="app-leaflet app-leaflet--large"/)
    assert.match(page.body, /Standard print version/)
    assert.match(page.body, /large print leaflet as a PDF/)
    assert.match(page.body, new RegExp(`href="/caseload/${referralId}/plan/leaflet.pdf\\?size=large"`))
  })

  it('downloads as a PDF, standard and large print, and audits the download', async () => {
    const session = await org.users['worker']!.session()
    const before = await auditCount('download', 'plan')
    const reference = (await findReferralForService(scopeOf(context, org), referralId))!.reference
    const pdf = await session.get(`/caseload/${referralId}/plan/leaflet.pdf`)
    assert.equal(pdf.statusCode, 200)
    assert.equal(pdf.headers['content-type'], 'application/pdf')
    assert.equal(pdf.headers['content-disposition'], `inline; filename="plan-leaflet-${reference}.pdf"`)
    assert.equal(pdf.headers['cache-control'], 'no-store')
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-')
    assert.match(pdf.rawPayload.toString('latin1'), /\/Subtype \/Image/)
    const large = await session.get(`/caseload/${referralId}/plan/leaflet.pdf?size=large`)
    assert.equal(large.statusCode, 200)
    assert.equal(large.headers['content-disposition'], `inline; filename="plan-leaflet-${reference}-large-print.pdf"`)
    assert.notEqual(large.rawPayload.length, pdf.rawPayload.length)
    assert.equal(await auditCount('download', 'plan'), before + 2)
    const [event] = await context.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorOrganisationId, org.organisation.id), eq(auditEvents.action, 'download')))
      .limit(1)
    assert.doesNotMatch(JSON.stringify(event!.details), /Margaret|ukulele/)
  })

  it('is only for the link worker the person is allocated to', async () => {
    const paths = [`/caseload/${referralId}/plan/leaflet`, `/caseload/${referralId}/plan/leaflet.pdf`]
    for (const path of paths) {
      assert.equal((await (await org.users['other']!.session()).get(path)).statusCode, 404, path)
      assert.equal((await (await elsewhere.users['worker']!.session()).get(path)).statusCode, 404, path)
      assert.equal((await (await org.users['supervisor']!.session()).get(path)).statusCode, 403, path)
      assert.equal((await (await org.users['referrer']!.session()).get(path)).statusCode, 403, path)
    }
    const session = await org.users['worker']!.session()
    assert.equal((await session.get('/caseload/not-a-uuid/plan/leaflet')).statusCode, 404)
  })

  it('uses the account name when the link worker has not set up their leaflet details', async () => {
    const theirs = await allocated(org, 'other')
    await savePlan(
      scopeOf(context, org),
      theirs,
      content(services),
      { submissionKey: 'leaflet-other-1', basedOn: null },
      actorOf(org, 'other'),
    )
    const session = await org.users['other']!.session()
    const page = await session.get(`/caseload/${theirs}/plan/leaflet`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, new RegExp(`Your plan with ${org.users['other']!.displayName}`))
    assert.doesNotMatch(page.body, /app-leaflet__photo/)
    const pdf = await session.get(`/caseload/${theirs}/plan/leaflet.pdf`)
    assert.equal(pdf.statusCode, 200)
  })
})
