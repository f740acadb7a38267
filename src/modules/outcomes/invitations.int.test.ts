// SPDX-License-Identifier: AGPL-3.0-or-later
// The person answers questionnaires from a link (issue 12): sent by email (never to someone who asked not to be
// emailed), answered one question at a time with a stop and a return, or all on one page; refused answers keep
// what was typed; an expired, altered or finished link opens nothing; what they answer becomes a measure
// "collected by the person", audited through the link. And the supervisor's choice of questionnaires.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { actorOf, allocatedReferral, inProgressCase, scopeOf, testService } from '../../../test/factories/casework.ts'
import { linkTokenFrom } from '../../../test/factories/connections.ts'
import { useTestContext, type TestOrganisation } from '../../../test/helpers/test-app.ts'
import { WebSession } from '../../../test/helpers/web-session.ts'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { importContentPack } from './outcomes.service.ts'
import { invitations, measures, shortCodes } from './outcomes.table.ts'
import { insertShortCode } from './invitations.repository.ts'
import { inTransaction } from '../../platform/db/org-scope.ts'

const context = useTestContext()
let org: TestOrganisation

async function personWithEmail(avoid: string[] = []) {
  const referralId = await allocatedReferral(context, org, 'worker', {
    person: { email: 'person@example.org', phone: '07700 900123', contactMethodsToAvoid: avoid as never[] },
  })
  await inProgressCase(context, org, referralId)
  return referralId
}

async function invite(referralId: string, fields: Record<string, string | string[]>) {
  const session = await org.users['worker']!.session()
  const page = `/caseload/${referralId}/outcomes`
  assert.equal((await session.get(page)).statusCode, 200)
  return session.post(`${page}/invite`, fields, { csrfFrom: page })
}

async function emailedLink(referralId: string, instruments: string[]): Promise<string> {
  const before = context.emails.length
  const sent = await invite(referralId, { inviteTimepoint: 'baseline', inviteInstruments: instruments, via: 'email' })
  assert.equal(sent.statusCode, 303, sent.body.slice(0, 500))
  const email = context.emails.slice(before).find((e) => e.to === 'person@example.org')!
  assert.ok(email, 'the person was emailed')
  return `/questionnaires/${linkTokenFrom(email.text.replace('/questionnaires/', '/connections/respond/'))}`
}

