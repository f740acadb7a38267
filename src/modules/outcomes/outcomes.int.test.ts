// SPDX-License-Identifier: AGPL-3.0-or-later
// Outcomes through the pages (issue 12): a link worker records a baseline and a follow-up, sees the change, and the
// caseload and episode page say what is due; answers the instrument refuses are a 400 that keeps what was typed;
// a retried form is stored once; a licensed questionnaire without its content pack is refused; another worker's
// person is not reachable; each write and read is audited with the answers beside every score.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import {
  actorOf,
  allocatedReferral,
  hiddenField,
  inProgressCase,
  scopeOf,
  testService,
  todayFields,
} from '../../../test/factories/casework.ts'
import { useTestContext, type TestOrganisation } from '../../../test/helpers/test-app.ts'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { addDays, londonToday } from '../casework/index.ts'
import { mergePeople } from '../people/index.ts'
import { findInstrument } from './catalogue.ts'
import { importContentPack } from './outcomes.service.ts'
import { measures } from './outcomes.table.ts'

const context = useTestContext()
let org: TestOrganisation

async function storedFor(referralId: string) {
  return context.db
    .select()
    .from(measures)
    .where(and(eq(measures.organisationId, org.organisation.id), eq(measures.referralId, referralId)))
}

async function openForm(referralId: string, instrument: string) {
  const session = await org.users['worker']!.session()
  const form = await session.get(`/caseload/${referralId}/outcomes/new/${instrument}`)
  assert.equal(form.statusCode, 200, form.body.slice(0, 300))
  return { session, form, submissionKey: hiddenField(form.body, 'submissionKey') }
}

const ons4 = (satis: string, worth: string, happy: string, anxious: string) => ({
  'answer-satis': satis,
  'answer-worth': worth,
  'answer-happy': happy,
  'answer-anxious': anxious,
})

