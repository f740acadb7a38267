// SPDX-License-Identifier: AGPL-3.0-or-later
import { ACCESSIBILITY_TAXONOMY, FIVE_WAYS_TAXONOMY, NEEDS_TAXONOMY } from '../../taxonomies.ts'
import {
  CAPACITY_LABELS,
  HOW_TO_JOIN_LABELS,
  WELCOME_LABELS,
  formatDistance,
  isOneOf,
  CAPACITY_CODES,
  HOW_TO_JOIN_VALUES,
  WELCOME_VALUES,
} from '../../directory.ts'
import { describeSchedule, formatDate, formatTime } from '../../schedules.ts'
import type { SearchResultItem } from '../../search.service.ts'
import { DISTANCES_KM, queryParams, type SearchQuery } from './search.form.ts'

export function hrefWith(base: string, params: [string, string][]): string {
  const search = new URLSearchParams(params).toString()
  return search ? `${base}?${search}` : base
}

export function pagerFor(values: SearchQuery, page: number, pageSize: number, total: number) {
  const pages = Math.max(1, Math.ceil(total / pageSize))
  if (pages <= 1) return undefined
  const href = (p: number): string => hrefWith('/directory', [...queryParams(values), ['page', String(p)]])
  const window = [...new Set([1, pages, page - 1, page, page + 1])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b)
  return {
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
    items: window.flatMap((number, index) => {
      const item = { number, href: href(number), current: number === page }
      const previous = window[index - 1]
      return previous !== undefined && number - previous > 1 ? [{ ellipsis: true }, item] : [item]
    }),
  }
}

function option(value: string, text: string, selected: string) {
  return { value, text, selected: value === selected }
}

// The day choices of the search form, and the names of the filters they make.
const DAY_NAMES: Record<string, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  weekend: 'Weekend',
}

export function filterOptions(values: SearchQuery) {
  return {
    needItems: [
      option('', 'Any need', values.need),
      ...NEEDS_TAXONOMY.terms.map((t) => option(t.code, t.name, values.need)),
    ],
    wayItems: [
      option('', 'Any', values.way),
      ...FIVE_WAYS_TAXONOMY.terms.map((t) => option(t.code, t.name, values.way)),
    ],
    distanceItems: [
      option('any', 'Any distance', values.distance || 'any'),
      ...DISTANCES_KM.map((d) => option(d, `Within ${d} km`, values.distance)),
    ],
    dayItems: Object.entries(DAY_NAMES).map(([value, text]) => ({ value, text, checked: values.day.includes(value) })),
    whenItems: [
      { value: '', text: 'Any time', checked: !values.when },
      { value: 'morning', text: 'Morning (starts before midday)', checked: values.when === 'morning' },
      { value: 'afternoon', text: 'Afternoon', checked: values.when === 'afternoon' },
      { value: 'evening', text: 'Evening (from 5pm)', checked: values.when === 'evening' },
    ],
    costItems: [
      { value: '', text: 'Any cost', checked: !values.cost },
      { value: 'free', text: 'Free', checked: values.cost === 'free' },
      { value: 'low', text: 'Free or £5 or less', checked: values.cost === 'low' },
    ],
    accessItems: ACCESSIBILITY_TAXONOMY.terms.map((t) => ({
      value: t.code,
      text: t.name,
      checked: values.access.includes(t.code),
    })),
    otherItems: [
      { value: 'yes', text: 'Open to newcomers', checked: values.newcomers === 'yes', name: 'newcomers' },
      { value: 'yes', text: 'Has space now', checked: values.capacity === 'yes', name: 'capacity' },
    ],
  }
}

const TIME_NAMES: Record<string, string> = { morning: 'Morning', afternoon: 'Afternoon', evening: 'Evening' }

