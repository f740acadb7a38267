// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Suggestion, SuggestionProfile } from '../../suggestions.ts'

const BARRIER_WORDS: Record<string, string> = {
  cost: 'cost',
  transport: 'getting there',
  mobility: 'mobility',
  anxiety: 'anxiety',
  confidence: 'confidence',
  caring: 'caring responsibilities',
  language: 'language',
  digital: 'getting online',
}

export interface SuggestionCard {
  name: string
  serviceHref: string
  connectHref: string
  /** "It does not fit": record why, naming this listing. */
  unmetHref: string
  reasons: string
  concerns: string
}

/** The suggestions as cards, and what they were based on, in words. */
export function presentSuggestions(
  referralId: string,
  suggestions: readonly Suggestion[],
  profile: SuggestionProfile,
  nearHome: boolean,
): { cards: SuggestionCard[]; basedOn: string[] } {
  const basedOn: string[] = []
  if (profile.interests.length > 0) basedOn.push(`their interests and goals: ${profile.interests.join(', ')}`)
  const barriers = profile.barriers.map((b) => BARRIER_WORDS[b]).filter(Boolean)
  if (barriers.length > 0) basedOn.push(`what gets in the way: ${barriers.join(', ')}`)
  if (profile.age !== null) basedOn.push(`their age (${profile.age})`)
  basedOn.push(nearHome ? 'distance from their home postcode' : 'no distance: their postcode is not known')
  const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
  return {
    basedOn,
    cards: suggestions.map((s) => ({
      name: s.name,
      serviceHref: `/directory/services/${s.id}`,
      connectHref: `/caseload/${referralId}/connections/new?service=${s.id}`,
      unmetHref: `/caseload/${referralId}/connections/unmet-need?service=${s.id}`,
      reasons: capitalise(s.reasons.join(', ')),
      concerns: capitalise(s.concerns.join(', ')),
    })),
  }
}
