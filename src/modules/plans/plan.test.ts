// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { assignGoalKeys, decideSave, progressOverTime, type Plan, type Review } from './plan.ts'
import { parseAgreeForm, readAgreeForm } from './web/agree/agree.form.ts'
import { parsePlanForm, readFormAction, readPlanForm, valuesFromPlan } from './web/plan-edit/plan-edit.form.ts'
import { presentPlan, presentReviews } from './web/plan/plan.presenter.ts'
import { parseReviewForm, readReviewForm } from './web/review/review.form.ts'

const TODAY = '2026-03-10'
const KEY = 'b3c2a0f4-1d2e-4c5b-9a8f-0123456789ab'
const GOAL_A = '11111111-1111-4111-8111-111111111111'
const GOAL_B = '22222222-2222-4222-8222-222222222222'

function plan(overrides: Partial<Plan> = {}): Plan {
  return {
    id: 'p',
    episodeId: 'e',
    personId: 'x',
    version: 1,
    status: 'draft',
    agreedOn: null,
    agreementMethod: null,
    agreementNote: '',
    createdByName: 'Megan',
    createdAt: new Date('2026-03-01T10:00:00Z'),
    updatedAt: new Date('2026-03-01T10:00:00Z'),
    rowVersion: 1,
    goals: [
      {
        goalKey: GOAL_A,
        inTheirWords: 'Play the ukulele with others',
        needs: ['loneliness'],
        fiveWays: ['connect'],
        barriers: ['confidence', 'other'],
        barriersText: 'Hearing aid',
      },
      {
        goalKey: GOAL_B,
        inTheirWords: 'Dance the tango',
        needs: [],
        fiveWays: [],
        barriers: ['other'],
        barriersText: '',
      },
    ],
    actions: [
      { goalKey: GOAL_B, what: 'Find a class', who: 'Megan', byWhen: '2026-03-20', done: false },
      { goalKey: null, what: 'Phone weekly', who: 'Megan', byWhen: null, done: true },
    ],
    services: [{ goalKey: GOAL_A, directoryServiceId: null, name: 'Ukulele club', details: 'Thursdays' }],
    reviewOn: '2026-04-01',
    nextSteps: 'Phone next week',
    ...overrides,
  }
}

describe('plan rules', () => {
  it('creates the first version, changes a draft in place and versions an agreed plan', () => {
    assert.deepEqual(decideSave(null, null), { kind: 'create', version: 1 })
    const draft = { id: 'p', version: 1, status: 'draft' as const, rowVersion: 3 }
    assert.deepEqual(decideSave(draft, { version: 1, rowVersion: 3 }), { kind: 'update', planId: 'p', version: 1 })
    assert.deepEqual(decideSave({ ...draft, status: 'agreed' }, { version: 1, rowVersion: 3 }), {
      kind: 'create',
      version: 2,
    })
  })

  it('refuses a form opened on an older state of the plan', () => {
    const draft = { id: 'p', version: 2, status: 'draft' as const, rowVersion: 3 }
    assert.deepEqual(decideSave(draft, { version: 2, rowVersion: 2 }), { kind: 'conflict' })
    assert.deepEqual(decideSave(draft, { version: 1, rowVersion: 3 }), { kind: 'conflict' })
    assert.deepEqual(decideSave(draft, null), { kind: 'conflict' })
    assert.deepEqual(decideSave(null, { version: 1, rowVersion: 1 }), { kind: 'conflict' })
  })

  it('keeps known goal keys once each and makes new ones for new or made-up keys', () => {
    let n = 0
    const keys = assignGoalKeys(
      [{ goalKey: GOAL_A }, { goalKey: 'new-2' }, { goalKey: GOAL_A }, { goalKey: GOAL_B }],
      new Set([GOAL_A]),
      () => `made-${++n}`,
    ).map((g) => g.goalKey)
    assert.deepEqual(keys, [GOAL_A, 'made-1', 'made-2', 'made-3'])
  })

  it('lists each goal’s progress oldest first across reviews', () => {
    const review = (reviewedOn: string, progress: Review['progress']): Review => ({
      id: reviewedOn,
      planId: 'p',
      planVersion: 1,
      reviewedOn,
      notes: '',
      nextReviewOn: null,
      recordedByName: 'M',
      recordedAt: new Date(`${reviewedOn}T10:00:00Z`),
      progress,
    })
    const byGoal = progressOverTime([
      review('2026-05-01', [{ goalKey: GOAL_A, progress: 'achieved', note: '' }]),
      review('2026-04-01', [
        { goalKey: GOAL_A, progress: 'some-progress', note: 'Twice' },
        { goalKey: GOAL_B, progress: 'not-started', note: '' },
      ]),
    ])
    assert.deepEqual(
      byGoal.get(GOAL_A)!.map((p) => p.progress),
      ['some-progress', 'achieved'],
    )
    assert.equal(byGoal.get(GOAL_B)!.length, 1)
  })
})

