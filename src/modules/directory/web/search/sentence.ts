// SPDX-License-Identifier: AGPL-3.0-or-later
// A sentence typed into the search box ("free walking group Tuesday evening near AB10 1AA") read as the
// filters it names. Only words that name a filter unambiguously are taken; the rest stays as the search
// words. The filters are then shown on the page and each can be removed.
import type { SearchQuery } from './search.form.ts'

const DAY_WORDS: Record<string, string> = {
  monday: 'MO',
  tuesday: 'TU',
  wednesday: 'WE',
  thursday: 'TH',
  friday: 'FR',
  saturday: 'weekend',
  sunday: 'weekend',
  weekend: 'weekend',
}
const TIME_WORDS: Record<string, string> = { morning: 'morning', afternoon: 'afternoon', evening: 'evening' }
// A UK postcode, with or without its space, optionally after "near", "in" or "around".
const POSTCODE = /(?:\b(?:near|in|around|close to)\s+)?\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b/i
// Words left stranded when the filter after them is taken away.
const STRANDED = /\b(?:on|in|at|near|around|for|the|a|an|and)\s*$/i

/** The query with the filters its words name moved into their fields, or null when it names none. */
export function readSentence(values: SearchQuery): SearchQuery | null {
  let text = ` ${values.q} `
  const found: Partial<SearchQuery> = {}
  const postcode = POSTCODE.exec(text)
  if (postcode && !values.postcode) {
    found.postcode = `${postcode[1]!.toUpperCase()} ${postcode[2]!.toUpperCase()}`
    text = text.replace(postcode[0], ' ')
  }
  const days = new Set(values.day)
  text = text.replace(
    /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)s?\b/gi,
    (word, day: string) => {
      days.add(DAY_WORDS[day.toLowerCase()]!)
      return ' '
    },
  )
  if (days.size > values.day.length) found.day = [...days]
  if (!values.when)
    text = text.replace(/\b(morning|afternoon|evening)s?\b/i, (word, time: string) => {
      found.when = TIME_WORDS[time.toLowerCase()]!
      return ' '
    })
  if (!values.cost)
    text = text
      .replace(/\b(?:free of charge|free)\b/i, () => {
        found.cost = 'free'
        return ' '
      })
      .replace(/\b(?:cheap|low[- ]cost)\b/i, () => {
        found.cost ??= 'low'
        return ' '
      })
  if (Object.keys(found).length === 0) return null
  let q = text.replace(/\s+/g, ' ').trim()
  while (STRANDED.test(q)) q = q.replace(STRANDED, '').trim()
  return { ...values, ...found, q }
}