describe('questionnaires the person answers from a link', () => {
  before(async () => {
    org = await testService(context)
  })

  it('lets the person name a concern on one screen and score it on the next (MYCaW)', async () => {
    const labels = { 0: 'Not at all', 1: 'One', 2: 'Two', 3: 'Three', 4: 'Four', 5: 'Five', 6: 'Greatly' }
    await importContentPack(
      scopeOf(context, org),
      {
        format: 'waymark-instrument-content/1',
        instrument: 'mycaw',
        version: 1,
        preamble: '',
        items: {
          concern1Name: 'What is your first concern?',
          concern1: 'How much does it bother you now?',
          concern2Name: 'Is there a second concern?',
          concern2: 'How much does that bother you now?',
          wellbeing: 'How is your general feeling of wellbeing?',
        },
        responseLabels: { concern: labels, wellbeing: labels },
      },
      actorOf(org, 'supervisor'),
    )
    const referralId = await personWithEmail()
    const link = await emailedLink(referralId, ['mycaw'])
    const person = new WebSession(context.app)
    const first = await person.get(`${link}/mycaw`)
    assert.match(first.body, /<label[^>]*>\s*What is your first concern\?/)
    const named = await person.post(
      `${link}/mycaw`,
      { all: '', index: '0', 'answer-concern1Name': 'Going out on my own' },
      { csrfFrom: `${link}/mycaw` },
    )
    assert.equal(named.headers.location, `${link}/mycaw?question=2`)
    const tooLong = await person.post(
      `${link}/mycaw`,
      { all: '', index: '2', 'answer-concern2Name': 'x'.repeat(300) },
      { csrfFrom: `${link}/mycaw?question=3` },
    )
    assert.equal(tooLong.statusCode, 400)
    assert.match(tooLong.body, /Use 200 characters or fewer/)
    const all = await person.post(
      `${link}/mycaw`,
      {
        all: '1',
        index: '',
        'answer-concern1Name': 'Going out on my own',
        'answer-concern1': '5',
        'answer-concern2Name': '',
        'answer-concern2': '',
        'answer-wellbeing': '4',
      },
      { csrfFrom: `${link}/mycaw?all=1` },
    )
    assert.equal(all.headers.location, `${link}?done=mycaw`)
    const [stored] = await context.db
      .select()
      .from(measures)
      .where(and(eq(measures.organisationId, org.organisation.id), eq(measures.referralId, referralId)))
    assert.deepEqual(stored!.texts, { concern1Name: 'Going out on my own' })
    assert.deepEqual(stored!.scores, { concern1: 5, concern2: null, wellbeing: 4 })
    assert.equal(stored!.collectedBy, 'person')
  })

  it('emails a link that holds nothing about them, and their answers become measures collected by the person', async () => {
    const referralId = await personWithEmail()
    const before = context.emails.length
    const link = await emailedLink(referralId, ['ucla3', 'ons4'])
    const email = context.emails.slice(before).at(-1)!
    assert.doesNotMatch(email.text, /loneliness|wellbeing|COPD|Widowed/i)
    assert.match(email.text, /You can stop and come back|you can stop and come back/)

    const person = new WebSession(context.app)
    const start = await person.get(link)
    assert.equal(start.statusCode, 200)
    // Asked in the service's order, whatever order the boxes were ticked in.
    assert.ok(start.body.indexOf('ONS4 wellbeing') < start.body.indexOf('UCLA-3 loneliness'))

    // One at a time: the first answer kept, then stop; coming back opens the second question.
    const first = await person.post(
      `${link}/ons4`,
      { all: '', index: '0', 'answer-satis': '4' },
      { csrfFrom: `${link}/ons4` },
    )
    assert.equal(first.statusCode, 303)
    assert.equal(first.headers.location, `${link}/ons4?question=2`)
    const later = await person.post(
      `${link}/ons4`,
      { all: '', index: '1', 'answer-worth': '', action: 'later' },
      { csrfFrom: `${link}/ons4?question=2` },
    )
    assert.equal(later.headers.location, `${link}?saved=1`)
    const back = await person.get(`${link}/ons4`)
    assert.match(back.body, /question 2 of 4/i)

    // All on one page: an answer out of range is refused with what was typed kept, nothing stored.
    const refused = await person.post(
      `${link}/ucla3`,
      { all: '1', index: '', 'answer-companionship': '2', 'answer-leftOut': '9', 'answer-isolated': '3' },
      { csrfFrom: `${link}/ucla3?all=1` },
    )
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /Choose one of the answers, or leave it blank to skip it/)
    assert.match(refused.body, /value="2" checked/)
    const sent = await person.post(
      `${link}/ucla3`,
      { all: '1', index: '', 'answer-companionship': '2', 'answer-leftOut': '3', 'answer-isolated': '3' },
      { csrfFrom: `${link}/ucla3?all=1` },
    )
    assert.equal(sent.headers.location, `${link}?done=ucla3`)
    // Finished: it cannot be answered again from the link.
    assert.equal((await person.get(`${link}/ucla3`)).statusCode, 303)

    const stored = await context.db
      .select()
      .from(measures)
      .where(and(eq(measures.organisationId, org.organisation.id), eq(measures.referralId, referralId)))
    assert.equal(stored.length, 1)
    assert.equal(stored[0]!.collectedBy, 'person')
    assert.equal(stored[0]!.timepoint, 'baseline')
    assert.deepEqual(stored[0]!.scores, { total: 8 })
    const [invitation] = await context.db
      .select()
      .from(invitations)
      .where(and(eq(invitations.organisationId, org.organisation.id), eq(invitations.referralId, referralId)))
    assert.deepEqual(invitation!.draft['ons4'], { satis: 4 })
    assert.deepEqual(invitation!.finished, ['ucla3'])
    const audited = await context.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorOrganisationId, org.organisation.id), eq(auditEvents.actorRole, 'person-link')))
    assert.ok(audited.some((a) => a.action === 'outcome.record'))
    assert.ok(audited.some((a) => a.action === 'outcome.progress'))

    // They can see their own answers; the link worker sees how far they got.
    const own = await person.get(`${link}/answers`)
    assert.match(own.body, /Loneliness score \(3 to 9, lower is better\): 8 on/)
    const worker = await org.users['worker']!.session()
    const page = await worker.get(`/caseload/${referralId}/outcomes`)
    assert.match(page.body, /Emailed on [^:]+: ONS4 wellbeing, UCLA-3 loneliness[\s\S]*1 of 2 answered/)
  })

  it('opens nothing for an altered, unknown or malformed link', async () => {
    const referralId = await personWithEmail()
    const link = await emailedLink(referralId, ['ons-loneliness'])
    const person = new WebSession(context.app)
    const token = link.split('/').at(-1)!
    const altered = `/questionnaires/${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`
    const otherOrg = `/questionnaires/${'0'.repeat(32)}${token.slice(32)}`
    for (const path of [altered, otherOrg, '/questionnaires/not-a-link', `${altered}/ons-loneliness`]) {
      const response = await person.get(path)
      assert.equal(response.statusCode, 404, path)
    }
    assert.equal((await person.get(`${link}/ons4`)).statusCode, 404)
  })

  it('will not email someone who asked not to be emailed, and says why on the page', async () => {
    const referralId = await personWithEmail(['email'])
    const before = context.emails.length
    const refused = await invite(referralId, { inviteTimepoint: 'baseline', inviteInstruments: ['ons4'], via: 'email' })
    assert.equal(refused.statusCode, 409)
    assert.match(refused.body, /has asked not to be emailed/)
    assert.equal(context.emails.length, before)
    const invalid = await invite(referralId, { inviteTimepoint: 'never', via: 'pigeon' })
    assert.equal(invalid.statusCode, 400)
    assert.match(invalid.body, /Select the questionnaires to send/)
    assert.match(invalid.body, /Select how to give them the link/)
    const printed = await invite(referralId, {
      inviteTimepoint: 'follow-up',
      inviteInstruments: ['ons4'],
      via: 'printed',
    })
    assert.equal(printed.statusCode, 200)
    // Printed, the link is a short code to type at /q (in any case, with or without its hyphen).
    const code = /<strong>([0-9A-Z]{5}-[0-9A-Z]{5})<\/strong>/.exec(printed.body)?.[1]
    assert.ok(code, 'the letter shows a short code')
    assert.match(printed.body, /http:\/\/[^<]+\/q</)
    const person = new WebSession(context.app)
    assert.equal((await person.get('/q')).statusCode, 200)
    const wrong = await person.post('/q', { code: 'ZZZZZ-ZZZZZ' }, { csrfFrom: '/q' })
    assert.equal(wrong.statusCode, 400)
    assert.match(wrong.body, /That code is not right, or it has expired/)
    assert.match(wrong.body, /value="ZZZZZ-ZZZZZ"/)
    const malformed = await person.post('/q', { code: 'abc' }, { csrfFrom: '/q' })
    assert.match(malformed.body, /The code is 10 letters and numbers/)
    const typed = ` ${code.toLowerCase().replace('-', ' ')} `
    const found = await person.post('/q', { code: typed }, { csrfFrom: '/q' })
    assert.equal(found.statusCode, 303)
    const link = found.headers.location!
    assert.equal(link, `/questionnaires/${code.replace('-', '')}`)
    const start = await person.get(link)
    assert.equal(start.statusCode, 200)
    assert.match(start.body, /ONS4 wellbeing/)
    const answered = await person.post(
      `${link}/ons4`,
      { all: '1', index: '', 'answer-satis': '5', 'answer-worth': '5', 'answer-happy': '5', 'answer-anxious': '5' },
      { csrfFrom: `${link}/ons4?all=1` },
    )
    assert.equal(answered.headers.location, `${link}?done=ons4`)
    // The code is kept only as its hash, naming the printed invitation it opens.
    const [printedInvitation] = await context.db
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.organisationId, org.organisation.id), eq(invitations.sentVia, 'printed')))
    const [stored] = await context.db
      .select()
      .from(shortCodes)
      .where(eq(shortCodes.invitationId, printedInvitation!.id))
    assert.equal(stored?.organisationId, org.organisation.id)
    assert.ok(stored.shortCodeHash && !stored.shortCodeHash.includes(code.replace('-', '')))
    // Unique across every organisation: another service cannot take the same code (the service draws again).
    const other = await testService(context)
    const taken = await context.db.transaction((tx) =>
      insertShortCode(inTransaction(scopeOf(context, other), tx), {
        invitationId: randomUUID(),
        shortCodeHash: stored.shortCodeHash,
        expiresAt: stored.expiresAt,
      }),
    )
    assert.equal(taken, false)
    const holders = await context.db.select().from(shortCodes).where(eq(shortCodes.shortCodeHash, stored.shortCodeHash))
    assert.deepEqual(
      holders.map((h) => h.organisationId),
      [org.organisation.id],
    )
  })

  it('lets the supervisor choose the questionnaires and how often, and refuses what cannot be asked', async () => {
    const supervisor = await org.users['supervisor']!.session()
    const form = await supervisor.get('/outcomes/settings')
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /value="ons4" checked/)
    const bad = await supervisor.post('/outcomes/settings', { baseline: ['swemwbs'], followUpWeeks: '2' })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Select questionnaires from the list/)
    assert.match(bad.body, /Select at least one questionnaire to ask at follow-up/)
    assert.match(bad.body, /Weeks between questionnaires must be a whole number from 4 to 52/)
    assert.match(bad.body, /value="2"/)
    const saved = await supervisor.post('/outcomes/settings', {
      baseline: ['djg6', 'ons4'],
      followUp: ['ons4'],
      followUpWeeks: '8',
    })
    assert.equal(saved.statusCode, 303)
    const again = await supervisor.get('/outcomes/settings?saved=1')
    assert.match(again.body, /have been saved/)
    assert.match(again.body, /value="djg6" checked/)
    assert.match(again.body, /value="8"/)
    const worker = await org.users['worker']!.session()
    assert.equal((await worker.get('/outcomes/settings')).statusCode, 403)
    const referralId = await personWithEmail()
    const page = await worker.get(`/caseload/${referralId}/outcomes`)
    // The send form starts with the service's baseline choice.
    assert.match(page.body, /name="inviteInstruments" type="checkbox" value="djg6" checked/)
  })
})
