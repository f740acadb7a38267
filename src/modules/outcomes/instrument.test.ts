// SPDX-License-Identifier: AGPL-3.0-or-later
// Worked scoring examples for every shipped instrument (issue 12's "done when"), from the rules in
// shared/docs/standards.md §4: reversed and counted items, missing items, out-of-range answers, SWEMWBS conversion.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { contentPackProblems, CURRENT_INSTRUMENTS, findInstrument, isAskable, withContent } from './catalogue.ts'
import {
  bandOf,
  carriedForward,
  changeBetween,
  instrumentSchema,
  NAME_IT_FIRST,
  NONE_ANSWERED,
  scoreAnswers,
  type Instrument,
} from './instrument.ts'

function instrument(key: string): Instrument {
  const found = findInstrument(key)
  assert.ok(found, key)
  return found
}

function scores(key: string, answers: Record<string, number | null>) {
  const result = scoreAnswers(instrument(key), answers)
  assert.ok(result.ok, JSON.stringify(result))
  return result.scores
}

describe('ONS4 personal wellbeing', () => {
  const ons4 = instrument('ons4')
  it('scores each item on its own, with the ONS bands, anxiety the other way round', () => {
    assert.deepEqual(scores('ons4', { satis: 4, worth: 6, happy: 9, anxious: 7 }), {
      satisfaction: 4,
      worthwhile: 6,
      happiness: 9,
      anxiety: 7,
    })
    const [satisfaction, , , anxiety] = ons4.scores
    assert.equal(bandOf(satisfaction!, 4), 'Low')
    assert.equal(bandOf(satisfaction!, 7), 'High')
    assert.equal(bandOf(anxiety!, 1), 'Very low')
    assert.equal(bandOf(anxiety!, 6), 'High')
  })
  it('counts moving up a band as improvement, and for anxiety moving down', () => {
    const [satisfaction, , , anxiety] = ons4.scores
    assert.equal(changeBetween(satisfaction!, 4, 5), 'meaningful-improvement')
    assert.equal(changeBetween(satisfaction!, 5, 6), 'no-change')
    assert.equal(changeBetween(satisfaction!, 7, 3), 'worse')
    assert.equal(changeBetween(anxiety!, 7, 3), 'meaningful-improvement')
    assert.equal(changeBetween(anxiety!, 2, 7), 'worse')
  })
  it('leaves an unanswered item unscored and scores the rest', () => {
    assert.deepEqual(scores('ons4', { satis: 5, worth: null, happy: 0, anxious: 10 }), {
      satisfaction: 5,
      worthwhile: null,
      happiness: 0,
      anxiety: 10,
    })
  })
  it('refuses an answer outside 0 to 10 and an empty form', () => {
    assert.deepEqual(scoreAnswers(ons4, { satis: 11, worth: -1, happy: 3, anxious: 2.5 }), {
      ok: false,
      errors: {
        satis: 'Choose one of the answers',
        worth: 'Choose one of the answers',
        anxious: 'Choose one of the answers',
      },
    })
    assert.equal(scoreAnswers(ons4, {}).ok, false)
  })
})

describe('ONS direct loneliness question', () => {
  it('codes often or always 1 to never 5, so a higher answer is less lonely', () => {
    const s = instrument('ons-loneliness').scores[0]!
    assert.deepEqual(scores('ons-loneliness', { lonely: 1 }), { lonely: 1 })
    assert.equal(bandOf(s, 1), 'Often or always')
    assert.equal(changeBetween(s, 1, 3), 'meaningful-improvement')
    assert.equal(changeBetween(s, 4, 2), 'worse')
  })
})

describe('UCLA three-item loneliness', () => {
  it('sums 1 to 3 per item into 3 to 9, higher lonelier', () => {
    assert.deepEqual(scores('ucla3', { companionship: 3, leftOut: 3, isolated: 3 }), { total: 9 })
    assert.deepEqual(scores('ucla3', { companionship: 1, leftOut: 2, isolated: 1 }), { total: 4 })
    const total = instrument('ucla3').scores[0]!
    assert.equal(changeBetween(total, 8, 5), 'meaningful-improvement')
    assert.equal(changeBetween(total, 8, 7), 'no-change')
    assert.equal(changeBetween(total, 4, 7), 'worse')
  })
  it('does not score a form with an item missing', () => {
    assert.deepEqual(scores('ucla3', { companionship: 3, leftOut: null, isolated: 2 }), { total: null })
  })
  it('refuses an answer of 0 or 4', () => {
    const result = scoreAnswers(instrument('ucla3'), { companionship: 0, leftOut: 4, isolated: 2 })
    assert.equal(result.ok, false)
    assert.deepEqual(Object.keys(result.ok ? {} : result.errors), ['companionship', 'leftOut'])
  })
})

