// SPDX-License-Identifier: AGPL-3.0-or-later
// Closing an episode of support: the reasons, and how each becomes the referral's outcome and the message
// back to the GP and referrer.
import type { ReferralChange } from '../referrals/index.ts'
import type { Episode } from './casework.ts'

export const CLOSE_REASONS = [
  'goals-met',
  'connected-independent',
  'declined-further-support',
  'lost-contact',
  'moved-away',
  'died',
  'other',
] as const
export type CloseReason = (typeof CLOSE_REASONS)[number]
export const CLOSE_REASON_LABELS: Record<CloseReason, string> = {
  'goals-met': 'Goals met',
  'connected-independent': 'Connected and independent',
  'declined-further-support': 'Declined further support',
  'lost-contact': 'Lost contact after several attempts',
  'moved-away': 'Moved away',
  died: 'Died',
  other: 'Another reason',
}
export function isCloseReason(value: string): value is CloseReason {
  return (CLOSE_REASONS as readonly string[]).includes(value)
}

export const CLOSING_SUMMARY_MAX = 2000
export const CONNECTED_TO_MAX = 1000

export interface Closing {
  reason: CloseReason
  /** Written for the GP and referrer: it is the message back's outcomes text. */
  summary: string
  connectedTo: string
  closedOn: string
  /** For each group the person started going to: are they still going? (Recorded by the connections module.) */
  stillAttending?: Record<string, StillAttendingAnswer>
}

export const STILL_ATTENDING_ANSWERS = ['yes', 'no', 'unknown'] as const
export type StillAttendingAnswer = (typeof STILL_ATTENDING_ANSWERS)[number]
export const STILL_ATTENDING_ANSWER_LABELS: Record<StillAttendingAnswer, string> = {
  yes: 'Yes, still going',
  no: 'No, stopped going',
  unknown: 'Not known',
}

/** A group the close form asks "still going?" about. */
export interface StillAttendingQuestion {
  connectionId: string
  serviceName: string
}

/**
 * The first sentence of the message back's outcomes, saying plainly why support ended. The referral's own
 * "what happened" line is neutral ("supported … and the referral is now closed"), so the reason carries the
 * news, and a death is stated factually, never as a success.
 */
export const CLOSE_REASON_SENTENCES: Record<CloseReason, string> = {
  'goals-met': 'Support ended because the person met the goals in their plan.',
  'connected-independent':
    'Support ended because the person is connected to what they need and is managing independently.',
  'declined-further-support': 'The person decided not to continue with support.',
  'lost-contact': 'Support ended because we lost contact with the person after several attempts.',
  'moved-away': 'Support ended because the person moved away from the area.',
  died: 'Support ended because the person died.',
  other: 'Support ended.',
}

/**
 * The referral change that closing makes: the person declining and losing contact have their own coded
 * outcomes (Gravity cancelled and failed, with the summary as the reason the referrer reads); every other
 * reason completes the referral with what they were connected to and the outcomes.
 */
export function referralChangeForClosing(closing: Pick<Closing, 'reason' | 'summary' | 'connectedTo'>): ReferralChange {
  switch (closing.reason) {
    case 'declined-further-support':
      return { kind: 'declined-by-person', reason: closing.summary }
    case 'lost-contact':
      return { kind: 'could-not-contact', reason: closing.summary }
    case 'died':
      // Nothing about being "connected" in a death's message back, whatever was typed.
      return { kind: 'close', connectedTo: '', outcomes: `${CLOSE_REASON_SENTENCES.died} ${closing.summary}` }
    case 'goals-met':
    case 'connected-independent':
    case 'moved-away':
    case 'other':
      return {
        kind: 'close',
        connectedTo: closing.connectedTo,
        outcomes: `${CLOSE_REASON_SENTENCES[closing.reason]} ${closing.summary}`,
      }
  }
}

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
const longDate = (isoDate: string): string => LONG_DATE.format(new Date(`${isoDate}T00:00:00Z`))

/**
 * "What was done", for the message back: who supported the person, from when to when, how many contacts, and
 * when a plan was agreed. Facts from the episode only; the link worker's own words are the summary.
 */
export function whatWasDone(
  episode: Pick<Episode, 'contactsUsed' | 'firstContactOn' | 'openedOn' | 'planAgreedOn'>,
  closedOn: string,
  workerName: string,
): string {
  const contacts = episode.contactsUsed
  if (contacts === 0 || !episode.firstContactOn)
    return `${workerName} tried to reach the person between ${longDate(episode.openedOn)} and ${longDate(closedOn)}; no contact was made.`
  const plan = episode.planAgreedOn
    ? ` They agreed a personalised plan on ${longDate(episode.planAgreedOn)}.`
    : ' No personalised plan was agreed.'
  return (
    `${workerName} supported them from ${longDate(episode.firstContactOn)} to ${longDate(closedOn)}, ` +
    `in ${contacts} ${contacts === 1 ? 'contact' : 'contacts'}.${plan}`
  )
}
