// SPDX-License-Identifier: AGPL-3.0-or-later
// Finding services for a person: the search with its results' details, and one service's page.
import { queriesTogether } from '../../platform/db/queries-together.ts'
import { describeCost, freshnessOf, type Freshness } from './directory.ts'
import { nextSession, ukNow, type ScheduleRule, type Session } from './schedules.ts'
import { DirectoryError } from './directory.errors.ts'
import { listVersions } from './versions.repository.ts'
import {
  findService,
  listAccessibilityNotes,
  listAttributeCodes,
  listContactsForService,
} from './directory.repository.ts'
import { listRecentComments, summariseFeedback } from './signposting.repository.ts'
import {
  listCostsForServices,
  listLocationsForServices,
  listSchedulesForServices,
  listServiceSummaries,
  type LocationRow,
} from './search-details.repository.ts'
import {
  searchNearbyForEach,
  searchServices,
  type NearbyBranch,
  type NearbyHit,
  type SearchCriteria,
  type SearchHit,
  suggestSpellings,
} from './search.repository.ts'
import type { AreaScope } from '../../platform/db/org-scope.ts'

// ---------------------------------------------------------------------------------------------------------
// Search

export interface SearchResultItem extends SearchHit {
  nearest: LocationRow | null
  next: Session | null
  cost: string
  freshness: Freshness
}

export async function searchDirectory(
  scope: AreaScope,
  criteria: SearchCriteria,
  freshnessDays: number,
): Promise<{
  items: SearchResultItem[]
  total: number
  broadened: boolean
  textMode: 'all' | 'any' | 'fuzzy'
  /** When nothing was found: the typed words with misspellings replaced by words the listings use. */
  didYouMean: string | null
}> {
  let hits = await searchServices(scope, criteria)
  let broadened = false
  let textMode = criteria.textMode ?? 'all'
  // Nothing matched every word: try any word, then near spellings of the name, and say so.
  if (hits.length === 0 && textMode === 'all' && criteria.offset === 0 && criteria.text?.trim()) {
    if (/\s/.test(criteria.text.trim())) {
      textMode = 'any'
      hits = await searchServices(scope, { ...criteria, textMode })
    }
    if (hits.length === 0) {
      textMode = 'fuzzy'
      hits = await searchServices(scope, { ...criteria, textMode })
    }
    broadened = hits.length > 0
  }
  let didYouMean: string | null = null
  if (hits.length === 0 && criteria.offset === 0 && criteria.text?.trim()) {
    const typed = criteria.text.trim().split(/\s+/)
    const words = typed.map((w) => w.toLowerCase()).filter((w) => /^[a-z]{3,40}$/.test(w))
    const suggestions = await suggestSpellings(scope, [...new Set(words)].slice(0, 8))
    if (suggestions.size > 0) didYouMean = typed.map((w) => suggestions.get(w.toLowerCase()) ?? w).join(' ')
  }
  const ids = hits.map((h) => h.id)
  const [locations, schedules, costs] = await queriesTogether(scope.db, [
    () => listLocationsForServices(scope, ids, criteria.centre),
    () => listSchedulesForServices(scope, ids),
    () => listCostsForServices(scope, ids),
  ])
  const { today, time } = ukNow()
  const items = hits.map((hit) => ({
    ...hit,
    nearest: locations.find((l) => l.serviceId === hit.id) ?? null,
    next: nextSession(schedules.filter((s) => s.serviceId === hit.id) as ScheduleRule[], today, time),
    cost: describeCost(costs.filter((c) => c.serviceId === hit.id)),
    freshness: freshnessOf(hit.assuredDate, today, freshnessDays),
  }))
  return { items, total: hits[0]?.total ?? 0, broadened: broadened || textMode !== 'all', textMode, didYouMean }
}

/**
 * Each branch's nearest services (a need, or any of some words) with their next session and cost: a person's
 * suggestions in three queries rather than four per need.
 */
export async function searchNearby(
  scope: AreaScope,
  input: Parameters<typeof searchNearbyForEach>[1],
): Promise<(NearbyHit & { next: Session | null; cost: string })[]> {
  const hits = await searchNearbyForEach(scope, input)
  const ids = [...new Set(hits.map((h) => h.id))]
  const [schedules, costs] = await queriesTogether(scope.db, [
    () => listSchedulesForServices(scope, ids),
    () => listCostsForServices(scope, ids),
  ])
  const { today, time } = ukNow()
  return hits.map((hit) => ({
    ...hit,
    next: nextSession(schedules.filter((s) => s.serviceId === hit.id) as ScheduleRule[], today, time),
    cost: describeCost(costs.filter((c) => c.serviceId === hit.id)),
  }))
}
export type { NearbyBranch }

/** Each listing's status now (active, temporarily closed, inactive, defunct) and the new people a month it can take. */
export async function listServiceStates(
  scope: AreaScope,
  serviceIds: readonly string[],
): Promise<Map<string, { status: string; monthlyPlaces: number | null }>> {
  const rows = await listServiceSummaries(scope, serviceIds)
  return new Map(rows.map((r) => [r.id, { status: r.status, monthlyPlaces: r.monthlyPlaces }]))
}

export async function getServiceDetail(scope: AreaScope, serviceId: string, centre: SearchCriteria['centre']) {
  const found = await findService(scope, serviceId)
  if (!found) throw new DirectoryError('DIRECTORY_SERVICE_NOT_FOUND')
  const [locations, schedules, costs, contacts, feedback, comments, versions] = await queriesTogether(scope.db, [
    () => listLocationsForServices(scope, [serviceId], centre),
    () => listSchedulesForServices(scope, [serviceId]),
    () => listCostsForServices(scope, [serviceId]),
    () => listContactsForService(scope, serviceId),
    () => summariseFeedback(scope, serviceId),
    () => listRecentComments(scope, serviceId),
    () => listVersions(scope, serviceId),
  ])
  const locationIds = locations.map((l) => l.locationId)
  const [attributes, accessibility] = await queriesTogether(scope.db, [
    () => listAttributeCodes(scope, [serviceId, ...locationIds]),
    () => listAccessibilityNotes(scope, locationIds),
  ])
  const { today, time } = ukNow()
  return {
    ...found,
    locations,
    schedules,
    costs,
    contacts,
    feedback,
    comments,
    versions,
    attributes,
    accessibility,
    next: nextSession(schedules, today, time),
    today,
  }
}