describe('De Jong Gierveld 6-item loneliness', () => {
  // 1 = no, 2 = more or less, 3 = yes. Emotional items count yes and more or less; social items count no and more or less.
  it('counts the lonely answers into a total and two subscales', () => {
    assert.deepEqual(scores('djg6', { emptiness: 3, missPeople: 2, rejected: 1, leanOn: 1, trust: 2, close: 3 }), {
      total: 4,
      emotional: 2,
      social: 2,
    })
    assert.deepEqual(scores('djg6', { emptiness: 1, missPeople: 1, rejected: 1, leanOn: 3, trust: 3, close: 3 }), {
      total: 0,
      emotional: 0,
      social: 0,
    })
    assert.deepEqual(scores('djg6', { emptiness: 3, missPeople: 3, rejected: 2, leanOn: 1, trust: 1, close: 2 }), {
      total: 6,
      emotional: 3,
      social: 3,
    })
  })
  it('gives the total with one item missing, not with two, and no subscale with one of its items missing', () => {
    assert.deepEqual(scores('djg6', { emptiness: 3, missPeople: null, rejected: 3, leanOn: 1, trust: 1, close: 1 }), {
      total: 5,
      emotional: null,
      social: 3,
    })
    assert.deepEqual(
      scores('djg6', { emptiness: 3, missPeople: null, rejected: null, leanOn: 1, trust: 1, close: 1 }),
      { total: null, emotional: null, social: 3 },
    )
  })
  it('bands the total: not, moderately and severely lonely', () => {
    const total = instrument('djg6').scores[0]!
    assert.deepEqual(
      [1, 2, 4, 5].map((v) => bandOf(total, v)),
      ['Not lonely', 'Moderately lonely', 'Moderately lonely', 'Severely lonely'],
    )
    assert.equal(changeBetween(total, 5, 1), 'meaningful-improvement')
  })
})

describe('SWEMWBS (scoring only)', () => {
  const swemwbs = instrument('swemwbs')
  const all = (v: number) => Object.fromEntries(swemwbs.items.map((i) => [i.id, v]))
  it('converts the raw sum with the metric table', () => {
    assert.deepEqual(scores('swemwbs', all(1)), { metric: 7 })
    assert.deepEqual(scores('swemwbs', all(5)), { metric: 35 })
    // Raw 3+3+3+3+3+2+4 = 21 → 19.25; raw 17 → 16.88 (shared/reference/swemwbs-metric-lookup).
    assert.deepEqual(scores('swemwbs', { ...all(3), item6: 2, item7: 4 }), { metric: 19.25 })
    assert.deepEqual(scores('swemwbs', { ...all(2), item1: 3, item2: 3, item3: 3 }), { metric: 16.88 })
  })
  it('does not score an incomplete form', () => {
    assert.deepEqual(scores('swemwbs', { ...all(3), item4: null }), { metric: null })
  })
  it('calls 3 metric points meaningful, 1 to 3 possible', () => {
    const metric = swemwbs.scores[0]!
    assert.equal(changeBetween(metric, 19.25, 22.35), 'meaningful-improvement')
    assert.equal(changeBetween(metric, 19.25, 21.54), 'possible-improvement')
    assert.equal(changeBetween(metric, 19.25, 19.98), 'no-change')
    assert.equal(changeBetween(metric, 22.35, 19.25), 'worse')
  })
  it('cannot be asked without a content pack, and can with one that fits', () => {
    assert.equal(isAskable(swemwbs), false)
    const pack = {
      format: 'waymark-instrument-content/1' as const,
      instrument: 'swemwbs',
      version: 1,
      preamble: 'Test wording',
      items: Object.fromEntries(swemwbs.items.map((i) => [i.id, `Statement ${i.id}`])),
      responseLabels: { frequency: { 1: 'a', 2: 'b', 3: 'c', 4: 'd', 5: 'e' } },
    }
    assert.deepEqual(contentPackProblems(swemwbs, pack), [])
    assert.equal(isAskable(withContent(swemwbs, pack)), true)
    const items: Record<string, string> = { ...pack.items, extra: 'x' }
    delete items['item7']
    const short = { ...pack, items }
    assert.deepEqual(contentPackProblems(swemwbs, short), [
      'No wording for item item7',
      'Item extra is not in ' + swemwbs.name,
    ])
    assert.equal(isAskable(withContent(swemwbs, short)), false)
  })
})

describe('WEMWBS (scoring only)', () => {
  it('sums fourteen items into 14 to 70 and needs them all', () => {
    const wemwbs = instrument('wemwbs')
    const all = (v: number) => Object.fromEntries(wemwbs.items.map((i) => [i.id, v]))
    assert.deepEqual(scores('wemwbs', all(1)), { total: 14 })
    assert.deepEqual(scores('wemwbs', { ...all(4), item14: 5 }), { total: 57 })
    assert.deepEqual(scores('wemwbs', { ...all(4), item2: null }), { total: null })
  })
})

