// SPDX-License-Identifier: AGPL-3.0-or-later
// Risk and safeguarding flags on a person: what anyone about to contact or visit them must know first.

/**
 * The kinds of flag. The product names safeguarding and lone-working risk (someone visiting alone could be
 * at risk); anything else ("aggressive dog", "do not visit alone after dark") is an other risk in words.
 */
export const FLAG_KINDS = ['safeguarding', 'lone-working', 'other-risk'] as const
export type FlagKind = (typeof FLAG_KINDS)[number]
export const FLAG_KIND_LABELS: Record<FlagKind, string> = {
  safeguarding: 'Safeguarding',
  'lone-working': 'Lone working risk',
  'other-risk': 'Other risk',
}
export const FLAG_KIND_HINTS: Record<FlagKind, string> = {
  safeguarding: 'A safeguarding concern has been raised about the person or someone in their home.',
  'lone-working': 'Someone visiting alone could be at risk, for example from others at the address.',
  'other-risk': 'Anything else someone contacting or visiting them must know first.',
}
export function isFlagKind(value: string): value is FlagKind {
  return (FLAG_KINDS as readonly string[]).includes(value)
}

export const FLAG_DETAILS_MAX = 1000
export const FLAG_REASON_MAX = 500

/** A flag as stored: never deleted, ended with a reason when it no longer applies. */
export interface PersonFlag {
  id: string
  personId: string
  kind: FlagKind
  details: string
  sourceKey: string | null
  raisedByName: string
  raisedAt: Date
  endedAt: Date | null
  endedByName: string | null
  endedReason: string | null
}

export interface NewFlag {
  kind: FlagKind
  details: string
  /**
   * Where the flag came from, so raising it again does nothing: `referral:<id>:<kind>` for a referral's risks,
   * `form:<key>` for the flag form (a retried submission).
   */
  sourceKey: string | null
}

/** The referral's risks as the referrals module records them (structurally, so people does not import it). */
export interface RiskStatement {
  loneWorking: boolean
  loneWorkingDetails: string
  safeguardingRaisedElsewhere: boolean
  safeguardingDetails: string
}

/** The flags a referral's stated risks become, keyed to the referral so they are raised once. */
export function flagsFromReferralRisks(referralId: string, risks: RiskStatement): NewFlag[] {
  const flags: NewFlag[] = []
  if (risks.safeguardingRaisedElsewhere)
    flags.push({
      kind: 'safeguarding',
      details: risks.safeguardingDetails.trim().slice(0, FLAG_DETAILS_MAX),
      sourceKey: `referral:${referralId}:safeguarding`,
    })
  if (risks.loneWorking)
    flags.push({
      kind: 'lone-working',
      details: risks.loneWorkingDetails.trim().slice(0, FLAG_DETAILS_MAX),
      sourceKey: `referral:${referralId}:lone-working`,
    })
  return flags
}

/** Checks a flag someone is raising; other risks must say what the risk is. Returns field → message. */
export function newFlagProblems(kind: string, details: string): Record<string, string> {
  const problems: Record<string, string> = {}
  if (!isFlagKind(kind)) problems['kind'] = 'Select the kind of flag'
  if (kind === 'other-risk' && !details) problems['details'] = 'Describe the risk'
  else if (details.length > FLAG_DETAILS_MAX)
    problems['details'] = `Details must be ${FLAG_DETAILS_MAX} characters or fewer`
  return problems
}

/** Checks the reason for ending a flag: it is required, so the history says why a risk stopped applying. */
export function endFlagProblems(reason: string): Record<string, string> {
  if (!reason) return { reason: 'Enter why the flag no longer applies' }
  if (reason.length > FLAG_REASON_MAX) return { reason: `Reason must be ${FLAG_REASON_MAX} characters or fewer` }
  return {}
}

/** Orders flags most serious first (safeguarding, lone working, other), then oldest first. */
export function sortFlags<T extends Pick<PersonFlag, 'kind' | 'raisedAt'>>(flags: readonly T[]): T[] {
  const rank = (kind: FlagKind): number => FLAG_KINDS.indexOf(kind)
  return [...flags].sort((a, b) => rank(a.kind) - rank(b.kind) || a.raisedAt.getTime() - b.raisedAt.getTime())
}

/** The kinds present among flags, most serious first, once each: what a list shows as tags. */
export function flagKindsOf(flags: readonly Pick<PersonFlag, 'kind'>[]): FlagKind[] {
  return FLAG_KINDS.filter((kind) => flags.some((f) => f.kind === kind))
}
