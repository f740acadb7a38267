// SPDX-License-Identifier: AGPL-3.0-or-later
import { CAPACITY_CODES, HOW_TO_JOIN_VALUES, SERVICE_STATUSES, WELCOME_VALUES } from './directory.table.ts'

export { CAPACITY_CODES, HOW_TO_JOIN_VALUES, SERVICE_STATUSES, WELCOME_VALUES }
export type ServiceStatus = (typeof SERVICE_STATUSES)[number]
export type Welcome = (typeof WELCOME_VALUES)[number]
export type Capacity = (typeof CAPACITY_CODES)[number]
export type HowToJoin = (typeof HOW_TO_JOIN_VALUES)[number]

export const STATUS_LABELS: Record<ServiceStatus, string> = {
  active: 'Running',
  inactive: 'Not running',
  defunct: 'Closed for good',
  'temporarily closed': 'Temporarily closed',
}
export const WELCOME_LABELS: Record<Welcome, string> = {
  open: 'Open to newcomers',
  'invitation-only': 'By invitation only',
}
export const CAPACITY_LABELS: Record<Capacity, string> = {
  capacity: 'Has space',
  waitlist: 'Waiting list',
  'no-capacity': 'Full',
}
export const HOW_TO_JOIN_LABELS: Record<HowToJoin, string> = {
  signpost: 'Just turn up or get in touch (signpost)',
  'direct-referral': 'Needs a referral from us',
  'accompany-first-visit': 'Go with them the first time (recommended)',
}

// ---------------------------------------------------------------------------------------------------------
// Cost and freshness

export interface CostOption {
  option: string | null
  amount: number | null
  amountDescription: string | null
}

/** Costs at or below this count as "low cost" in search. */
export const LOW_COST_LIMIT = 5

export function describeCost(costs: readonly CostOption[]): string {
  if (costs.length === 0 || costs.every((c) => !c.amount)) return 'Free'
  const priced = costs.filter((c) => c.amount && c.amount > 0)
  const min = Math.min(...priced.map((c) => c.amount!))
  const first = priced.find((c) => c.amount === min)!
  const label = `£${min.toFixed(2).replace(/\.00$/, '')}${first.option ? ` ${first.option}` : ''}`
  return priced.length > 1 ? `From ${label}` : label
}

export type Freshness = 'fresh' | 'due' | 'never'

/** A listing is "due" a check when its assured date is older than the area's freshness limit. */
export function freshnessOf(assuredDate: string | null, today: string, freshnessDays: number): Freshness {
  if (!assuredDate) return 'never'
  const age = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${assuredDate}T00:00:00Z`)) / 86_400_000
  return age > freshnessDays ? 'due' : 'fresh'
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/** "1.2 km" / "350 m" / "12 km". */
export function formatDistance(metres: number): string {
  if (metres < 1000) return `${Math.max(10, Math.round(metres / 10) * 10)} m`
  if (metres < 10_000) return `${(metres / 1000).toFixed(1)} km`
  return `${Math.round(metres / 1000)} km`
}

export { isOneOf } from '../../shared/one-of.ts'

/** What a directory editor can change about an organisation that runs services. */
export interface OrganizationDetails {
  name: string
  description: string
  website: string | null
  email: string | null
  accreditedProvider: boolean
  /** The community provider in Waymark that runs it: its accounts see the connections sent to its services. */
  providerOrganisationId: string | null
}