describe('MYCaW (scoring only)', () => {
  const mycaw = instrument('mycaw')
  it('scores each named concern and wellbeing 0 to 6 on its own, keeping the person’s words beside them', () => {
    const result = scoreAnswers(
      mycaw,
      { concern1: 5, concern2: null, wellbeing: 4 },
      { concern1Name: '  Not sleeping since my husband died ', concern2Name: '' },
    )
    assert.ok(result.ok, JSON.stringify(result))
    // The second concern was not named or scored: no score, not a zero.
    assert.deepEqual(result.scores, { concern1: 5, concern2: null, wellbeing: 4 })
    assert.deepEqual(result.texts, { concern1Name: 'Not sleeping since my husband died' })
    assert.deepEqual(result.answers, { concern1: 5, concern2: null, wellbeing: 4 }, 'text items are not answers')
  })
  it('refuses a concern scored without being named, words that are too long, and a score out of range', () => {
    const unnamed = scoreAnswers(mycaw, { concern1: 3, wellbeing: 2 }, {})
    assert.deepEqual(unnamed, { ok: false, errors: { concern1: NAME_IT_FIRST } })
    const long = scoreAnswers(mycaw, { concern1: 3 }, { concern1Name: 'x'.repeat(201) })
    assert.deepEqual(long, { ok: false, errors: { concern1Name: 'Use 200 characters or fewer' } })
    const outOfRange = scoreAnswers(mycaw, { concern1: 7 }, { concern1Name: 'Debt' })
    assert.deepEqual(outOfRange, { ok: false, errors: { concern1: 'Choose one of the answers' } })
    // Naming a concern is not answering: with no score at all, nothing is stored.
    assert.deepEqual(scoreAnswers(mycaw, {}, { concern1Name: 'Debt' }), {
      ok: false,
      errors: { concern1: NONE_ANSWERED },
    })
  })
  it('offers the concerns named last time again, the latest words winning', () => {
    assert.deepEqual(
      carriedForward(mycaw, [
        { texts: { concern1Name: 'Money', concern2Name: 'Sleep' } },
        { texts: { concern1Name: 'Debt letters' } },
      ]),
      { concern1Name: 'Debt letters', concern2Name: 'Sleep' },
    )
    assert.deepEqual(carriedForward(instrument('ucla3'), [{ texts: { concern1Name: 'x' } }]), {})
  })
  it('needs words for every question, text ones included, and both answer scales from its content pack', () => {
    const labels = { 0: 'a', 1: 'b', 2: 'c', 3: 'd', 4: 'e', 5: 'f', 6: 'g' }
    const pack = {
      format: 'waymark-instrument-content/1' as const,
      instrument: 'mycaw',
      version: 1,
      preamble: '',
      items: Object.fromEntries(mycaw.items.map((i) => [i.id, `Wording ${i.id}`])),
      responseLabels: { concern: labels, wellbeing: labels },
    }
    assert.deepEqual(contentPackProblems(mycaw, pack), [])
    assert.equal(isAskable(withContent(mycaw, pack)), true)
    const withoutName: Record<string, string> = { ...pack.items }
    delete withoutName['concern1Name']
    assert.deepEqual(contentPackProblems(mycaw, { ...pack, items: withoutName }), ['No wording for item concern1Name'])
  })
  it('refuses a definition that scores a text item or names a choice that is not text', () => {
    const scoresText = { ...mycaw, scores: [{ ...mycaw.scores[0]!, items: ['concern1Name'] }] }
    assert.equal(instrumentSchema.safeParse(scoresText).success, false)
    const badName = {
      ...mycaw,
      items: mycaw.items.map((i) => (i.id === 'concern1' ? { ...i, namedBy: 'wellbeing' } : i)),
    }
    assert.equal(instrumentSchema.safeParse(badName).success, false)
  })
})

describe('the instrument schema', () => {
  it('ships every instrument valid, open ones with their wording', () => {
    assert.deepEqual(CURRENT_INSTRUMENTS.map((i) => i.key).sort(), [
      'djg6',
      'mycaw',
      'ons-loneliness',
      'ons4',
      'swemwbs',
      'ucla3',
      'wemwbs',
    ])
    for (const i of CURRENT_INSTRUMENTS) assert.equal(isAskable(i), i.licence.kind === 'open', i.key)
  })
  it('refuses a definition whose score names an item it does not have', () => {
    const broken = { ...instrument('ucla3'), scores: [{ ...instrument('ucla3').scores[0]!, items: ['nope'] }] }
    assert.equal(instrumentSchema.safeParse(broken).success, false)
  })
})