describe('the plan form', () => {
  const body = {
    submissionKey: KEY,
    basedOnVersion: '',
    basedOnRowVersion: '',
    goalCount: '3',
    goal1Key: '',
    goal1Text: ' Play the ukulele with others ',
    goal1Needs: 'loneliness',
    goal1Ways: ['connect', 'give'],
    goal1Barriers: ['transport'],
    goal2Key: GOAL_B,
    goal2Text: 'Dance the tango',
    goal3Text: '',
    actionCount: '2',
    action1What: 'Find a class',
    action1Who: 'Megan',
    action1Day: '20',
    action1Month: '3',
    action1Year: '2026',
    action1Goal: '2',
    action2What: '',
    serviceCount: '1',
    service1Name: 'Ukulele club',
    service1Goal: '1',
    reviewDay: '1',
    reviewMonth: '4',
    reviewYear: '2026',
    nextSteps: 'Phone next week',
  }

  it('leaves blank rows out and links actions and services to goals by their number', () => {
    const parsed = parsePlanForm(readPlanForm(body), TODAY, '')
    assert.equal(parsed.ok, true)
    if (!parsed.ok) return
    const { content, basedOn } = parsed.value
    assert.equal(basedOn, null)
    assert.deepEqual(
      content.goals.map((g) => [g.goalKey, g.inTheirWords]),
      [
        ['new-1', 'Play the ukulele with others'],
        [GOAL_B, 'Dance the tango'],
      ],
    )
    assert.deepEqual(content.goals[0]!.fiveWays, ['connect', 'give'])
    assert.equal(content.actions.length, 1)
    assert.equal(content.actions[0]!.goalKey, GOAL_B)
    assert.equal(content.actions[0]!.byWhen, '2026-03-20')
    assert.equal(content.services[0]!.goalKey, 'new-1')
    assert.equal(content.reviewOn, '2026-04-01')
  })

  it('asks for what is missing, row by row', () => {
    const parsed = parsePlanForm(
      readPlanForm({
        ...body,
        goal1Text: '',
        goal1Barriers: ['other'],
        goal2Text: '',
        goal2Ways: 'flying',
        action1Who: '',
        action1Day: '31',
        action1Month: '2',
        action1Goal: '3',
        service1Name: '',
        service1Details: 'Thursdays',
        reviewDay: '9',
        reviewMonth: '3',
      }),
      TODAY,
      '',
    )
    assert.equal(parsed.ok, false)
    if (parsed.ok) return
    assert.equal(parsed.errors['goal1Text'], 'Enter goal 1 in the person’s own words')
    assert.equal(parsed.errors['goal1BarriersText'], 'Enter the other barrier to goal 1')
    assert.equal(parsed.errors['goal2Ways'], 'Select ways to wellbeing for goal 2 from the list')
    assert.equal(parsed.errors['action1Who'], 'Enter who does action 1')
    assert.equal(parsed.errors['action1Day'], 'The date for action 1 must be a real date')
    assert.match(parsed.errors['action1Goal']!, /for a goal that is blank/)
    assert.match(parsed.errors['service1Query']!, /Choose service 1 from the directory/)
    assert.equal(parsed.errors['reviewDay'], 'Review date must be today or in the future')
  })

  it('needs a goal and a review date, and keeps a review date already set even once it has passed', () => {
    const empty = parsePlanForm(
      readPlanForm({ submissionKey: KEY, reviewDay: '', reviewMonth: '', reviewYear: '' }),
      TODAY,
      '',
    )
    assert.equal(empty.ok, false)
    if (empty.ok) return
    assert.equal(empty.errors['goal1Text'], 'Enter at least one goal in the person’s own words')
    assert.equal(empty.errors['reviewDay'], 'Enter the date to review the plan')
    const kept = parsePlanForm(
      readPlanForm({ ...body, basedOnVersion: '1', basedOnRowVersion: '2', reviewDay: '1', reviewMonth: '3' }),
      TODAY,
      '2026-03-01',
    )
    assert.equal(kept.ok, true)
    if (kept.ok) assert.deepEqual(kept.value.basedOn, { version: 1, rowVersion: 2 })
    const far = parsePlanForm(readPlanForm({ ...body, reviewYear: '2028' }), TODAY, '')
    assert.equal(far.ok, false)
  })

  it('refuses an expired form', () => {
    const parsed = parsePlanForm(readPlanForm({ ...body, submissionKey: 'short' }), TODAY, '')
    assert.equal(parsed.ok, false)
    if (!parsed.ok) assert.match(parsed.errors['goal1Text']!, /expired/)
  })

  it('reads which button was pressed, and caps the rows a form can ask for', () => {
    assert.deepEqual(readFormAction({ formAction: 'add-goal' }), { kind: 'add-goal' })
    assert.deepEqual(readFormAction({ formAction: 'search-service-3' }), { kind: 'search-service', slot: 3 })
    assert.deepEqual(readFormAction({ formAction: 'anything' }), { kind: 'save' })
    assert.deepEqual(readFormAction({}), { kind: 'save' })
    assert.equal(readPlanForm({ goalCount: '500', actionCount: '-3' }).goals.length, 5)
    assert.equal(readPlanForm({ goalCount: '500', actionCount: '-3' }).actions.length, 1)
  })

  it('fills the form from the latest version, with goals by number', () => {
    const values = valuesFromPlan(plan(), KEY, '2026-05-01')
    assert.equal(values.basedOnVersion, '1')
    assert.equal(values.goals[1]!.key, GOAL_B)
    assert.equal(values.actions[0]!.goal, '2')
    assert.equal(values.actions[1]!.goal, '')
    assert.deepEqual([values.actions[0]!.day, values.actions[0]!.month], ['20', '3'])
    assert.equal(values.services[0]!.name, 'Ukulele club')
    assert.deepEqual([values.reviewDay, values.reviewMonth, values.reviewYear], ['1', '4', '2026'])
    const blank = valuesFromPlan(null, KEY, '2026-05-01')
    assert.equal(blank.goals.length, 1)
    assert.equal(blank.reviewMonth, '5')
  })
})