/** The filters in force, each with the link that removes it (so a filter read from a sentence can be undone). */
export function activeFilters(values: SearchQuery): { text: string; removeHref: string }[] {
  const without = (change: Partial<SearchQuery>): string =>
    hrefWith('/directory', queryParams({ ...values, ...change, match: '' }))
  const filters: { text: string; removeHref: string }[] = []
  const need = NEEDS_TAXONOMY.terms.find((t) => t.code === values.need)
  if (need) filters.push({ text: need.name, removeHref: without({ need: '' }) })
  if (values.postcode)
    filters.push({
      text:
        values.distance && values.distance !== 'any'
          ? `Within ${values.distance} km of ${values.postcode}`
          : `Near ${values.postcode}`,
      removeHref: without({ postcode: '', distance: '' }),
    })
  for (const day of values.day)
    if (DAY_NAMES[day])
      filters.push({ text: DAY_NAMES[day], removeHref: without({ day: values.day.filter((d) => d !== day) }) })
  if (TIME_NAMES[values.when]) filters.push({ text: TIME_NAMES[values.when]!, removeHref: without({ when: '' }) })
  if (values.cost === 'free') filters.push({ text: 'Free', removeHref: without({ cost: '' }) })
  if (values.cost === 'low') filters.push({ text: 'Free or £5 or less', removeHref: without({ cost: '' }) })
  if (/^\d{1,3}$/.test(values.age)) filters.push({ text: `Age ${values.age}`, removeHref: without({ age: '' }) })
  const way = FIVE_WAYS_TAXONOMY.terms.find((t) => t.code === values.way)
  if (way) filters.push({ text: way.name, removeHref: without({ way: '' }) })
  for (const code of values.access) {
    const term = ACCESSIBILITY_TAXONOMY.terms.find((t) => t.code === code)
    if (term)
      filters.push({ text: term.name, removeHref: without({ access: values.access.filter((a) => a !== code) }) })
  }
  if (values.newcomers === 'yes') filters.push({ text: 'Open to newcomers', removeHref: without({ newcomers: '' }) })
  if (values.capacity === 'yes') filters.push({ text: 'Has space now', removeHref: without({ capacity: '' }) })
  return filters
}

export function presentResult(item: SearchResultItem, freshnessDays: number) {
  const tags: { text: string; classes: string }[] = []
  if (isOneOf(WELCOME_VALUES, item.welcome) && item.welcome === 'open')
    tags.push({ text: WELCOME_LABELS.open, classes: 'nhsuk-tag--green' })
  if (isOneOf(WELCOME_VALUES, item.welcome) && item.welcome === 'invitation-only')
    tags.push({ text: WELCOME_LABELS['invitation-only'], classes: 'nhsuk-tag--grey' })
  if (isOneOf(CAPACITY_CODES, item.capacity))
    tags.push({
      text: CAPACITY_LABELS[item.capacity],
      classes:
        item.capacity === 'capacity'
          ? 'nhsuk-tag--green'
          : item.capacity === 'waitlist'
            ? 'nhsuk-tag--yellow'
            : 'nhsuk-tag--red',
    })
  if (item.freshness !== 'fresh')
    tags.push({
      text: item.freshness === 'never' ? 'Never checked' : `Not checked for over ${freshnessDays} days`,
      classes: 'nhsuk-tag--orange',
    })
  const place = item.nearest
    ? [item.nearest.name, item.nearest.postalCode].filter(Boolean).join(', ')
    : 'No venue (phone or online)'
  return {
    id: item.id,
    name: item.name,
    href: `/directory/services/${item.id}`,
    organizationName: item.organizationName,
    summary: item.description.length > 220 ? `${item.description.slice(0, 217).trimEnd()}…` : item.description,
    distance:
      item.distanceMetres !== null && item.distanceMetres !== undefined ? formatDistance(item.distanceMetres) : null,
    place,
    next: item.next
      ? `${formatDate(item.next.date)}${item.next.opensAt ? `, ${formatTime(item.next.opensAt)}` : ''}${item.next.closesAt ? ` to ${formatTime(item.next.closesAt)}` : ''}`
      : 'No upcoming sessions listed',
    cost: item.cost,
    checked: item.assuredDate ? `Checked ${formatDate(item.assuredDate, true)}` : 'Never checked',
    howToJoin: isOneOf(HOW_TO_JOIN_VALUES, item.howToJoin) ? HOW_TO_JOIN_LABELS[item.howToJoin] : item.howToJoin,
    tags,
  }
}

export { describeSchedule }
