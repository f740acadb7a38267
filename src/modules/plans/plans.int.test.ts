// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { scopeForSystemTask } from '../../platform/db/org-scope.ts'
import { createTestOrganisation, type TestOrganisation, useTestContext } from '../../../test/helpers/test-app.ts'
import { allocatedReferral, testService } from '../../../test/factories/casework.ts'
import type { WebSession } from '../../../test/helpers/web-session.ts'
import { addDays, londonToday } from '../casework/index.ts'
import { episodes } from '../casework/casework.table.ts'
import { findReferralForService } from '../referrals/index.ts'
import { actions, goalProgress, goals, plans, reviews } from './plans.table.ts'

const context = useTestContext()

async function service(): Promise<TestOrganisation> {
  return testService(context)
}

async function allocated(org: TestOrganisation): Promise<string> {
  return allocatedReferral(context, org)
}

function hidden(page: string, name: string): string {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? ''
}

function dateFields(prefix: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split('-') as [string, string, string]
  return { [`${prefix}Day`]: day, [`${prefix}Month`]: month, [`${prefix}Year`]: year }
}

/** The plan form as the page gave it, with one goal, one action and one free-text service filled in. */
function planFields(page: string, extra: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    submissionKey: hidden(page, 'submissionKey'),
    basedOnVersion: hidden(page, 'basedOnVersion'),
    basedOnRowVersion: hidden(page, 'basedOnRowVersion'),
    goalCount: '1',
    actionCount: '1',
    serviceCount: '1',
    goal1Key: hidden(page, 'goal1Key'),
    goal1Text: 'Get back to playing the ukulele with other people',
    goal1Needs: ['loneliness'],
    goal1Ways: ['connect', 'keep-learning'],
    goal1Barriers: ['confidence', 'other'],
    goal1BarriersText: 'Hearing aid whistles in loud rooms',
    action1What: 'Go together to the first session',
    action1Who: 'Link worker',
    ...dateFields('action1', addDays(londonToday(), 14)),
    action1Goal: '1',
    service1Query: '',
    service1Name: 'Ukulele club at the library',
    service1Details: 'Thursdays at 2pm',
    service1Goal: '1',
    ...dateFields('review', addDays(londonToday(), 30)),
    nextSteps: 'Phone after the first session',
    formAction: 'save',
    ...extra,
  }
}

async function planRows(org: TestOrganisation) {
  return context.db.select().from(plans).where(eq(plans.organisationId, org.organisation.id)).orderBy(plans.version)
}

async function agree(session: WebSession, referralId: string, extra: Record<string, string> = {}) {
  const form = await session.get(`/caseload/${referralId}/plan/agree`)
  assert.equal(form.statusCode, 200)
  return session.post(`/caseload/${referralId}/plan/agree`, {
    ...dateFields('agreed', londonToday()),
    method: 'in-person',
    note: '',
    version: hidden(form.body, 'version'),
    rowVersion: hidden(form.body, 'rowVersion'),
    ...extra,
  })
}