describe('agreement and review forms', () => {
  const agree = {
    agreedDay: '9',
    agreedMonth: '3',
    agreedYear: '2026',
    method: 'signed-copy',
    note: '',
    version: '2',
    rowVersion: '4',
  }

  it('parses an agreement, and needs the carer named when a carer agreed', () => {
    const parsed = parseAgreeForm(readAgreeForm(agree), TODAY, '2026-03-01')
    assert.deepEqual(parsed, {
      ok: true,
      value: {
        agreement: { agreedOn: '2026-03-09', method: 'signed-copy', note: '' },
        basedOn: { version: 2, rowVersion: 4 },
      },
    })
    const carer = parseAgreeForm(readAgreeForm({ ...agree, method: 'carer' }), TODAY, '2026-03-01')
    assert.equal(carer.ok, false)
    if (!carer.ok) assert.equal(carer.errors['note'], 'Enter who agreed on their behalf, and why')
  })

  it('refuses an agreement before the version was written or in the future', () => {
    const early = parseAgreeForm(readAgreeForm(agree), TODAY, '2026-03-10')
    assert.equal(early.ok, false)
    const future = parseAgreeForm(readAgreeForm({ ...agree, agreedDay: '11' }), TODAY, '2026-03-01')
    assert.equal(future.ok, false)
    if (!future.ok) assert.equal(future.errors['agreedDay'], 'Date they agreed must be today or in the past')
  })

  it('needs progress on every goal and a future next review', () => {
    const body = {
      submissionKey: KEY,
      reviewedDay: '10',
      reviewedMonth: '3',
      reviewedYear: '2026',
      goal1Key: GOAL_A,
      goal1Progress: 'achieved',
      goal2Key: GOAL_B,
      goal2Progress: '',
      nextDay: '10',
      nextMonth: '3',
      nextYear: '2026',
    }
    const parsed = parseReviewForm(readReviewForm(body, 2), TODAY)
    assert.equal(parsed.ok, false)
    if (parsed.ok) return
    assert.equal(parsed.errors['goal2Progress'], 'Select the progress on goal 2')
    assert.equal(parsed.errors['nextDay'], 'Next review must be in the future')
    const ticked = parseReviewForm(
      readReviewForm({ ...body, goal2Progress: 'achieved', nextDay: '20', actionsDone: ['1', '1', 'x', '0'] }, 2),
      TODAY,
    )
    assert.equal(ticked.ok, true)
    if (ticked.ok) assert.deepEqual(ticked.value.actionsDone, [1, 0])
    const ok = parseReviewForm(
      readReviewForm({ ...body, goal2Progress: 'no-longer-relevant', nextDay: '20' }, 2),
      TODAY,
    )
    assert.equal(ok.ok, true)
    if (ok.ok)
      assert.deepEqual(
        ok.value.progress.map((p) => p.progress),
        ['achieved', 'no-longer-relevant'],
      )
  })
})

describe('the plan presenter', () => {
  it('groups actions and services under their goals and words the barriers', () => {
    const shown = presentPlan(plan())
    assert.deepEqual(shown.goals[0]!.barriers, ['Confidence', 'Hearing aid'])
    assert.deepEqual(shown.goals[1]!.barriers, ['Something else'])
    assert.equal(shown.goals[1]!.actions[0]!.what, 'Find a class')
    assert.equal(shown.goals[0]!.services[0]!.name, 'Ukulele club')
    assert.deepEqual(
      shown.wholePlanActions.map((a) => a.what),
      ['Phone weekly'],
    )
  })

  it('lists a review’s progress in the order of the plan’s goals', () => {
    const [shown] = presentReviews(
      [
        {
          id: 'r',
          planId: 'p',
          planVersion: 1,
          reviewedOn: TODAY,
          notes: '',
          nextReviewOn: null,
          recordedByName: 'M',
          recordedAt: new Date(),
          progress: [
            { goalKey: GOAL_B, progress: 'not-started', note: '' },
            { goalKey: GOAL_A, progress: 'achieved', note: '' },
          ],
        },
      ],
      new Map([
        [GOAL_A, 'Ukulele'],
        [GOAL_B, 'Tango'],
      ]),
    )
    assert.deepEqual(
      shown!.progress.map((p) => p.goal),
      ['Ukulele', 'Tango'],
    )
  })
})
