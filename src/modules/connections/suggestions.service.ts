// SPDX-License-Identifier: AGPL-3.0-or-later
// Suggested services for one person (issue 11): their record and plan become a profile, the directory's own
// indexed search finds candidates near home for each need and interest, and suggestions.ts ranks and explains them.
import type { AreaScope, OrgScope } from '../../platform/db/org-scope.ts'
import { findNeedsInForce, londonToday } from '../casework/index.ts'
import { lookUpPostcode, NEEDS_TAXONOMY, searchDirectory, searchNearby } from '../directory/index.ts'
import { ageOn } from '../people/index.ts'
import {
  interestWords,
  rankSuggestions,
  type Candidate,
  type Suggestion,
  type SuggestionProfile,
} from './suggestions.ts'
import { DAY_MS, type ConnectionCase } from './connections.service.ts'

/** The directory's word for a need the referral or conversation names, where they differ. */
const DIRECTORY_NEED: Partial<Record<string, string>> = {
  inactivity: 'physical-inactivity',
  'long-term-condition': 'long-term-conditions',
  other: '',
}
const SUGGESTION_RADIUS_METRES = 8_000
const PER_QUERY = 25

/** What the person's record and plan say about what would suit them. */
export async function suggestionProfile(
  scope: OrgScope,
  found: ConnectionCase,
  today: string,
): Promise<{ profile: SuggestionProfile; centre: { latitude: number; longitude: number } | null }> {
  const [{ needs, conversation }, place] = await Promise.all([
    findNeedsInForce(scope, found.episode.id, found.referral.needs),
    found.referral.person.postcode ? lookUpPostcode(scope.db, found.referral.person.postcode) : null,
  ])
  const goals = found.plan?.goals ?? []
  const ordered = [...new Set([...goals.flatMap((g) => g.needs), ...needs])]
    .map((n) => DIRECTORY_NEED[n] ?? n)
    .filter((n) => n !== '')
  return {
    profile: {
      needs: ordered,
      interests: interestWords(conversation?.interests ?? '', ...goals.map((g) => g.inTheirWords)),
      barriers: [...new Set(goals.flatMap((g) => g.barriers))],
      age: found.referral.person.dateOfBirth
        ? ageOn(found.referral.person.dateOfBirth, new Date(`${today}T12:00:00Z`))
        : null,
    },
    centre: place?.ok ? { latitude: place.postcode.latitude, longitude: place.postcode.longitude } : null,
  }
}

/**
 * Directory services that fit the person, ranked and explained: the area's services for each of their first three
 * needs and for their interests, near home, weighed together (see suggestions.ts). A handful of indexed searches.
 */
export async function suggestServices(
  scope: OrgScope,
  found: ConnectionCase,
  freshnessDays: number,
  now = new Date(),
): Promise<{ suggestions: Suggestion[]; profile: SuggestionProfile; nearHome: boolean }> {
  const today = londonToday(now)
  const { profile, centre } = await suggestionProfile(scope, found, today)
  const suggestions = await suggestFor(scope, profile, centre, freshnessDays, today)
  return { suggestions, profile, nearHome: centre !== null }
}

/** The ranked suggestions for a profile in an area (the part `npm run bench` times at 100,000 services). */
export async function suggestFor(
  scope: AreaScope,
  profile: SuggestionProfile,
  centre: { latitude: number; longitude: number } | null,
  freshnessDays: number,
  today: string,
): Promise<Suggestion[]> {
  const needs = profile.needs.slice(0, 3)
  const words = profile.interests.join(' ')
  const found: { need: string | null; item: CandidateSource }[] = []
  if (centre) {
    // Near home: one statement finds the nearby places once for every need and the interests.
    const branches = [
      ...needs.map((need) => ({ key: need, needCode: need })),
      ...(words ? [{ key: null, text: words }] : []),
    ]
    const hits = await searchNearby(scope, {
      centre,
      radiusMetres: SUGGESTION_RADIUS_METRES,
      age: profile.age,
      branches,
      perBranch: PER_QUERY,
    })
    for (const hit of hits) found.push({ need: branches[hit.branch]!.key, item: hit })
  } else {
    // No home postcode to measure from: the directory's own search, by need and by words, across the area.
    const base = {
      wayCode: null,
      centre: null,
      radiusMetres: null,
      days: [],
      timeOfDay: null,
      age: profile.age,
      cost: null,
      accessibility: [],
      newcomers: false,
      hasCapacity: false,
      limit: PER_QUERY,
      offset: 0,
    } as const
    const searches = [
      ...needs.map((need) => ({ need, criteria: { ...base, text: null, needCode: need } })),
      ...(words ? [{ need: null, criteria: { ...base, text: words, needCode: null, textMode: 'any' as const } }] : []),
    ]
    const results = await Promise.all(searches.map((s) => searchDirectory(scope, s.criteria, freshnessDays)))
    results.forEach((result, i) => {
      for (const item of result.items) found.push({ need: searches[i]!.need, item })
    })
  }
  const candidates = new Map<string, Candidate>()
  for (const { need, item } of found) {
    const known = candidates.get(item.id)
    if (known) {
      if (need && !known.matchedNeeds.includes(need)) (known.matchedNeeds as string[]).push(need)
      continue
    }
    candidates.set(item.id, {
      id: item.id,
      name: item.name,
      description: item.description,
      matchedNeeds: need ? [need] : [],
      needLabels: NEED_TERM_LABELS,
      distanceMetres: item.distanceMetres,
      cost: item.cost,
      nextSession: item.next ? describeSession(item.next) : null,
      welcome: item.welcome,
      capacity: item.capacity,
      howToJoin: item.howToJoin,
      daysSinceChecked: item.assuredDate
        ? Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${item.assuredDate}T00:00:00Z`)) / DAY_MS)
        : null,
      minimumAge: item.minimumAge,
      maximumAge: item.maximumAge,
    })
  }
  return rankSuggestions(profile, [...candidates.values()])
}

/** The fields of a directory search result or a nearby hit that a suggestion is made from. */
type CandidateSource = {
  id: string
  name: string
  description: string
  distanceMetres: number | null
  cost: string
  next: { date: string; opensAt: string | null } | null
  welcome: string
  capacity: string
  howToJoin: string
  assuredDate: string | null
  minimumAge: number | null
  maximumAge: number | null
}

const NEED_TERM_LABELS: Record<string, string> = Object.fromEntries(NEEDS_TAXONOMY.terms.map((t) => [t.code, t.name]))

const SESSION_DAY = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  timeZone: 'Europe/London',
})

function describeSession(session: { date: string; opensAt: string | null }): string {
  const day = SESSION_DAY.format(new Date(`${session.date}T12:00:00Z`))
  if (!session.opensAt) return day
  const [h, m] = session.opensAt.split(':').map(Number) as [number, number]
  const time = `${h % 12 === 0 ? 12 : h % 12}${m ? `:${String(m).padStart(2, '0')}` : ''}${h < 12 ? 'am' : 'pm'}`
  return `${day}, ${time}`
}