describe('plans: making, changing and agreeing the plan', () => {
  it('makes a draft once, changes it in place, agrees it and versions changes after agreement', async () => {
    const org = await service()
    const referralId = await allocated(org)
    const session = await org.users['worker']!.session()
    let page = await session.get(`/caseload/${referralId}/plan`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /There is no plan yet/)
    assert.match(page.body, /Record the “what matters” conversation/)

    // "Add another goal" posts the form back with a second, empty goal and keeps what was typed.
    const form = await session.get(`/caseload/${referralId}/plan/edit`)
    assert.equal(form.statusCode, 200)
    page = await session.post(`/caseload/${referralId}/plan/edit`, planFields(form.body, { formAction: 'add-goal' }))
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /name="goal2Text"/)
    assert.match(page.body, /Get back to playing the ukulele with other people/)

    const fields = planFields(form.body)
    let response = await session.post(`/caseload/${referralId}/plan/edit`, fields)
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, `/caseload/${referralId}/plan?saved=plan`)
    // The same submission again (a retry) saves nothing more.
    response = await session.post(`/caseload/${referralId}/plan/edit`, fields, {
      csrfFrom: `/caseload/${referralId}/plan`,
    })
    assert.equal(response.statusCode, 303)
    let rows = await planRows(org)
    assert.equal(rows.length, 1)
    assert.equal(rows[0]!.status, 'draft')
    const [goal] = await context.db.select().from(goals).where(eq(goals.planId, rows[0]!.id))
    assert.deepEqual(goal!.fiveWays, ['connect', 'keep-learning'])
    assert.deepEqual(goal!.barriers, ['confidence', 'other'])

    page = await session.get(`/caseload/${referralId}/plan?saved=plan`)
    assert.match(page.body, /The plan has been saved as a draft/)
    assert.match(page.body, /Draft, not yet agreed/)
    assert.match(page.body, /Ukulele club at the library/)
    assert.match(page.body, /Hearing aid whistles in loud rooms/)

    // Changing the draft keeps version 1 and its goal key; a form opened before that change is refused.
    const edit = await session.get(`/caseload/${referralId}/plan/edit`)
    assert.equal(hidden(edit.body, 'goal1Key'), goal!.goalKey)
    // Rows already filled in are folded under a summary of what they say; their fields are still on the form.
    assert.match(edit.body, /<summary[\s\S]{0,200}Service to try 1: Ukulele club at the library/)
    assert.match(
      edit.body,
      /<details[^>]*>\s*<summary[\s\S]{0,300}Five ways to wellbeing and what might get in the way: Connect/,
    )
    assert.match(edit.body, /name="service1Name"/)
    const change = planFields(edit.body, { goal1Text: 'Play the ukulele with others again' })
    response = await session.post(`/caseload/${referralId}/plan/edit`, change)
    assert.equal(response.statusCode, 303)
    // The same change again (a retry) is recognised, not refused as stale.
    response = await session.post(`/caseload/${referralId}/plan/edit`, change, {
      csrfFrom: `/caseload/${referralId}/plan`,
    })
    assert.equal(response.statusCode, 303)
    response = await session.post(
      `/caseload/${referralId}/plan/edit`,
      planFields(edit.body, { submissionKey: randomUUID(), goal1Text: 'A stale change' }),
      { csrfFrom: `/caseload/${referralId}/plan` },
    )
    assert.equal(response.statusCode, 409)
    assert.match(response.body, /Someone else changed this plan/)
    rows = await planRows(org)
    assert.equal(rows.length, 1)
    assert.equal(rows[0]!.rowVersion, 2)

    // Agreement to a draft that changed after the agreement page was opened is refused, showing the draft now.
    const agreePage = await session.get(`/caseload/${referralId}/plan/agree`)
    const another = await session.get(`/caseload/${referralId}/plan/edit`)
    response = await session.post(
      `/caseload/${referralId}/plan/edit`,
      planFields(another.body, { goal1Text: 'Play the ukulele with others again', nextSteps: 'Phone on Friday' }),
    )
    assert.equal(response.statusCode, 303)
    response = await session.post(
      `/caseload/${referralId}/plan/agree`,
      {
        ...dateFields('agreed', londonToday()),
        method: 'in-person',
        version: hidden(agreePage.body, 'version'),
        rowVersion: hidden(agreePage.body, 'rowVersion'),
      },
      { csrfFrom: `/caseload/${referralId}/plan/agree` },
    )
    assert.equal(response.statusCode, 409)
    assert.match(response.body, /Someone else changed this plan/)
    assert.match(response.body, /Phone on Friday/)
    assert.equal((await planRows(org))[0]!.status, 'draft')

    // Agreement: refused without how they agreed, then recorded; the episode learns the dates.
    response = await agree(session, referralId, { method: '' })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /Select how they agreed the plan/)
    response = await agree(session, referralId)
    assert.equal(response.statusCode, 303)
    rows = await planRows(org)
    assert.equal(rows[0]!.status, 'agreed')
    assert.equal(rows[0]!.agreedOn, londonToday())
    let [episode] = await context.db.select().from(episodes).where(eq(episodes.organisationId, org.organisation.id))
    assert.equal(episode!.planAgreedOn, londonToday())
    assert.equal(episode!.nextReviewOn, addDays(londonToday(), 30))
    page = await session.get(`/caseload/${referralId}`)
    assert.match(page.body, /First agreed on/)
    // No draft left to agree.
    assert.equal((await session.get(`/caseload/${referralId}/plan/agree`)).statusCode, 409)

    // Changing the agreed plan makes version 2, a draft; version 1 stays as agreed until version 2 is agreed.
    const again = await session.get(`/caseload/${referralId}/plan/edit`)
    assert.match(again.body, /Saving makes version 2/)
    response = await session.post(
      `/caseload/${referralId}/plan/edit`,
      planFields(again.body, {
        goalCount: '2',
        goal2Key: '',
        goal2Text: 'Walk to the shops without stopping',
        goal2Ways: ['be-active'],
        ...dateFields('review', addDays(londonToday(), 60)),
      }),
    )
    assert.equal(response.statusCode, 303)
    rows = await planRows(org)
    assert.deepEqual(
      rows.map((r) => [r.version, r.status]),
      [
        [1, 'agreed'],
        [2, 'draft'],
      ],
    )
    const v2Goals = await context.db.select().from(goals).where(eq(goals.planId, rows[1]!.id)).orderBy(goals.position)
    assert.equal(v2Goals.length, 2)
    assert.equal(v2Goals[0]!.goalKey, goal!.goalKey)
    assert.notEqual(v2Goals[1]!.goalKey, goal!.goalKey)

    response = await agree(session, referralId, { method: 'phone' })
    assert.equal(response.statusCode, 303)
    rows = await planRows(org)
    assert.deepEqual(
      rows.map((r) => r.status),
      ['superseded', 'agreed'],
    )
    ;[episode] = await context.db.select().from(episodes).where(eq(episodes.organisationId, org.organisation.id))
    assert.equal(episode!.nextReviewOn, addDays(londonToday(), 60))

    page = await session.get(`/caseload/${referralId}/plan/versions/1`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Replaced by a later version/)
    assert.match(page.body, /Play the ukulele with others again/)
    assert.doesNotMatch(page.body, /Walk to the shops/)
    assert.equal((await session.get(`/caseload/${referralId}/plan/versions/9`)).statusCode, 404)
    assert.equal((await session.get(`/caseload/${referralId}/plan/versions/x`)).statusCode, 404)

    const audited = await context.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordType, 'plan'), eq(auditEvents.actorOrganisationId, org.organisation.id)))
    const auditedActions = audited.map((a) => a.action)
    for (const action of ['plan-create', 'plan-update', 'plan-agree', 'view'])
      assert.ok(auditedActions.includes(action))
    assert.doesNotMatch(JSON.stringify(audited.map((a) => a.details)), /ukulele/i)
  })

  it('refuses an incomplete plan and keeps everything typed', async () => {
    const org = await service()
    const referralId = await allocated(org)
    const session = await org.users['worker']!.session()
    const form = await session.get(`/caseload/${referralId}/plan/edit`)
    const response = await session.post(
      `/caseload/${referralId}/plan/edit`,
      planFields(form.body, {
        goal1Text: '',
        goal1BarriersText: '',
        action1Who: '',
        action1Goal: '1',
        service1Name: 'Tango tea dance',
        reviewDay: '',
        reviewMonth: '',
        reviewYear: '',
      }),
    )
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /There is a problem/)
    assert.match(response.body, /Enter goal 1 in the person’s own words/)
    assert.match(response.body, /Enter the other barrier to goal 1/)
    assert.match(response.body, /Enter who does action 1/)
    assert.match(response.body, /Enter the date to review the plan/)
    assert.match(response.body, /Go together to the first session/)
    assert.match(response.body, /Tango tea dance/)
    assert.match(response.body, /Phone after the first session/)
    assert.equal((await planRows(org)).length, 0)

    // A directory service the directory does not know is refused against its row.
    const unknown = await session.post(
      `/caseload/${referralId}/plan/edit`,
      planFields(form.body, { service1Name: '', service1DirectoryId: randomUUID() }),
      { csrfFrom: `/caseload/${referralId}/plan/edit` },
    )
    assert.equal(unknown.statusCode, 400)
    assert.match(unknown.body, /Choose service 1 from the directory, or enter its name|no longer in the directory/)

    // Searching with no words asks for some; searching posts back without saving.
    const search = await session.post(
      `/caseload/${referralId}/plan/edit`,
      planFields(form.body, { formAction: 'search-service-1', service1Query: '' }),
      { csrfFrom: `/caseload/${referralId}/plan/edit` },
    )
    assert.equal(search.statusCode, 400)
    assert.match(search.body, /Enter words to search the directory for/)
    const searched = await session.post(
      `/caseload/${referralId}/plan/edit`,
      planFields(form.body, { formAction: 'search-service-1', service1Query: 'zzzz nothing matches' }),
    )
    assert.equal(searched.statusCode, 200)
    assert.match(searched.body, /Nothing in the directory matched/)
    assert.equal((await planRows(org)).length, 0)
  })

  it('is only for the allocated link worker', async () => {
    const org = await service()
    const referralId = await allocated(org)
    const worker = await org.users['worker']!.session()
    const form = await worker.get(`/caseload/${referralId}/plan/edit`)
    const other = await org.users['other']!.session()
    assert.equal((await other.get(`/caseload/${referralId}/plan`)).statusCode, 404)
    assert.equal((await other.get(`/caseload/${referralId}/plan/edit`)).statusCode, 404)
    const posted = await other.post(`/caseload/${referralId}/plan/edit`, planFields(form.body), {
      csrfFrom: '/caseload',
    })
    assert.equal(posted.statusCode, 404)
    const referrer = await org.users['referrer']!.session()
    assert.equal((await referrer.get(`/caseload/${referralId}/plan`)).statusCode, 403)
    const elsewhere = await createTestOrganisation(context, { users: { worker: ['link-worker'] } })
    const stranger = await elsewhere.users['worker']!.session()
    assert.equal((await stranger.get(`/caseload/${referralId}/plan`)).statusCode, 404)
    assert.equal((await worker.get('/caseload/not-a-uuid/plan')).statusCode, 404)
    assert.equal((await planRows(org)).length, 0)
  })
})

