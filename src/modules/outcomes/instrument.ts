// SPDX-License-Identifier: AGPL-3.0-or-later
// Outcome instruments as data (issue 12): each questionnaire is a versioned JSON definition in `instruments/` —
// items, response options, how each answer scores, which items make each score, how many may be missing, bands,
// the meaningful-change rule and the licence notice — checked by one schema and scored by one function. Adding
// an instrument, or a version of one, is a new file, never new code.
import { z } from 'zod'

const responseOption = z.object({ value: z.number().int(), label: z.string() })

const item = z.object({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
  /** Absent for licensed instruments: the wording comes from the organisation's content pack. */
  text: z.string().optional(),
  responseSet: z.string(),
  /** The ends of a numeric scale, for the person to read beside it. */
  anchors: z.tuple([z.string(), z.string()]).optional(),
  /** What each answer scores where that is not the answer's own value (De Jong Gierveld counts answers). */
  itemScores: z.record(z.string(), z.number()).optional(),
})

const band = z.object({ min: z.number(), max: z.number(), label: z.string() })

const meaningfulChange = z.discriminatedUnion('rule', [
  /** Change is moving from one band to another (ONS publishes no individual-level figure). */
  z.object({ rule: z.literal('band') }),
  /** Change of at least `meaningful` points in the better direction; at least `possible` is "possible". */
  z.object({
    rule: z.literal('points'),
    meaningful: z.number().positive(),
    possible: z.number().positive().optional(),
  }),
])

const score = z.object({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
  label: z.string(),
  items: z.array(z.string()).min(1),
  method: z.literal('sum'),
  /** How many of `items` may be unanswered before the score is not given (no imputation: the rest are summed). */
  maxMissing: z.number().int().min(0),
  range: z.tuple([z.number(), z.number()]),
  higherIsBetter: z.boolean(),
  bands: z.array(band).optional(),
  /** Raw sum → reported score (SWEMWBS's Rasch metric table). */
  conversion: z.record(z.string(), z.number()).optional(),
  meaningfulChange: meaningfulChange.optional(),
  /** The SNOMED CT concept for recording this score in the GP record, where one exists. */
  snomed: z.object({ code: z.string().regex(/^\d{6,18}$/), display: z.string() }).optional(),
})

export const instrumentSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9-]*$/),
    version: z.number().int().positive(),
    name: z.string(),
    shortName: z.string(),
    licence: z.object({ kind: z.enum(['open', 'licensed']), notice: z.string() }),
    preamble: z.string(),
    responseSets: z.record(z.string(), z.array(responseOption).min(2)),
    items: z.array(item).min(1),
    scores: z.array(score).min(1),
    source: z.string(),
  })
  .superRefine((d, ctx) => {
    const ids = new Set(d.items.map((i) => i.id))
    for (const i of d.items)
      if (!d.responseSets[i.responseSet]) ctx.addIssue({ code: 'custom', message: `${i.id}: no ${i.responseSet}` })
    for (const s of d.scores)
      for (const id of s.items) if (!ids.has(id)) ctx.addIssue({ code: 'custom', message: `${s.key}: no item ${id}` })
    if (d.licence.kind === 'open' && d.items.some((i) => !i.text))
      ctx.addIssue({ code: 'custom', message: 'an open instrument ships its wording' })
  })

export type Instrument = z.infer<typeof instrumentSchema>
export type InstrumentItem = Instrument['items'][number]
export type ScoreDefinition = Instrument['scores'][number]

/** The answers to one questionnaire: item id → the answer's value, or null where it was not answered. */
export type Answers = Record<string, number | null>
/** Score key → the score, or null where too many of its items were unanswered. */
export type Scores = Record<string, number | null>

export type ScoreResult = { ok: true; answers: Answers; scores: Scores } | { ok: false; errors: Record<string, string> }

export const NONE_ANSWERED = 'Answer at least one question'

/**
 * The answers as the instrument holds them (unanswered items as null) and an error for each answer that is not
 * one of its item's options. Checks answers without scoring them, for keeping a half-finished form.
 */
export function checkAnswers(
  instrument: Instrument,
  given: Record<string, number | null | undefined>,
): { answers: Answers; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const answers: Answers = {}
  for (const i of instrument.items) {
    const value = given[i.id]
    answers[i.id] = value ?? null
    if (value === null || value === undefined) continue
    const options = instrument.responseSets[i.responseSet]!
    if (!options.some((o) => o.value === value)) errors[i.id] = 'Choose one of the answers'
  }
  return { answers, errors }
}

/** Scores a set of answers by the instrument's rules. An answer outside the item's options is an error. */
export function scoreAnswers(instrument: Instrument, given: Record<string, number | null | undefined>): ScoreResult {
  const { answers, errors } = checkAnswers(instrument, given)
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  if (instrument.items.every((i) => answers[i.id] === null))
    return { ok: false, errors: { [instrument.items[0]!.id]: NONE_ANSWERED } }
  const byId = new Map(instrument.items.map((i) => [i.id, i]))
  const scores: Scores = {}
  for (const s of instrument.scores) {
    const answered = s.items.filter((id) => answers[id] !== null)
    if (s.items.length - answered.length > s.maxMissing) {
      scores[s.key] = null
      continue
    }
    const raw = answered.reduce((sum, id) => sum + itemScore(byId.get(id)!, answers[id]!), 0)
    scores[s.key] = s.conversion ? (s.conversion[String(raw)] ?? null) : raw
  }
  return { ok: true, answers, scores }
}

function itemScore(i: InstrumentItem, value: number): number {
  return i.itemScores ? (i.itemScores[String(value)] ?? 0) : value
}

/** The band a score falls in, if the score has bands. */
export function bandOf(s: ScoreDefinition, value: number): string | null {
  return s.bands?.find((b) => value >= b.min && value <= b.max)?.label ?? null
}

export type Change = 'meaningful-improvement' | 'possible-improvement' | 'no-change' | 'worse'

/** How a score moved from `from` to `to`, by the score's meaningful-change rule. */
export function changeBetween(s: ScoreDefinition, from: number, to: number): Change | null {
  const rule = s.meaningfulChange
  if (!rule) return null
  const better = s.higherIsBetter ? to - from : from - to
  if (rule.rule === 'band') {
    const bands = s.bands ?? []
    const a = bands.findIndex((b) => from >= b.min && from <= b.max)
    const b = bands.findIndex((x) => to >= x.min && to <= x.max)
    if (a === b) return 'no-change'
    return better > 0 ? 'meaningful-improvement' : 'worse'
  }
  // Rounded to hundredths: SWEMWBS metric scores differ in the second decimal.
  const moved = Math.round(better * 100) / 100
  if (moved >= rule.meaningful) return 'meaningful-improvement'
  if (rule.possible !== undefined && moved >= rule.possible) return 'possible-improvement'
  if (moved <= -(rule.possible ?? rule.meaningful)) return 'worse'
  return 'no-change'
}

export const CHANGE_LABELS: Record<Change, string> = {
  'meaningful-improvement': 'Meaningful improvement',
  'possible-improvement': 'Possible improvement',
  'no-change': 'No meaningful change',
  worse: 'Worse',
}
