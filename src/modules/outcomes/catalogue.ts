// SPDX-License-Identifier: AGPL-3.0-or-later
// The instruments Waymark ships, read once from `instruments/*.json` and checked against the schema (a bad file
// stops start-up, not a questionnaire), and the content packs that give a licensed instrument its wording.
import { readdirSync, readFileSync } from 'node:fs'
import { z } from 'zod'
import { instrumentSchema, type Instrument } from './instrument.ts'

const DIRECTORY = new URL('./instruments/', import.meta.url)

function loadInstruments(): Instrument[] {
  return readdirSync(DIRECTORY)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = instrumentSchema.safeParse(JSON.parse(readFileSync(new URL(file, DIRECTORY), 'utf8')))
      if (!parsed.success) throw new Error(`outcomes/instruments/${file}: ${z.prettifyError(parsed.error)}`)
      if (file !== `${parsed.data.key}.v${parsed.data.version}.json`)
        throw new Error(`outcomes/instruments/${file}: name it ${parsed.data.key}.v${parsed.data.version}.json`)
      return parsed.data
    })
}

/** Every shipped instrument, every version. */
export const INSTRUMENTS: readonly Instrument[] = loadInstruments()

/** The newest version of each instrument, in the order a service picks from. */
// The order questionnaires are offered and asked in: wellbeing first, then loneliness as ONS recommends (the
// three UCLA questions before the direct one), then the licensed ones. A new instrument not listed comes last.
const ORDER = ['ons4', 'ucla3', 'ons-loneliness', 'djg6', 'swemwbs', 'wemwbs', 'mycaw']
const rank = (key: string) => (ORDER.includes(key) ? ORDER.indexOf(key) : ORDER.length)

export const CURRENT_INSTRUMENTS: readonly Instrument[] = INSTRUMENTS.filter((i) =>
  INSTRUMENTS.every((o) => o.key !== i.key || o.version <= i.version),
).sort((a, b) => rank(a.key) - rank(b.key))

/** Instrument keys in the order they are offered and asked. */
export function inAskingOrder(keys: readonly string[]): string[] {
  return [...keys].sort((a, b) => rank(a) - rank(b))
}

export function findInstrument(key: string, version?: number): Instrument | undefined {
  if (version === undefined) return CURRENT_INSTRUMENTS.find((i) => i.key === key)
  return INSTRUMENTS.find((i) => i.key === key && i.version === version)
}

/** What a service uses until it chooses: the free ONS measures of wellbeing and loneliness. */
export const DEFAULT_INSTRUMENT_KEYS = ['ons4', 'ucla3', 'ons-loneliness'] as const

/**
 * A content pack: the wording of a licensed instrument, supplied by the organisation under its own licence
 * (docs/outcomes-content-packs.md). Item ids and answer values are the instrument's; the pack brings the words.
 */
export const contentPackSchema = z.object({
  format: z.literal('waymark-instrument-content/1'),
  instrument: z.string().max(40),
  version: z.number().int().positive(),
  preamble: z.string().max(1000).default(''),
  items: z.record(z.string(), z.string().trim().min(1).max(500)),
  responseLabels: z.record(z.string(), z.record(z.string(), z.string().trim().min(1).max(100))),
})
export type ContentPack = z.infer<typeof contentPackSchema>

/** The pack's problems against its instrument (missing or unknown items, answers without words), or none. */
export function contentPackProblems(instrument: Instrument, pack: ContentPack): string[] {
  const problems: string[] = []
  const ids = new Set(instrument.items.map((i) => i.id))
  for (const id of ids) if (!pack.items[id]) problems.push(`No wording for item ${id}`)
  for (const id of Object.keys(pack.items)) if (!ids.has(id)) problems.push(`Item ${id} is not in ${instrument.name}`)
  for (const [set, options] of Object.entries(instrument.responseSets))
    for (const o of options)
      if (!o.label && !pack.responseLabels[set]?.[String(o.value)])
        problems.push(`No words for answer ${o.value} of ${set}`)
  return problems
}

/** The instrument with the pack's wording in place (a pack that does not fit leaves it as it was). */
export function withContent(instrument: Instrument, pack: ContentPack | undefined): Instrument {
  if (!pack || contentPackProblems(instrument, pack).length > 0) return instrument
  return {
    ...instrument,
    preamble: pack.preamble || instrument.preamble,
    items: instrument.items.map((i) => ({ ...i, text: pack.items[i.id] })),
    responseSets: Object.fromEntries(
      Object.entries(instrument.responseSets).map(([set, options]) => [
        set,
        options.map((o) => ({ ...o, label: o.label || pack.responseLabels[set]![String(o.value)]! })),
      ]),
    ),
  }
}

/** Whether the instrument can be asked: every item has its words and every answer its label. */
export function isAskable(instrument: Instrument): boolean {
  return (
    instrument.items.every((i) => Boolean(i.text)) &&
    Object.values(instrument.responseSets).every((options) => options.every((o) => o.label))
  )
}
