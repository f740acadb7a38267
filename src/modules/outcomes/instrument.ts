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
  /**
   * `choice` (the default): one of the response set's answers, scored. `text`: the person's own words, never
   * scored (MYCaW's concerns, named by the person), kept beside the answers.
   */
  type: z.enum(['choice', 'text']).default('choice'),
  /** The answers a choice item offers; a text item has none. */
  responseSet: z.string().optional(),
  /** A text item's longest answer. */
  maxLength: z.number().int().min(1).max(500).optional(),
  /** A choice item that scores something the person named in this text item: it cannot be answered without it. */
  namedBy: z.string().optional(),
  /** A text item whose last answer is offered again at the next asking (the same concern, scored again). */
  carryForward: z.boolean().optional(),
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
    const textIds = new Set(d.items.filter((i) => i.type === 'text').map((i) => i.id))
    for (const i of d.items) {
      if (i.type === 'choice' && !d.responseSets[i.responseSet ?? ''])
        ctx.addIssue({ code: 'custom', message: `${i.id}: no response set ${i.responseSet ?? ''}` })
      if (i.type === 'text' && (i.responseSet || i.namedBy))
        ctx.addIssue({ code: 'custom', message: `${i.id}: a text item has no answers to choose` })
      if (i.namedBy && !textIds.has(i.namedBy))
        ctx.addIssue({ code: 'custom', message: `${i.id}: namedBy ${i.namedBy} is not a text item` })
    }
    for (const s of d.scores)
      for (const id of s.items)
        if (!ids.has(id) || textIds.has(id)) ctx.addIssue({ code: 'custom', message: `${s.key}: no choice item ${id}` })
    if (d.licence.kind === 'open' && d.items.some((i) => !i.text))
      ctx.addIssue({ code: 'custom', message: 'an open instrument ships its wording' })
  })

export type Instrument = z.infer<typeof instrumentSchema>
export type InstrumentItem = Instrument['items'][number]
export type ScoreDefinition = Instrument['scores'][number]

/** The answers to one questionnaire: choice item id → the answer's value, or null where it was not answered. */
export type Answers = Record<string, number | null>
/** The person's own words: text item id → what they wrote (items left blank are absent). */
export type Texts = Record<string, string>

export type ResponseOption = z.infer<typeof responseOption>

/** The answers a choice item offers (none for a text item). */
export function optionsOf(instrument: Instrument, item: InstrumentItem): ResponseOption[] {
  return item.type === 'choice' ? (instrument.responseSets[item.responseSet ?? ''] ?? []) : []
}

export function choiceItems(instrument: Instrument): InstrumentItem[] {
  return instrument.items.filter((i) => i.type === 'choice')
}

const DEFAULT_TEXT_LENGTH = 200
/** Score key → the score, or null where too many of its items were unanswered. */
export type Scores = Record<string, number | null>

export type ScoreResult =
  | { ok: true; answers: Answers; scores: Scores; texts: Texts }
  | { ok: false; errors: Record<string, string> }

export const NONE_ANSWERED = 'Answer at least one question'
/** An answer that is not one of its question's options (out of range, or not a number). */
export const NOT_AN_ANSWER = 'Choose one of the answers'
/** A score of something the person names (a MYCaW concern) given without the name. */
export const NAME_IT_FIRST = 'Say what this is about in the question before it, or leave this one unanswered'

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
  for (const i of choiceItems(instrument)) {
    const value = given[i.id]
    answers[i.id] = value ?? null
    if (value === null || value === undefined) continue
    if (!optionsOf(instrument, i).some((o) => o.value === value)) errors[i.id] = NOT_AN_ANSWER
  }
  return { answers, errors }
}

/**
 * The person's own words as the instrument keeps them (trimmed, blanks dropped), an error for each that is too
 * long, and an error on each choice answered without the words it scores (`namedBy`: name the concern first).
 */
export function checkTexts(
  instrument: Instrument,
  answers: Answers,
  given: Record<string, string | undefined>,
): { texts: Texts; errors: Record<string, string> } {
  const texts: Texts = {}
  const errors: Record<string, string> = {}
  for (const i of instrument.items) {
    if (i.type !== 'text') continue
    const value = (given[i.id] ?? '').trim()
    if (!value) continue
    texts[i.id] = value
    const max = i.maxLength ?? DEFAULT_TEXT_LENGTH
    if (value.length > max) errors[i.id] = `Use ${max} characters or fewer`
  }
  for (const i of choiceItems(instrument))
    if (i.namedBy && answers[i.id] !== null && !texts[i.namedBy] && !errors[i.namedBy]) errors[i.id] = NAME_IT_FIRST
  return { texts, errors }
}

/** The words of `carryForward` text items from the latest of `earlier` measures (oldest first) that has them. */
export function carriedForward(instrument: Instrument, earlier: readonly { texts: Texts }[]): Texts {
  const out: Texts = {}
  for (const item of instrument.items.filter((i) => i.carryForward))
    for (const m of earlier) if (m.texts[item.id]) out[item.id] = m.texts[item.id]!
  return out
}

/** Scores a set of answers by the instrument's rules. An answer outside the item's options is an error. */
export function scoreAnswers(
  instrument: Instrument,
  given: Record<string, number | null | undefined>,
  givenTexts: Record<string, string | undefined> = {},
): ScoreResult {
  const checked = checkAnswers(instrument, given)
  const { answers } = checked
  const { texts, errors: textErrors } = checkTexts(instrument, answers, givenTexts)
  const errors = { ...textErrors, ...checked.errors }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const choices = choiceItems(instrument)
  if (choices.every((i) => answers[i.id] === null)) return { ok: false, errors: { [choices[0]!.id]: NONE_ANSWERED } }
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
  return { ok: true, answers, scores, texts }
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