describe('plans: reviews', () => {
  it('records progress on each goal once, moves the next review and shows progress over time', async () => {
    const org = await service()
    const referralId = await allocated(org)
    const session = await org.users['worker']!.session()
    // No review before the plan is agreed.
    assert.equal((await session.get(`/caseload/${referralId}/plan/reviews/new`)).statusCode, 409)
    const form = await session.get(`/caseload/${referralId}/plan/edit`)
    assert.equal((await session.post(`/caseload/${referralId}/plan/edit`, planFields(form.body))).statusCode, 303)
    assert.equal((await agree(session, referralId)).statusCode, 303)

    const reviewForm = await session.get(`/caseload/${referralId}/plan/reviews/new`)
    assert.equal(reviewForm.statusCode, 200)
    const base = {
      submissionKey: hidden(reviewForm.body, 'submissionKey'),
      ...dateFields('reviewed', londonToday()),
      goal1Key: hidden(reviewForm.body, 'goal1Key'),
      goal1Note: 'Been twice',
      notes: 'Enjoying it',
      ...dateFields('next', addDays(londonToday(), 42)),
    }
    let response = await session.post(`/caseload/${referralId}/plan/reviews`, {
      ...base,
      ...dateFields('next', londonToday()),
    })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /Select the progress on goal 1/)
    assert.match(response.body, /Next review must be in the future/)
    assert.match(response.body, /Been twice/)
    assert.match(response.body, /Enjoying it/)

    assert.match(reviewForm.body, /Go together to the first session/)
    const valid = { ...base, goal1Progress: 'some-progress', actionsDone: ['0'] }
    response = await session.post(`/caseload/${referralId}/plan/reviews`, valid)
    assert.equal(response.statusCode, 303)
    response = await session.post(`/caseload/${referralId}/plan/reviews`, valid, {
      csrfFrom: `/caseload/${referralId}/plan`,
    })
    assert.equal(response.statusCode, 303)
    const recorded = await context.db.select().from(reviews).where(eq(reviews.organisationId, org.organisation.id))
    assert.equal(recorded.length, 1)
    const progress = await context.db
      .select()
      .from(goalProgress)
      .where(eq(goalProgress.organisationId, org.organisation.id))
    assert.deepEqual(
      progress.map((p) => [p.progress, p.note]),
      [['some-progress', 'Been twice']],
    )
    const [episode] = await context.db.select().from(episodes).where(eq(episodes.organisationId, org.organisation.id))
    assert.equal(episode!.nextReviewOn, addDays(londonToday(), 42))
    // Ticking an action done at the review marks it done on the agreed plan (the one thing a review changes).
    const done = await context.db.select().from(actions).where(eq(actions.organisationId, org.organisation.id))
    assert.deepEqual(
      done.map((a) => a.done),
      [true],
    )

    // A second review: the plan page shows the goal's progress over time, oldest first.
    const second = await session.get(`/caseload/${referralId}/plan/reviews/new`)
    assert.match(second.body, /Some progress at the review on/)
    response = await session.post(`/caseload/${referralId}/plan/reviews`, {
      ...valid,
      submissionKey: hidden(second.body, 'submissionKey'),
      goal1Progress: 'achieved',
      goal1Note: 'Goes on her own now',
    })
    assert.equal(response.statusCode, 303)
    const page = await session.get(`/caseload/${referralId}/plan?saved=review`)
    assert.match(page.body, /The review has been recorded/)
    const some = page.body.indexOf('Some progress')
    const achieved = page.body.indexOf('Achieved')
    assert.ok(some > 0 && achieved > some, 'progress is listed oldest first')
    assert.match(page.body, /Goes on her own now/)
  })
})

