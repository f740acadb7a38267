// SPDX-License-Identifier: AGPL-3.0-or-later
// The "what matters to you" conversation: what matters to the person, in their words, their strengths and
// interests, what gets in the way, and the needs it confirms or adds. Appended, never changed: the newest is the
// current picture, and the older ones stay as the history of how it changed.
import { NEEDS, type Need } from '../referrals/index.ts'

export const WHAT_MATTERS_MAX = 2000
export const CONVERSATION_TEXT_MAX = 2000

export interface Conversation {
  id: string
  episodeId: string
  personId: string
  heldOn: string
  whatMatters: string
  strengths: string
  interests: string
  whatGetsInTheWay: string
  needsConfirmed: Need[]
  needsAdded: Need[]
  recordedByName: string
  recordedAt: Date
}

export interface NewConversation {
  submissionKey: string
  heldOn: string
  whatMatters: string
  strengths: string
  interests: string
  whatGetsInTheWay: string
  needsConfirmed: Need[]
  needsAdded: Need[]
}

/** Needs in the order the referral form lists them, without repeats, so every page lists them alike. */
export function orderNeeds(needs: Iterable<Need>): Need[] {
  const chosen = new Set(needs)
  return NEEDS.filter((n) => chosen.has(n))
}

/**
 * The needs support is working on: those the latest conversation confirmed or added, or, before any
 * conversation, the needs the referrer gave.
 */
export function needsInForce(referralNeeds: readonly Need[], current: Conversation | null | undefined): Need[] {
  if (!current) return orderNeeds(referralNeeds)
  return orderNeeds([...current.needsConfirmed, ...current.needsAdded])
}

/**
 * Splits the needs ticked on the form into those the referral named (confirmed) and the rest (added), whichever
 * list they were ticked in: a need is "added" only when the referrer did not name it.
 */
export function classifyNeeds(
  referralNeeds: readonly Need[],
  ticked: readonly Need[],
): { needsConfirmed: Need[]; needsAdded: Need[] } {
  const fromReferral = new Set(referralNeeds)
  return {
    needsConfirmed: orderNeeds(ticked.filter((n) => fromReferral.has(n))),
    needsAdded: orderNeeds(ticked.filter((n) => !fromReferral.has(n))),
  }
}
