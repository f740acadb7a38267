// SPDX-License-Identifier: AGPL-3.0-or-later
// Recording and reading outcome measures: every write in a transaction with its audit event, every read of a
// person's answers audited, and the instruments a service may ask with its content packs' wording in place.
import { appendAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import { inTransaction, type AnyScope, type OrgScope } from '../../platform/db/org-scope.ts'
import type { Case, ChangeActor } from '../casework/index.ts'
import {
  contentPackProblems,
  CURRENT_INSTRUMENTS,
  DEFAULT_INSTRUMENT_KEYS,
  findInstrument,
  isAskable,
  withContent,
  type ContentPack,
} from './catalogue.ts'
import { carriedForward, scoreAnswers, type Instrument, type Texts } from './instrument.ts'
import {
  measuresDue,
  type Measure,
  type MeasuresDue,
  type NewMeasure,
  type OutcomeSettings,
  type Timepoint,
} from './outcome.ts'
import { OutcomesError } from './outcomes.errors.ts'
import * as repo from './outcomes.repository.ts'

export const DEFAULT_FOLLOW_UP_WEEKS = 12

export const DEFAULT_OUTCOME_SETTINGS: OutcomeSettings = {
  baselineInstruments: DEFAULT_INSTRUMENT_KEYS,
  followUpInstruments: DEFAULT_INSTRUMENT_KEYS,
  followUpWeeks: DEFAULT_FOLLOW_UP_WEEKS,
}

export async function getOutcomeSettings(scope: AnyScope): Promise<OutcomeSettings> {
  return (await repo.findSettings(scope)) ?? DEFAULT_OUTCOME_SETTINGS
}

export async function saveOutcomeSettings(scope: OrgScope, values: OutcomeSettings, actor: ChangeActor): Promise<void> {
  await scope.db.transaction(async (tx) => {
    await repo.saveSettings(inTransaction(scope, tx), { ...values, updatedByName: actor.name, updatedAt: new Date() })
    await appendAuditEvent(tx, actor.audit, {
      action: 'outcomes.settings',
      recordType: 'organisation',
      recordId: scope.organisationId,
      details: {
        baseline: values.baselineInstruments.join(' '),
        followUp: values.followUpInstruments.join(' '),
        followUpWeeks: values.followUpWeeks,
      },
    })
  })
}

/** Every current instrument as this organisation sees it: with its content pack's wording where it has one. */
export async function instrumentsFor(scope: AnyScope): Promise<Instrument[]> {
  const packs = await repo.listContentPacks(scope)
  return CURRENT_INSTRUMENTS.map((i) =>
    withContent(
      i,
      packs.find((p) => p.instrument === i.key && p.version === i.version),
    ),
  )
}

/** The instrument (any version) with this organisation's wording, to show what was answered under it. */
export function instrumentWithContent(instruments: readonly Instrument[], key: string, version: number) {
  const current = instruments.find((i) => i.key === key && i.version === version)
  return current ?? findInstrument(key, version)
}

export { isAskable }

export interface EpisodeOutcomes {
  measures: Measure[]
  instruments: Instrument[]
  settings: OutcomeSettings
  due: MeasuresDue | null
}

/** The episode's measures and what is due, for its outcomes page; the read of the answers is audited. */
export async function viewOutcomes(
  scope: OrgScope,
  found: Case,
  actor: ChangeActor,
  today: string,
): Promise<EpisodeOutcomes> {
  const [measures, instruments, settings] = await Promise.all([
    repo.listForEpisode(scope, found.episode.id),
    instrumentsFor(scope),
    getOutcomeSettings(scope),
  ])
  await scope.db.transaction((tx) =>
    appendAuditEvent(tx, actor.audit, { action: 'view', recordType: 'outcomes', recordId: found.episode.id }),
  )
  return { measures, instruments, settings, due: measuresDue(found.episode.firstContactOn, measures, settings, today) }
}

/** The episode's measures without auditing, for a page that audits its own read (the episode page). */
export function listEpisodeMeasures(scope: AnyScope, episodeId: string): Promise<Measure[]> {
  return repo.listForEpisode(scope, episodeId)
}

/** A person's measures across episodes, for the person record (which audits its own read). */
export function listPersonMeasures(scope: AnyScope, personIds: readonly string[]): Promise<Measure[]> {
  return repo.listForPeople(scope, personIds)
}

/**
 * What a new questionnaire form starts with, for the link worker's form and the person's link: follow-up once this
 * instrument has a baseline, and the words of its `carryForward` items from last time (MYCaW's concerns, scored
 * again). Showing those words is a read of the person's answers, so it is audited; the timepoint alone is not.
 */
export async function newMeasureDefaults(
  scope: OrgScope,
  episodeId: string,
  instrument: Instrument,
  audit: AuditActor,
): Promise<{ timepoint: Timepoint; texts: Texts }> {
  const earlier = (await repo.listForEpisode(scope, episodeId)).filter((m) => m.instrumentKey === instrument.key)
  const texts = carriedForward(instrument, earlier)
  if (Object.keys(texts).length > 0)
    await scope.db.transaction((tx) =>
      appendAuditEvent(tx, audit, {
        action: 'view',
        recordType: 'outcomes',
        recordId: episodeId,
        details: { instrument: instrument.key, shown: 'carried-forward-texts' },
      }),
    )
  return { timepoint: earlier.some((m) => m.timepoint === 'baseline') ? 'follow-up' : 'baseline', texts }
}

export type RecordResult =
  | { ok: true; measure: Measure; created: boolean }
  | { ok: false; errors: Record<string, string> }

/**
 * Scores the answers by the instrument's rules and stores both in one row, with the audit event, once per
 * submission key. Answers the instrument refuses come back as field errors, never a 500.
 */
export async function recordMeasure(
  scope: OrgScope,
  found: Case,
  input: NewMeasure,
  actor: ChangeActor,
  now = new Date(),
): Promise<RecordResult> {
  const target = { episodeId: found.episode.id, referralId: found.referral.id, personId: found.referral.personId }
  return storeMeasure(scope, target, input, { ...actor, collectedBy: 'link-worker' }, now)
}

/** Whose measure it is: the episode, its referral and the person. */
export interface MeasureTarget {
  episodeId: string
  referralId: string
  personId: string
}

/** Stores a measure for the link worker (`recordMeasure`) or the person answering from their link. */
export async function storeMeasure(
  scope: OrgScope,
  target: MeasureTarget,
  input: NewMeasure,
  by: { audit: AuditActor; userId: string | null; name: string; collectedBy: 'link-worker' | 'person' },
  now = new Date(),
): Promise<RecordResult> {
  const { collectedBy } = by
  const instrument = (await instrumentsFor(scope)).find((i) => i.key === input.instrumentKey)
  if (!instrument) throw new OutcomesError('OUTCOMES_NOT_FOUND')
  if (!isAskable(instrument)) throw new OutcomesError('OUTCOMES_INSTRUMENT_UNAVAILABLE')
  const scored = scoreAnswers(instrument, input.answers, input.texts ?? {})
  if (!scored.ok) return scored
  const measure = await scope.db.transaction(async (tx) => {
    const inserted = await repo.insertMeasure(inTransaction(scope, tx), {
      ...target,
      instrumentKey: instrument.key,
      instrumentVersion: instrument.version,
      timepoint: input.timepoint,
      completedOn: input.completedOn,
      collectedBy,
      answers: scored.answers,
      scores: scored.scores,
      texts: scored.texts,
      submissionKey: input.submissionKey,
      recordedByUserId: by.userId,
      recordedByName: by.name,
      createdAt: now,
    })
    if (inserted)
      await appendAuditEvent(tx, by.audit, {
        action: 'outcome.record',
        recordType: 'outcome-measure',
        recordId: inserted.id,
        details: { instrument: instrument.key, version: instrument.version, timepoint: input.timepoint, collectedBy },
      })
    return inserted
  })
  if (measure) return { ok: true, measure, created: true }
  // The same form posted twice: the first one stands.
  const first = await repo.findBySubmissionKey(scope, target.episodeId, input.submissionKey)
  if (!first) throw new OutcomesError('OUTCOMES_NOT_FOUND')
  return { ok: true, measure: first, created: false }
}

/**
 * What each episode on a caseload has due, and the follow-up interval it was worked out with, in one statement
 * whatever the caseload's size (a baseline needs no setting; a follow-up needs a measure, which brings the setting).
 */
export async function measuresDueFor(
  scope: AnyScope,
  episodes: readonly { id: string; firstContactOn: string | null }[],
  today: string,
): Promise<{ due: Map<string, MeasuresDue>; followUpWeeks: number }> {
  const latest = await repo.latestByTimepoint(
    scope,
    episodes.map((e) => e.id),
  )
  const followUpWeeks = latest[0]?.followUpWeeks ?? DEFAULT_FOLLOW_UP_WEEKS
  const settings = { ...DEFAULT_OUTCOME_SETTINGS, followUpWeeks }
  const byEpisode = new Map<string, typeof latest>()
  for (const l of latest) byEpisode.set(l.episodeId, [...(byEpisode.get(l.episodeId) ?? []), l])
  const due = new Map<string, MeasuresDue>()
  for (const e of episodes) {
    const found = measuresDue(e.firstContactOn, byEpisode.get(e.id) ?? [], settings, today)
    if (found) due.set(e.id, found)
  }
  return { due, followUpWeeks }
}

/** Loads a content pack (the administrator's upload or the CLI) after checking it fits its instrument. */
export async function importContentPack(
  scope: OrgScope,
  pack: ContentPack,
  actor: { name: string; audit: AuditActor },
): Promise<{ ok: true; instrument: Instrument } | { ok: false; problems: string[] }> {
  const instrument = findInstrument(pack.instrument, pack.version)
  if (!instrument)
    return { ok: false, problems: [`There is no questionnaire ${pack.instrument} version ${pack.version}`] }
  if (instrument.licence.kind === 'open')
    return { ok: false, problems: [`${instrument.name} ships with its wording and takes no content pack`] }
  const problems = contentPackProblems(instrument, pack)
  if (problems.length > 0) return { ok: false, problems }
  await scope.db.transaction(async (tx) => {
    await repo.saveContentPack(inTransaction(scope, tx), pack, actor.name, new Date())
    await appendAuditEvent(tx, actor.audit, {
      action: 'outcomes.content-pack',
      recordType: 'organisation',
      recordId: scope.organisationId,
      details: { instrument: pack.instrument, version: pack.version },
    })
  })
  return { ok: true, instrument: withContent(instrument, pack) }
}
