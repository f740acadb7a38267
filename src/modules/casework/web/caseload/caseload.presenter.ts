// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  COMPLEXITY_LEVELS,
  entryDueState,
  nextDue,
  PATHWAY_SHORT_LABELS,
  type CaseloadEntry,
  type DueState,
} from '../../casework.ts'
import { dueReminders } from '../../reminders.ts'

const DUE_TAGS: Record<DueState, { text: string; classes: string } | null> = {
  overdue: { text: 'Overdue', classes: 'nhsuk-tag--red' },
  today: { text: 'Due today', classes: 'nhsuk-tag--orange' },
  soon: { text: 'This week', classes: 'nhsuk-tag--yellow' },
  later: null,
  none: null,
  paused: { text: 'Paused', classes: 'nhsuk-tag--grey' },
}

const DUE_WHAT = { 'first-contact': 'First contact', contact: 'Next contact', review: 'Review' } as const

/** One caseload row as the page shows it. */
export function presentCaseloadRow(entry: CaseloadEntry, today: string, alerts?: { noContactAlertWeeks: number }) {
  const e = entry.episode
  const due = nextDue(entry)
  const state = entryDueState(entry, today)
  const flags: { text: string; classes: string }[] = []
  if (entry.safeguarding) flags.push({ text: 'Safeguarding', classes: 'nhsuk-tag--red' })
  if (entry.loneWorking) flags.push({ text: 'Lone working risk', classes: 'nhsuk-tag--red' })
  if (entry.otherRisk) flags.push({ text: 'Other risk', classes: 'nhsuk-tag--orange' })
  if (entry.urgent) flags.push({ text: 'Urgent', classes: 'nhsuk-tag--orange' })
  // The same rule as the daily reminder email, so the tag and the email agree.
  const reminders = e && alerts ? dueReminders(e, today, alerts, entry.status === 'on-hold') : []
  if (reminders.some((r) => r.kind === 'no-contact'))
    flags.push({ text: `No contact for ${alerts!.noContactAlertWeeks} weeks`, classes: 'nhsuk-tag--yellow' })
  if (reminders.some((r) => r.kind === 'follow-up')) flags.push({ text: 'Follow-up due', classes: 'nhsuk-tag--blue' })
  return {
    href: `/caseload/${entry.referralId}`,
    personName: entry.personName,
    reference: entry.reference,
    opened: e !== null,
    pathway: e ? PATHWAY_SHORT_LABELS[e.pathway] : 'Not yet opened',
    complexity: e?.complexity && COMPLEXITY_LEVELS.includes(e.complexity) ? `Level ${e.complexity}` : 'Not assessed',
    contacts: e ? `${e.contactsUsed} of ${e.contactAllowance}` : '0',
    overAllowance: e ? e.contactsUsed >= e.contactAllowance : false,
    dueWhat: DUE_WHAT[due.what],
    dueOn: due.on,
    dueTag: DUE_TAGS[state],
    paused: entry.status === 'on-hold',
    flags,
  }
}
