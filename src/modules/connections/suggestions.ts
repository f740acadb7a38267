// SPDX-License-Identifier: AGPL-3.0-or-later
// Suggested services for one person, ranked and explained (issue 11). Pure and deterministic: the same person and
// directory always give the same order and the same words, so the rules are tested on worked examples.

/** What the person's record and plan say that bears on which group would suit them. */
export interface SuggestionProfile {
  /** Needs confirmed with them or on the referral, by code, most important first. */
  needs: readonly string[]
  /** Words from their interests and goals ("ukulele", "drama"), lower case. */
  interests: readonly string[]
  /** What gets in the way, from the plan's goals: cost, transport, mobility, anxiety, confidence… */
  barriers: readonly string[]
  age: number | null
}

/** A directory service as a suggestion weighs it. */
export interface Candidate {
  id: string
  name: string
  description: string
  /** The needs it helps with (by code) that the search found it for. */
  matchedNeeds: readonly string[]
  needLabels: Readonly<Record<string, string>>
  distanceMetres: number | null
  /** "Free", "£3", "From £2 per session". */
  cost: string
  /** When it next meets, in words ("Tuesday 8 December, 6pm"), or null when no time is listed. */
  nextSession: string | null
  welcome: string
  capacity: string
  howToJoin: string
  /** Days since the listing was last checked, or null when never. */
  daysSinceChecked: number | null
  minimumAge: number | null
  maximumAge: number | null
}

export interface Suggestion {
  id: string
  name: string
  score: number
  /** Why it fits, in plain words. */
  reasons: string[]
  /** What might get in the way, in plain words. */
  concerns: string[]
}

const METRES_PER_MILE = 1609.344
const NEAR_MILES = 1
const FAR_MILES = 3

function miles(metres: number): string {
  const m = metres / METRES_PER_MILE
  return `${m < 10 ? m.toFixed(1) : Math.round(m)} miles`
}

function months(days: number): string {
  const n = Math.max(1, Math.round(days / 30))
  return n === 1 ? '1 month' : `${n} months`
}

/** Scores and explains one service for one person; null when it cannot take them (age, defunct…). */
export function weigh(person: SuggestionProfile, service: Candidate): Suggestion | null {
  if (person.age !== null) {
    if (service.minimumAge !== null && person.age < service.minimumAge) return null
    if (service.maximumAge !== null && person.age > service.maximumAge) return null
  }
  const reasons: string[] = []
  const concerns: string[] = []
  let score = 0
  const has = (barrier: string) => person.barriers.includes(barrier)

  // What it is for: each of their needs it helps with, the first (most important) counting most.
  for (const need of service.matchedNeeds) {
    const rank = person.needs.indexOf(need)
    if (rank < 0) continue
    score += rank === 0 ? 4 : 3
    reasons.push(`helps with ${(service.needLabels[need] ?? need).toLowerCase()}`)
  }
  const text = `${service.name} ${service.description}`.toLowerCase()
  const interests = person.interests.filter((word) => new RegExp(`\\b${word}`).test(text))
  if (interests.length > 0) {
    score += 3 + interests.length
    reasons.push(`matches their interest in ${interests.join(' and ')}`)
  }

  // Cost.
  if (service.cost === 'Free') {
    score += has('cost') ? 2 : 1
    reasons.push('free')
  } else if (has('cost')) {
    score -= 2
    concerns.push(`costs ${service.cost.replace(/^From /, 'from ')}`)
  }

  // How far.
  if (service.distanceMetres !== null) {
    const distance = service.distanceMetres / METRES_PER_MILE
    if (distance <= NEAR_MILES) {
      score += has('transport') || has('mobility') ? 2 : 1
      reasons.push(`${miles(service.distanceMetres)} from home`)
    } else if (distance > FAR_MILES) {
      score -= has('transport') || has('mobility') ? 3 : 1
      concerns.push(`${miles(service.distanceMetres)} from home`)
    } else {
      reasons.push(`${miles(service.distanceMetres)} from home`)
    }
  }

  // When.
  if (service.nextSession) reasons.push(`next meets ${service.nextSession}`)
  else concerns.push('no meeting times listed')

  // Welcome and room.
  if (service.welcome === 'invitation-only') {
    score -= 3
    concerns.push('invitation only')
  } else {
    score += 1
    reasons.push('open to newcomers')
  }
  if (service.howToJoin === 'accompany-first-visit' && (has('anxiety') || has('confidence'))) {
    score += 2
    reasons.push('someone can go with them the first time')
  }
  if (service.capacity === 'waitlist') {
    score -= 2
    concerns.push('waiting list')
  } else if (service.capacity === 'no-capacity') {
    score -= 4
    concerns.push('full at the moment')
  }

  // How sure we are of the listing.
  if (service.daysSinceChecked === null) {
    score -= 1
    concerns.push('never checked')
  } else if (service.daysSinceChecked > 90) {
    score -= 1
    concerns.push(`last checked ${months(service.daysSinceChecked)} ago`)
  }
  return { id: service.id, name: service.name, score, reasons, concerns }
}

/** The services that fit, best first; ties broken by distance, then name, so the order never wavers. */
export function rankSuggestions(person: SuggestionProfile, candidates: readonly Candidate[], limit = 10): Suggestion[] {
  const distance = new Map(candidates.map((c) => [c.id, c.distanceMetres ?? Number.MAX_SAFE_INTEGER]))
  return candidates
    .flatMap((c) => {
      const weighed = weigh(person, c)
      return weighed ? [weighed] : []
    })
    .sort(
      (a, b) => b.score - a.score || distance.get(a.id)! - distance.get(b.id)! || a.name.localeCompare(b.name, 'en-GB'),
    )
    .slice(0, limit)
}

// Words that say nothing about what a person enjoys, or that every listing uses ("community centre", "group").
const EVERYDAY = new Set(
  (
    'again about after being friends going other people really their there these things would with from into ' +
    'more some used want like back them they that this have when what where every week weeks getting playing ' +
    'house home time meet centre center community good local group groups club clubs class classes help better ' +
    'feel feeling able start keep make less nice love enjoy enjoyed enjoys once still most much also just ' +
    'monday tuesday wednesday thursday friday saturday sunday morning afternoon evening city town area near ' +
    'something anything everything someone anyone doing thing lots little need needs support'
  ).split(' '),
)

/** The words of interests and goals worth matching against listings: four letters or more, not everyday words. */
export function interestWords(...texts: readonly string[]): string[] {
  const words =
    texts
      .join(' ')
      .toLowerCase()
      .match(/[a-z]{4,}/g) ?? []
  return [...new Set(words.filter((w) => !EVERYDAY.has(w)))].slice(0, 12)
}
