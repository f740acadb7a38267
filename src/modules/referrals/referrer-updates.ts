// SPDX-License-Identifier: AGPL-3.0-or-later
// What a referrer hears about their referrals, and when: one email per milestone that matters to them,
// changes within a few minutes coalesced, or one digest a morning if they prefer. Never a person's name.
import type { BusinessStatus } from './referral-status.ts'

export const UPDATE_FREQUENCIES = ['immediate', 'daily'] as const
export type UpdateFrequency = (typeof UPDATE_FREQUENCIES)[number]
export const UPDATE_FREQUENCY_LABELS: Record<UpdateFrequency, string> = {
  immediate: 'As things happen (changes within a few minutes come together in one email)',
  daily: 'One email each morning with everything that happened the day before',
}
export function isUpdateFrequency(value: unknown): value is UpdateFrequency {
  return typeof value === 'string' && (UPDATE_FREQUENCIES as readonly string[]).includes(value)
}

/** Changes within this many minutes of the first reach the referrer as one email. */
export const COALESCE_MINUTES = 10
/** The morning digest goes at this hour (UTC: 7am in winter, 8am in summer), before surgeries start. */
export const DIGEST_HOUR_UTC = 7

/** The milestones a referrer is told about, in the words the email uses. Every other step waits for one. */
export const MILESTONE_WORDS: Partial<Record<BusinessStatus, string>> = {
  allocated: 'accepted and allocated to a link worker',
  'declined-by-service': 'declined by the service (the message back says why)',
  redirected: 'redirected to another service',
  'first-contact-made': 'the link worker has made first contact',
  'plan-agreed': 'a personalised plan has been agreed',
  closed: 'support has ended; the message back is ready',
  'declined-by-person': 'the person decided not to take up support; the message back is ready',
  'could-not-contact': 'the service could not make contact; the message back is ready',
}

export function isMilestone(status: BusinessStatus): boolean {
  return MILESTONE_WORDS[status] !== undefined
}

/** When a queued update falls due: after the coalescing window, or at the next morning digest. */
export function dueAtFor(frequency: UpdateFrequency, now: Date): Date {
  if (frequency === 'immediate') return new Date(now.getTime() + COALESCE_MINUTES * 60_000)
  const next = new Date(now)
  next.setUTCHours(DIGEST_HOUR_UTC, 0, 0, 0)
  if (next <= now) next.setUTCDate(next.getUTCDate() + 1)
  return next
}

export interface DueUpdate {
  reference: string
  referralId: string
  serviceName: string
  milestone: BusinessStatus
}

/** One email for one referrer: each referral's latest milestone and a link to sign in and read it. */
export function referrerUpdateEmail(
  updates: readonly DueUpdate[],
  publicUrl: string,
): { subject: string; text: string } {
  const only = updates.length === 1 ? updates[0] : undefined
  const lines = updates.map(
    (u) =>
      `- ${u.reference} (${u.serviceName}): ${MILESTONE_WORDS[u.milestone] ?? 'updated'}\n  ${publicUrl}/my-referrals/${u.referralId}`,
  )
  return {
    subject: only
      ? `Referral ${only.reference}: ${MILESTONE_WORDS[only.milestone] ?? 'updated'}`
      : `Updates on ${updates.length} of your referrals`,
    text:
      `${only ? 'A referral you made has moved on' : 'Referrals you made have moved on'}:\n\n${lines.join('\n')}\n\n` +
      `Sign in to see the history and any message back. To change how often you hear, go to ${publicUrl}/my-referrals/settings\n`,
  }
}

/**
 * Who an update goes to and how: the referrer by email, or a self-referrer who asked to hear, by email or text.
 * For 'person-text' the queued recipient is the mobile number.
 */
export const UPDATE_CHANNELS = ['referrer-email', 'person-email', 'person-text'] as const
export type UpdateChannel = (typeof UPDATE_CHANNELS)[number]
export function isUpdateChannel(value: unknown): value is UpdateChannel {
  return typeof value === 'string' && (UPDATE_CHANNELS as readonly string[]).includes(value)
}

/**
 * What a person who referred themselves is told, in their words. Only the steps they would not otherwise know of:
 * they were there when first contact was made or a plan agreed. Never their name or anything about their health.
 */
export const PERSON_MILESTONE_WORDS: Partial<Record<BusinessStatus, string>> = {
  allocated: 'a link worker now has your request and will contact you soon.',
  'declined-by-service': 'the service is not able to help with your request. Contact it if you would like to know why.',
  redirected: 'your request has been passed to another service, which will contact you.',
  'could-not-contact':
    'we tried to contact you but could not reach you. Contact the service if you still want support.',
}

export function isPersonMilestone(status: BusinessStatus): boolean {
  return PERSON_MILESTONE_WORDS[status] !== undefined
}

/** One update for a self-referrer (by email or text): the reference, the service and the latest step. */
export function personUpdateMessage(update: DueUpdate): { subject: string; text: string } {
  return {
    subject: `Your request ${update.reference} to ${update.serviceName}`,
    text: `Your request ${update.reference} to ${update.serviceName}: ${PERSON_MILESTONE_WORDS[update.milestone] ?? 'it has been updated.'}`,
  }
}
