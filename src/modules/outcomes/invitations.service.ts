// SPDX-License-Identifier: AGPL-3.0-or-later
// The person answers questionnaires themselves, from a link their link worker sends by email or text message or
// prints: it names the organisation and carries a secret (ADR 0021), lasts INVITATION_DAYS, keeps what they have
// answered so far, and turns each questionnaire they finish into a measure "collected by the person". Reads and
// writes through the link are audited on the organisation's chain with the role `person-link`.
import { appendAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import { createOrgScope, inTransaction, type OrgScope, type TxScope } from '../../platform/db/org-scope.ts'
import type { EmailSender } from '../../platform/email/email.ts'
import type { TextSender } from '../../platform/notify/notify.ts'
import {
  hashSecret,
  newShortCode,
  newTenantLinkToken,
  normaliseShortCode,
  organisationOfLinkToken,
} from '../../platform/security/secrets.ts'
import { ukMobileOf } from '../../shared/uk-mobile.ts'
import type { Case, ChangeActor } from '../casework/index.ts'
import { findOrganisationById } from '../identity/index.ts'
import { describeWithdrawal, findWithdrawalFromSupport } from '../people/index.ts'
import { checkAnswers, checkTexts, type Instrument, type Texts } from './instrument.ts'
import type { Measure, Timepoint } from './outcome.ts'
import { OutcomesError } from './outcomes.errors.ts'
import * as repo from './invitations.repository.ts'
import {
  instrumentsFor,
  isAskable,
  listEpisodeMeasures,
  newMeasureDefaults,
  storeMeasure,
  type RecordResult,
} from './outcomes.service.ts'

export const INVITATION_DAYS = 28
const DAY_MS = 86_400_000
/** How many short codes to draw before giving up (each draw collides with odds of about one in 10^15 per code held). */
const SHORT_CODE_DRAWS = 5

export const SEND_VIA = ['email', 'text', 'printed'] as const
export type SendVia = (typeof SEND_VIA)[number]

export interface Invitation {
  id: string
  episodeId: string
  timepoint: Timepoint
  instrumentKeys: string[]
  expiresAt: Date
  /** Per questionnaire, the answers so far: a choice item's value, or a text item's words. */
  draft: Record<string, Record<string, number | string | null>>
  finished: string[]
  sentVia: SendVia
  createdByName: string
  createdAt: Date
}

function toInvitation(r: repo.InvitationRow): Invitation {
  return {
    id: r.id,
    episodeId: r.episodeId,
    timepoint: r.timepoint as Timepoint,
    instrumentKeys: r.instrumentKeys,
    expiresAt: r.expiresAt,
    draft: r.draft,
    finished: r.finished,
    sentVia: r.sentVia as SendVia,
    createdByName: r.createdByName,
    createdAt: r.createdAt,
  }
}

/** Why this person cannot be sent a link that way, in words for the page; undefined when they can. */
export function whyNotVia(found: Case, via: SendVia, texts: TextSender): string | undefined {
  const person = found.referral.person
  if (via === 'email') {
    if (person.contactMethodsToAvoid.includes('email')) return `${person.givenName} has asked not to be emailed`
    if (!person.email) return `There is no email address on ${person.givenName}’s record`
  }
  if (via === 'text') {
    if (texts.kind === 'none') return 'Text messages are not set up for this service yet'
    if (person.contactMethodsToAvoid.includes('text'))
      return `${person.givenName} has asked not to be contacted by text message`
    if (!ukMobileOf(person.phone)) return `There is no UK mobile number on ${person.givenName}’s record`
  }
  return undefined
}

export interface InvitationRequest {
  timepoint: Timepoint
  instrumentKeys: string[]
  via: SendVia
}

/**
 * Makes a link for the person and sends it (or returns it to print). The link holds nothing about them; the
 * email and text say only who asked and until when it works. A send that fails leaves the link unmade.
 */
export async function inviteToAnswer(
  scope: OrgScope,
  found: Case,
  request: InvitationRequest,
  actor: ChangeActor,
  senders: { email: EmailSender; texts: TextSender; publicUrl: string; serviceName: string },
  now = new Date(),
): Promise<{ url: string; invitation: Invitation; shortCode?: string }> {
  const withdrawal = await findWithdrawalFromSupport(scope, found.referral.personId)
  if (withdrawal)
    throw new OutcomesError('OUTCOMES_CANNOT_SEND', {
      refused: `${found.referral.person.givenName} ${describeWithdrawal(withdrawal)}, so nothing more is sent to them. Close their referral instead`,
    })
  const refused = whyNotVia(found, request.via, senders.texts)
  if (refused) throw new OutcomesError('OUTCOMES_CANNOT_SEND', { refused })
  const instruments = await instrumentsFor(scope)
  if (!request.instrumentKeys.every((k) => instruments.some((i) => i.key === k && isAskable(i))))
    throw new OutcomesError('OUTCOMES_INSTRUMENT_UNAVAILABLE')
  const token = newTenantLinkToken(scope.organisationId)
  const linkTo = (secret: string): string => `${senders.publicUrl.replace(/\/$/, '')}/questionnaires/${secret}`
  const url = linkTo(token)
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * DAY_MS)
  const until = expiresAt.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', timeZone: 'Europe/London' })
  const person = found.referral.person
  let shortCode: string | undefined
  const invitation = await scope.db.transaction(async (tx) => {
    const row = await repo.insertInvitation(inTransaction(scope, tx), {
      episodeId: found.episode.id,
      referralId: found.referral.id,
      personId: found.referral.personId,
      timepoint: request.timepoint,
      instrumentKeys: request.instrumentKeys,
      tokenHash: hashSecret(token),
      expiresAt,
      sentVia: request.via,
      createdByUserId: actor.userId,
      createdByName: actor.name,
      createdAt: now,
    })
    // Printed on paper, the link is a short code to type; sent, it is the full link the person taps.
    if (request.via === 'printed') shortCode = await reserveShortCode(inTransaction(scope, tx), row.id, expiresAt)
    await appendAuditEvent(tx, actor.audit, {
      action: 'outcome.invite',
      recordType: 'outcome-invitation',
      recordId: row.id,
      details: { via: request.via, timepoint: request.timepoint, instruments: request.instrumentKeys.join(' ') },
    })
    // Sent inside the transaction: if it cannot be sent, no link exists that nobody has.
    if (request.via === 'email')
      await senders.email.send({
        to: person.email,
        subject: `A few questions from ${actor.name}`,
        text:
          `Hello ${person.givenName},\n\n${actor.name}, your link worker at ${senders.serviceName}, would like to know how ` +
          `you are getting on. Please answer a few short questions here:\n\n${url}\n\nIt takes about five minutes, ` +
          `and you can stop and come back. The link works until ${until}.\n\nIf you would rather answer them with me, ` +
          `just say when we next talk.\n\n${actor.name}\nLink worker, ${senders.serviceName}\n`,
      })
    if (request.via === 'text')
      await senders.texts.send({
        to: ukMobileOf(person.phone)!,
        message: `${actor.name} from ${senders.serviceName} would like to know how you are getting on. A few short questions: ${url} (works until ${until})`,
        reference: `outcome-invitation:${row.id}`,
      })
    return toInvitation(row)
  })
  return shortCode ? { url: linkTo(shortCode), invitation, shortCode } : { url, invitation }
}

