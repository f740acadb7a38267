// SPDX-License-Identifier: AGPL-3.0-or-later
import { listField, queryField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { ACCESSIBILITY_CODES, NEED_CODES, WAY_CODES } from '../../taxonomies.ts'
import { WEEKDAYS, type Weekday } from '../../schedules.ts'
import { isOneOf } from '../../directory.ts'
import type { TimeOfDay } from '../../search.repository.ts'

export const DISTANCES_KM = ['1', '2', '5', '10', '25'] as const
export const TIMES_OF_DAY = ['morning', 'afternoon', 'evening'] as const

/** Everything the search form can say, as typed (kept in the URL, so every filter works without JavaScript). */
export interface SearchQuery {
  q: string
  need: string
  way: string
  postcode: string
  distance: string
  day: string[]
  when: string
  age: string
  cost: string
  access: string[]
  newcomers: string
  capacity: string
  /** How loosely the words matched (set by the search itself, kept in paging links). */
  match: string
}

export interface ParsedSearch {
  text: string | null
  needCode: string | null
  wayCode: string | null
  postcode: string | null
  radiusMetres: number | null
  days: Weekday[]
  timeOfDay: TimeOfDay | null
  age: number | null
  cost: 'free' | 'low' | null
  accessibility: string[]
  newcomers: boolean
  hasCapacity: boolean
  textMode: 'all' | 'any' | 'fuzzy'
}

export function readSearchQuery(query: unknown): SearchQuery {
  return {
    q: queryField(query, 'q', 200),
    need: queryField(query, 'need', 40),
    way: queryField(query, 'way', 40),
    postcode: queryField(query, 'postcode', 10),
    distance: queryField(query, 'distance', 4),
    day: listField(query, 'day').slice(0, 7),
    when: queryField(query, 'when', 20),
    age: queryField(query, 'age', 4),
    cost: queryField(query, 'cost', 10),
    access: listField(query, 'access').slice(0, 10),
    newcomers: queryField(query, 'newcomers', 4),
    capacity: queryField(query, 'capacity', 4),
    match: queryField(query, 'match', 10),
  }
}

/** Turns the query into criteria. Unknown values are errors rather than silently ignored filters. */
export function parseSearch(values: SearchQuery): { criteria: ParsedSearch; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const days = values.day.flatMap((d) => (d === 'weekend' ? ['SA', 'SU'] : [d])).filter((d) => isOneOf(WEEKDAYS, d))
  if (values.day.some((d) => d !== 'weekend' && !isOneOf(WEEKDAYS, d))) errors['day'] = 'Select days from the list'
  let age: number | null = null
  if (values.age) {
    if (!/^\d{1,3}$/.test(values.age) || Number(values.age) > 120) errors['age'] = 'Enter an age in years, like 67'
    else age = Number(values.age)
  }
  let radiusMetres: number | null = null
  if (values.distance && values.distance !== 'any') {
    if (!isOneOf(DISTANCES_KM, values.distance)) errors['distance'] = 'Select a distance from the list'
    else radiusMetres = Number(values.distance) * 1000
  }
  if (radiusMetres !== null && !values.postcode) errors['postcode'] = 'Enter a postcode to search by distance'
  if (values.need && !isOneOf(NEED_CODES, values.need)) errors['need'] = 'Select a need from the list'
  if (values.way && !isOneOf(WAY_CODES, values.way)) errors['way'] = 'Select a way to wellbeing from the list'
  if (values.when && !isOneOf(TIMES_OF_DAY, values.when)) errors['when'] = 'Select a time of day from the list'
  if (values.cost && values.cost !== 'free' && values.cost !== 'low') errors['cost'] = 'Select a cost from the list'
  const accessibility = values.access.filter((a) => isOneOf(ACCESSIBILITY_CODES, a))
  return {
    errors,
    criteria: {
      text: values.q || null,
      needCode: values.need && isOneOf(NEED_CODES, values.need) ? values.need : null,
      wayCode: values.way && isOneOf(WAY_CODES, values.way) ? values.way : null,
      postcode: values.postcode || null,
      radiusMetres,
      days: [...new Set(days)] as Weekday[],
      timeOfDay: isOneOf(TIMES_OF_DAY, values.when) ? values.when : null,
      age,
      cost: values.cost === 'free' || values.cost === 'low' ? values.cost : null,
      accessibility,
      newcomers: values.newcomers === 'yes',
      hasCapacity: values.capacity === 'yes',
      textMode: values.match === 'any' || values.match === 'fuzzy' ? values.match : 'all',
    },
  }
}

/** The query as flat URL parameters (for paging links and "remove filter" links). */
export function queryParams(values: SearchQuery): [string, string][] {
  const params: [string, string][] = []
  for (const [key, value] of Object.entries(values) as [string, string | string[]][]) {
    if (Array.isArray(value)) for (const v of value) params.push([key, v])
    else if (value) params.push([key, value])
  }
  return params
}
