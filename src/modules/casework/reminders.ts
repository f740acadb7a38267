// SPDX-License-Identifier: AGPL-3.0-or-later
// Reminders: what is due on an episode (review, the follow-up check, no contact for a while), shared by the
// daily email and the caseload's tags so both say the same thing.
import { addDays, type Episode } from './casework.ts'

// 'urgent-contact' is keyed by the referral (not an episode: an urgent referral may not have one yet) and falls
// due the day it arrived, so each urgent referral is named once, the first morning after allocation.
export const REMINDER_KINDS = ['review', 'follow-up', 'no-contact', 'urgent-contact'] as const
export type ReminderKind = (typeof REMINDER_KINDS)[number]

export interface DueReminder {
  kind: ReminderKind
  /** The date it fell due: with the kind, it identifies the reminder, so each is sent once. */
  dueOn: string
}

/** When a person not contacted since `since` becomes a "no contact" alert. */
export function noContactDueOn(since: string, alertWeeks: number): string {
  return addDays(since, alertWeeks * 7)
}

/**
 * Reminders due today or earlier. Paused and closed episodes have none: their clocks are stopped.
 * No contact counts from the last successful contact, or from opening when there has been none.
 */
export function dueReminders(
  episode: Pick<Episode, 'nextReviewOn' | 'followUpOn' | 'lastContactOn' | 'openedOn' | 'closedOn' | 'pausedOn'>,
  today: string,
  settings: { noContactAlertWeeks: number },
  paused = episode.pausedOn !== null,
): DueReminder[] {
  if (paused || episode.closedOn) return []
  const due: DueReminder[] = []
  if (episode.nextReviewOn <= today) due.push({ kind: 'review', dueOn: episode.nextReviewOn })
  if (episode.followUpOn && episode.followUpOn <= today) due.push({ kind: 'follow-up', dueOn: episode.followUpOn })
  const noContact = noContactDueOn(episode.lastContactOn ?? episode.openedOn, settings.noContactAlertWeeks)
  if (noContact <= today) due.push({ kind: 'no-contact', dueOn: noContact })
  return due
}

export interface ReminderCounts {
  review: number
  'follow-up': number
  'no-contact': number
  'urgent-contact': number
}

/** Casework's own reminders by kind; other modules' kinds are counted by their sources. */
export function countReminders(reminders: readonly { kind: string }[]): ReminderCounts {
  const counts: ReminderCounts = { review: 0, 'follow-up': 0, 'no-contact': 0, 'urgent-contact': 0 }
  for (const r of reminders)
    if ((REMINDER_KINDS as readonly string[]).includes(r.kind)) counts[r.kind as ReminderKind] += 1
  return counts
}

/**
 * The daily digest for one link worker: counts and a link, never a person's name (like the referral
 * reminders), since email leaves the system. `others` are lines from other modules' reminder sources.
 */
export function reminderDigest(
  worker: { displayName: string },
  counts: ReminderCounts,
  alertWeeks: number,
  publicUrl: string,
  others: readonly { count: number; line: string }[] = [],
): { subject: string; text: string } {
  const lines: string[] = []
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
  if (counts['urgent-contact'])
    lines.push(
      `- ${plural(counts['urgent-contact'], 'urgent referral is', 'urgent referrals are')} waiting for a first contact: these come first`,
    )
  if (counts.review) lines.push(`- ${plural(counts.review, 'review is', 'reviews are')} due`)
  if (counts['follow-up'])
    lines.push(`- ${plural(counts['follow-up'], 'follow-up check is', 'follow-up checks are')} due`)
  if (counts['no-contact'])
    lines.push(
      `- ${plural(counts['no-contact'], 'person has', 'people have')} not been contacted for ${alertWeeks} weeks or more`,
    )
  for (const other of others) if (other.count > 0) lines.push(`- ${other.line}`)
  const total =
    counts.review +
    counts['follow-up'] +
    counts['no-contact'] +
    counts['urgent-contact'] +
    others.reduce((sum, other) => sum + other.count, 0)
  return {
    subject:
      (counts['urgent-contact'] ? 'Urgent: ' : '') +
      `Your caseload: ${plural(total, 'thing needs', 'things need')} doing`,
    text:
      `Hello ${worker.displayName},\n\n` +
      `On your caseload today:\n${lines.join('\n')}\n\n` +
      `See who needs what here:\n${publicUrl}/caseload\n`,
  }
}