describe('plans: what the referrer sees', () => {
  it('moves the referral on to "conversation held" and then "plan agreed" once contact has been made', async () => {
    const org = await service()
    const referralId = await allocated(org)
    const session = await org.users['worker']!.session()
    const contactForm = await session.get(`/caseload/${referralId}/contacts/new`)
    const [year, month, day] = londonToday().split('-') as [string, string, string]
    const contact = await session.post(`/caseload/${referralId}/contacts`, {
      submissionKey: hidden(contactForm.body, 'submissionKey'),
      type: 'phone',
      day,
      month,
      year,
      duration: '20',
    })
    assert.equal(contact.statusCode, 303)
    const scope = scopeForSystemTask(context.db, org.organisation, 'test assertions read the referral')
    assert.equal((await findReferralForService(scope, referralId))!.businessStatus, 'first-contact-made')

    const conversation = await session.get(`/caseload/${referralId}/conversation`)
    const held = await session.post(`/caseload/${referralId}/conversation`, {
      submissionKey: hidden(conversation.body, 'submissionKey'),
      day,
      month,
      year,
      whatMatters: 'Company a couple of times a week',
      needsConfirmed: 'loneliness',
    })
    assert.equal(held.statusCode, 303)
    assert.equal((await findReferralForService(scope, referralId))!.businessStatus, 'conversation-held')

    const form = await session.get(`/caseload/${referralId}/plan/edit`)
    assert.equal((await session.post(`/caseload/${referralId}/plan/edit`, planFields(form.body))).statusCode, 303)
    assert.equal((await agree(session, referralId)).statusCode, 303)
    const referral = await findReferralForService(scope, referralId)
    assert.equal(referral!.status, 'in-progress')
    assert.equal(referral!.businessStatus, 'plan-agreed')
  })
})