/**
 * Draws a short code no other invitation in any organisation holds. Two draws of 50 random bits colliding is
 * vanishingly rare, but a collision must be a new draw, never a failed invitation or two people's answers mixed.
 */
async function reserveShortCode(scope: TxScope, invitationId: string, expiresAt: Date): Promise<string> {
  for (let attempt = 0; attempt < SHORT_CODE_DRAWS; attempt++) {
    const code = newShortCode()
    if (await repo.insertShortCode(scope, { invitationId, shortCodeHash: hashSecret(code), expiresAt })) return code
  }
  throw new Error(`No free short code in ${SHORT_CODE_DRAWS} draws`)
}

export function listInvitations(scope: OrgScope, episodeId: string): Promise<Invitation[]> {
  return repo.listForEpisode(scope, episodeId).then((rows) => rows.map(toInvitation))
}

/** What a person's link opens: their first name, who asked, the questionnaires, and what they have done. */
export interface OpenedInvitation {
  scope: OrgScope
  invitation: Invitation & { referralId: string; personId: string }
  instruments: Instrument[]
  serviceName: string
  audit: AuditActor
}

/** Opens a link, or refuses it (expired, made up, or of an organisation that does not exist) with one 404. */
export async function openInvitation(db: Database, token: string, now = new Date()): Promise<OpenedInvitation> {
  const shortCode = normaliseShortCode(token)
  const byCode = shortCode ? await repo.findByShortCodeHash(db, hashSecret(shortCode)) : undefined
  const organisationId = byCode?.organisationId ?? organisationOfLinkToken(token)
  if (!organisationId) throw new OutcomesError('OUTCOMES_LINK_INVALID')
  const organisation = await findOrganisationById(db, organisationId)
  if (!organisation) throw new OutcomesError('OUTCOMES_LINK_INVALID')
  const scope = createOrgScope(db, organisation.id, organisation.areaId)
  const row = byCode
    ? await repo.findInvitationById(scope, byCode.invitationId)
    : await repo.findByTokenHash(scope, hashSecret(token))
  if (!row || row.expiresAt <= now) throw new OutcomesError('OUTCOMES_LINK_INVALID')
  const all = await instrumentsFor(scope)
  const audit: AuditActor = {
    userId: null,
    organisationId: organisation.id,
    role: 'person-link',
    ipAddress: null,
    correlationId: null,
  }
  return {
    scope,
    invitation: { ...toInvitation(row), referralId: row.referralId, personId: row.personId },
    instruments: row.instrumentKeys.flatMap((k) => all.find((i) => i.key === k && isAskable(i)) ?? []),
    serviceName: organisation.name,
    audit,
  }
}