describe('outcome questionnaires', () => {
  before(async () => {
    org = await testService(context)
  })

  it('records a baseline and a follow-up, and shows the change with its band and chart', async () => {
    const referralId = await allocatedReferral(context, org)
    await inProgressCase(context, org, referralId, { contactOn: addDays(londonToday(), -90) })
    const session = await org.users['worker']!.session()

    // Baseline due from the first contact, on the caseload and the episode page.
    const caseload = await session.get('/caseload')
    assert.match(
      caseload.body,
      new RegExp(`/caseload/${referralId}/outcomes">[^<]+</a>: Baseline questionnaires overdue`),
    )
    const episode = await session.get(`/caseload/${referralId}`)
    assert.match(episode.body, /Baseline questionnaires overdue/)
    assert.match(episode.body, /No wellbeing or loneliness questionnaires recorded yet/)

    const baseline = await openForm(referralId, 'ons4')
    assert.match(baseline.form.body, /value="baseline" checked/)
    const saved = await baseline.session.post(`/caseload/${referralId}/outcomes/new/ons4`, {
      timepoint: 'baseline',
      ...todayFields(),
      day: String(Number(addDays(londonToday(), -84).slice(8))),
      month: String(Number(addDays(londonToday(), -84).slice(5, 7))),
      year: addDays(londonToday(), -84).slice(0, 4),
      ...ons4('3', '4', '', '8'),
      submissionKey: baseline.submissionKey,
    })
    assert.equal(saved.statusCode, 303)
    assert.equal(saved.headers.location, `/caseload/${referralId}/outcomes?saved=ons4`)

    // A follow-up is due 12 weeks after the baseline: today.
    assert.match((await session.get('/caseload')).body, /12-week follow-up questionnaires due/)
    const followUp = await openForm(referralId, 'ons4')
    assert.match(followUp.form.body, /value="follow-up" checked/)
    const second = await followUp.session.post(`/caseload/${referralId}/outcomes/new/ons4`, {
      timepoint: 'follow-up',
      ...todayFields(),
      ...ons4('7', '6', '5', '3'),
      submissionKey: followUp.submissionKey,
    })
    assert.equal(second.statusCode, 303)

    const rows = await storedFor(referralId)
    assert.equal(rows.length, 2)
    const first = rows.find((r) => r.timepoint === 'baseline')!
    // The unanswered item is stored as unanswered, and its score as not given; the others scored.
    assert.deepEqual(first.answers, { satis: 3, worth: 4, happy: null, anxious: 8 })
    assert.deepEqual(first.scores, { satisfaction: 3, worthwhile: 4, happiness: null, anxiety: 8 })
    assert.equal(first.instrumentVersion, findInstrument('ons4')!.version)
    assert.equal(first.collectedBy, 'link-worker')

    const page = await session.get(`/caseload/${referralId}/outcomes?saved=ons4`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Their answers to the ONS personal wellbeing \(ONS4\) have been saved/)
    assert.match(
      page.body,
      /Life satisfaction \(0 to 10, higher is better\): 3 on [^:]+, 7 on [^:]+: meaningful improvement\./,
    )
    assert.match(
      page.body,
      /Anxiety yesterday \(0 to 10, lower is better\): 8 on [^:]+, 3 on [^:]+: meaningful improvement\./,
    )
    assert.match(page.body, /<td class="nhsuk-table__cell">High<\/td>/)
    assert.equal((page.body.match(/<svg role="img"[^>]*class="app-chart"/g) ?? []).length, 4)
    assert.doesNotMatch(page.body, /<style>/)
    // Happiness has only the follow-up: one point, no change claimed.
    assert.match(page.body, /Happiness yesterday \(0 to 10, higher is better\): 5 on [^.]+\./)
    assert.doesNotMatch((await session.get('/caseload')).body, new RegExp(`${referralId}/outcomes`))
    const episodeAfter = await session.get(`/caseload/${referralId}`)
    assert.match(episodeAfter.body, /ONS personal wellbeing \(ONS4\): life satisfaction/)
    assert.match(episodeAfter.body, /class="app-chart"/)

    // The person record shows the same charts, across every episode of theirs.
    const person = await session.get(`/people/${first.personId}`)
    assert.equal(person.statusCode, 200)
    assert.match(person.body, /<h2>Wellbeing and loneliness<\/h2>/)
    assert.match(person.body, /ONS personal wellbeing \(ONS4\): life satisfaction/)
    assert.match(person.body, /class="app-chart"/)

    // Merged into another record (merges move no rows), the measures show on the record kept.
    const duplicate = await allocatedReferral(context, org)
    const [kept] = await context.db
      .select({ personId: measures.personId })
      .from(measures)
      .where(eq(measures.referralId, referralId))
    const keptPersonId = (await session.get(`/caseload/${duplicate}`)).body.match(/\/people\/([0-9a-f-]{36})/)![1]!
    await mergePeople(
      scopeOf(context, org),
      { keptPersonId, mergedPersonId: kept!.personId, reason: 'The same person, referred twice' },
      actorOf(org, 'supervisor'),
    )
    const keptRecord = await session.get(`/people/${keptPersonId}`)
    assert.equal(keptRecord.statusCode, 200)
    assert.match(keptRecord.body, /ONS personal wellbeing \(ONS4\): life satisfaction/)

    // Ending support starts the message back's outcomes with what the questionnaires show, for the worker to edit.
    const close = await session.get(`/caseload/${referralId}/close`)
    assert.equal(close.statusCode, 200)
    assert.match(
      close.body,
      /ONS4 wellbeing, life satisfaction \(0 to 10, higher is better\): 3 on [^:]+, 7 on [^:]+: meaningful improvement\./,
    )
    assert.match(close.body, /end-of-support wellbeing and loneliness questionnaires/)

    const audited = await context.db
      .select({ action: auditEvents.action, recordType: auditEvents.recordType })
      .from(auditEvents)
      .where(eq(auditEvents.actorUserId, org.users['worker']!.id))
    assert.equal(audited.filter((e) => e.action === 'outcome.record').length, 2)
    assert.ok(audited.some((e) => e.action === 'view' && e.recordType === 'outcomes'))
  })

  it('refuses answers the instrument does not accept with the summary, keeping what was typed, and stores nothing', async () => {
    const referralId = await allocatedReferral(context, org)
    await inProgressCase(context, org, referralId)
    const { session, submissionKey } = await openForm(referralId, 'ucla3')
    const refused = await session.post(`/caseload/${referralId}/outcomes/new/ucla3`, {
      timepoint: 'baseline',
      ...todayFields(),
      'answer-companionship': '3',
      'answer-leftOut': '7',
      'answer-isolated': 'x',
      submissionKey,
    })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /There is a problem/)
    assert.match(refused.body, /href="#answer-leftOut">\s*Question 2: choose one of the answers/)
    assert.match(refused.body, /href="#answer-isolated">\s*Question 3: choose one of the answers/)
    assert.match(
      refused.body,
      /id="answer-companionship-3" name="answer-companionship" type="radio" value="3" checked|name="answer-companionship" type="radio" value="3" checked/,
    )

    const empty = await session.post(`/caseload/${referralId}/outcomes/new/ucla3`, {
      timepoint: 'sometime',
      day: '31',
      month: '2',
      year: '2026',
      submissionKey,
    })
    assert.equal(empty.statusCode, 400)
    assert.match(empty.body, /Select when in their support this questionnaire was/)
    assert.match(empty.body, /The date they answered must be a real date/)
    assert.match(empty.body, /href="#answer-companionship">\s*Answer at least one question/)
    assert.match(empty.body, /name="day" type="text" value="31"|value="31"/)
    assert.equal((await storedFor(referralId)).length, 0)

    const future = await session.post(`/caseload/${referralId}/outcomes/new/ucla3`, {
      timepoint: 'baseline',
      day: '1',
      month: '1',
      year: String(Number(londonToday().slice(0, 4)) + 1),
      'answer-companionship': '1',
      submissionKey,
    })
    assert.equal(future.statusCode, 400)
    assert.match(future.body, /The date they answered must be today or in the past/)
  })

  it('stores a retried submission once, and does not score an incomplete UCLA-3', async () => {
    const referralId = await allocatedReferral(context, org)
    await inProgressCase(context, org, referralId)
    const { session, submissionKey } = await openForm(referralId, 'ucla3')
    const body = {
      timepoint: 'baseline',
      ...todayFields(),
      'answer-companionship': '3',
      'answer-leftOut': '',
      'answer-isolated': '2',
      submissionKey,
    }
    const [a, b] = await Promise.all([
      session.post(`/caseload/${referralId}/outcomes/new/ucla3`, body),
      session.post(`/caseload/${referralId}/outcomes/new/ucla3`, body),
    ])
    assert.deepEqual([a.statusCode, b.statusCode], [303, 303])
    const rows = await storedFor(referralId)
    assert.equal(rows.length, 1)
    assert.deepEqual(rows[0]!.scores, { total: null })
    const page = await session.get(`/caseload/${referralId}/outcomes`)
    assert.match(page.body, /too many questions were left unanswered to give a score/)
  })

  it('says a licensed questionnaire is not available without its content pack, and asks it with one', async () => {
    const referralId = await allocatedReferral(context, org)
    await inProgressCase(context, org, referralId)
    const session = await org.users['worker']!.session()
    const choose = await session.get(`/caseload/${referralId}/outcomes/new`)
    assert.equal(choose.statusCode, 200)
    assert.match(
      choose.body,
      /<strong>Short Warwick-Edinburgh Mental Wellbeing Scale \(SWEMWBS\)<\/strong>: not available/,
    )
    assert.doesNotMatch(choose.body, /outcomes\/new\/swemwbs/)
    const refused = await session.get(`/caseload/${referralId}/outcomes/new/swemwbs`)
    assert.equal(refused.statusCode, 409)
    assert.match(refused.body, /has not loaded its wording/)

    const swemwbs = findInstrument('swemwbs')!
    const pack = {
      format: 'waymark-instrument-content/1' as const,
      instrument: 'swemwbs',
      version: swemwbs.version,
      preamble: 'Licensed preamble',
      items: Object.fromEntries(swemwbs.items.map((i, n) => [i.id, `Licensed statement ${n + 1}`])),
      responseLabels: { frequency: { 1: 'None', 2: 'Rarely', 3: 'Some', 4: 'Often', 5: 'All' } },
    }
    const actor = actorOf(org, 'supervisor')
    const bad = await importContentPack(scopeOf(context, org), { ...pack, items: {} }, actor)
    assert.equal(bad.ok, false)
    assert.equal((await importContentPack(scopeOf(context, org), pack, actor)).ok, true)

    const { session: s2, form, submissionKey } = await openForm(referralId, 'swemwbs')
    assert.match(form.body, /Licensed statement 7/)
    const answers = Object.fromEntries(swemwbs.items.map((i) => [`answer-${i.id}`, '3']))
    const saved = await s2.post(`/caseload/${referralId}/outcomes/new/swemwbs`, {
      timepoint: 'baseline',
      ...todayFields(),
      ...answers,
      'answer-item7': '4',
      submissionKey,
    })
    assert.equal(saved.statusCode, 303)
    // Raw 22 → metric 19.98, coded for the GP record where the score has a SNOMED CT concept.
    assert.deepEqual((await storedFor(referralId))[0]!.scores, { metric: 19.98 })
    const close = await s2.get(`/caseload/${referralId}/close`)
    assert.match(
      close.body,
      /SWEMWBS wellbeing, wellbeing \(metric score\) \(7 to 35, higher is better\): 19\.98 on [^.(]+ \(SNOMED CT 718466001\)\./,
    )
  })

  it('asks MYCaW: the person names their concerns, scores them, and scores the same ones again at follow-up', async () => {
    const mycaw = findInstrument('mycaw')!
    const labels = { 0: 'Not at all', 1: 'One', 2: 'Two', 3: 'Three', 4: 'Four', 5: 'Five', 6: 'Greatly' }
    const pack = {
      format: 'waymark-instrument-content/1' as const,
      instrument: 'mycaw',
      version: mycaw.version,
      preamble: '',
      items: Object.fromEntries(mycaw.items.map((i, n) => [i.id, `Licensed question ${n + 1}`])),
      responseLabels: { concern: labels, wellbeing: labels },
    }
    assert.equal((await importContentPack(scopeOf(context, org), pack, actorOf(org, 'supervisor'))).ok, true)
    const referralId = await allocatedReferral(context, org)
    await inProgressCase(context, org, referralId, { contactOn: addDays(londonToday(), -90) })

    // A concern scored without being named is refused, and what was typed is kept.
    const baseline = await openForm(referralId, 'mycaw')
    assert.match(baseline.form.body, /<input[^>]+name="answer-concern1Name"[^>]+value=""/)
    const refused = await baseline.session.post(`/caseload/${referralId}/outcomes/new/mycaw`, {
      timepoint: 'baseline',
      ...todayFields(),
      'answer-concern1Name': 'Letters about <debt>',
      'answer-concern1': '6',
      'answer-concern2Name': '',
      'answer-concern2': '4',
      'answer-wellbeing': '5',
      submissionKey: baseline.submissionKey,
    })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /Question 4: say what this is about in the question before it/)
    assert.match(refused.body, /value="Letters about &lt;debt&gt;"/)
    const saved = await baseline.session.post(`/caseload/${referralId}/outcomes/new/mycaw`, {
      timepoint: 'baseline',
      ...todayFields(),
      'answer-concern1Name': 'Letters about <debt>',
      'answer-concern1': '6',
      'answer-concern2Name': '',
      'answer-concern2': '',
      'answer-wellbeing': '5',
      submissionKey: baseline.submissionKey,
    })
    assert.equal(saved.statusCode, 303)
    const [stored] = await storedFor(referralId)
    assert.deepEqual(stored!.texts, { concern1Name: 'Letters about <debt>' })
    assert.deepEqual(stored!.scores, { concern1: 6, concern2: null, wellbeing: 5 })

    // At follow-up the concern is offered again in their words (a read of their answers, audited).
    const followUp = await openForm(referralId, 'mycaw')
    assert.match(followUp.form.body, /value="follow-up" checked/)
    assert.match(followUp.form.body, /name="answer-concern1Name"[^>]+value="Letters about &lt;debt&gt;"/)
    const viewed = await context.db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.recordType, 'outcomes'), eq(auditEvents.action, 'view')))
    assert.ok(viewed.some((e) => JSON.stringify(e.details).includes('carried-forward-texts')))
    await followUp.session.post(`/caseload/${referralId}/outcomes/new/mycaw`, {
      timepoint: 'follow-up',
      ...todayFields(),
      'answer-concern1Name': 'Letters about <debt>',
      'answer-concern1': '2',
      'answer-wellbeing': '3',
      submissionKey: followUp.submissionKey,
    })
    const page = await followUp.session.get(`/caseload/${referralId}/outcomes`)
    assert.match(page.body, /First concern: “Letters about &lt;debt&gt;” \(0 to 6, lower is better\): 6 on [^,]+, 2 on/)
  })

  it('keeps another link worker, a malformed questionnaire name and an unknown one out', async () => {
    const referralId = await allocatedReferral(context, org, 'other')
    await inProgressCase(context, org, referralId, { ownerKey: 'other' })
    const session = await org.users['worker']!.session()
    for (const path of ['', '/new', '/new/ons4']) {
      const response = await session.get(`/caseload/${referralId}/outcomes${path}`)
      assert.ok([403, 404].includes(response.statusCode), `${path}: ${response.statusCode}`)
    }
    const post = await session.post(
      `/caseload/${referralId}/outcomes/new/ons4`,
      { timepoint: 'baseline', ...todayFields(), ...ons4('1', '1', '1', '1'), submissionKey: randomUUID() },
      { csrfFrom: '/caseload' },
    )
    assert.ok([403, 404].includes(post.statusCode))
    assert.equal((await storedFor(referralId)).length, 0)

    const mine = await allocatedReferral(context, org)
    await inProgressCase(context, org, mine)
    assert.equal((await session.get(`/caseload/${mine}/outcomes/new/Not_A_Key`)).statusCode, 404)
    assert.equal((await session.get(`/caseload/${mine}/outcomes/new/eq5d`)).statusCode, 404)
    const referrer = await org.users['referrer']!.session()
    assert.equal((await referrer.get(`/caseload/${mine}/outcomes`)).statusCode, 403)
  })
})