/** Whether a printed short code opens a link that has not expired (the code page checks before going on). */
export async function findShortCode(db: Database, code: string, now = new Date()): Promise<boolean> {
  const row = await repo.findByShortCodeHash(db, hashSecret(code))
  return row !== undefined && row.expiresAt > now
}

/** The person's own answers over time, on their link: audited as a read through the link. */
export async function personsOwnMeasures(opened: OpenedInvitation): Promise<Measure[]> {
  const measures = await listEpisodeMeasures(opened.scope, opened.invitation.episodeId)
  await opened.scope.db.transaction((tx) =>
    appendAuditEvent(tx, opened.audit, {
      action: 'view',
      recordType: 'outcomes',
      recordId: opened.invitation.episodeId,
    }),
  )
  return measures
}

/**
 * The person's own words from the last time they answered this questionnaire (MYCaW's concerns), offered again
 * until they have a draft of their own; showing them is a read through the link, audited.
 */
export async function wordsFromLastTime(opened: OpenedInvitation, instrument: Instrument): Promise<Texts> {
  if (!instrument.items.some((i) => i.carryForward) || opened.invitation.draft[instrument.key]) return {}
  return (await newMeasureDefaults(opened.scope, opened.invitation.episodeId, instrument, opened.audit)).texts
}

/** A draft's answers split into the choice items' values (unanswered as null) and the text items' words. */
function splitAnswers(
  instrument: Instrument,
  merged: Record<string, number | string | null>,
): { choices: Record<string, number | null>; texts: Record<string, string> } {
  const choices: Record<string, number | null> = {}
  const texts: Record<string, string> = {}
  for (const i of instrument.items) {
    const value = merged[i.id]
    if (i.type === 'text') {
      if (typeof value === 'string' && value) texts[i.id] = value
    } else choices[i.id] = typeof value === 'number' ? value : null
  }
  return { choices, texts }
}

/**
 * Keeps the person's answers to one questionnaire so far; with `finish`, scores them and stores the measure
 * (once: the submission key is the invitation and the questionnaire). Answers the questionnaire refuses come
 * back as errors and nothing is kept.
 */
export async function answerFromLink(
  opened: OpenedInvitation,
  instrument: Instrument,
  answers: Record<string, number | string | null>,
  finish: boolean,
  today: string,
): Promise<RecordResult | { ok: true; saved: true }> {
  const merged = { ...(opened.invitation.draft[instrument.key] ?? {}), ...answers }
  const { choices, texts } = splitAnswers(instrument, merged)
  if (!finish) {
    const checked = checkAnswers(instrument, choices)
    const errors = { ...checkTexts(instrument, checked.answers, texts).errors, ...checked.errors }
    if (Object.keys(errors).length > 0) return { ok: false, errors }
    await opened.scope.db.transaction(async (tx) => {
      await repo.saveProgress(inTransaction(opened.scope, tx), opened.invitation.id, instrument.key, merged, false)
      await appendAuditEvent(tx, opened.audit, {
        action: 'outcome.progress',
        recordType: 'outcome-invitation',
        recordId: opened.invitation.id,
        details: { instrument: instrument.key },
      })
    })
    return { ok: true, saved: true }
  }
  const { invitation } = opened
  const result = await storeMeasure(
    opened.scope,
    { episodeId: invitation.episodeId, referralId: invitation.referralId, personId: invitation.personId },
    {
      instrumentKey: instrument.key,
      timepoint: invitation.timepoint,
      completedOn: today,
      answers: choices,
      texts,
      submissionKey: `invitation:${invitation.id}:${instrument.key}`,
    },
    { audit: opened.audit, userId: null, name: 'Answered by the person', collectedBy: 'person' },
  )
  if (result.ok)
    await opened.scope.db.transaction((tx) =>
      repo.saveProgress(inTransaction(opened.scope, tx), invitation.id, instrument.key, { ...choices, ...texts }, true),
    )
  return result
}
