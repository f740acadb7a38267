// SPDX-License-Identifier: AGPL-3.0-or-later
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm'
import type { AnyScope, TxScope } from '../../platform/db/org-scope.ts'
import { queriesTogether } from '../../platform/db/queries-together.ts'
import type { Need } from '../referrals/index.ts'
import type {
  AgreementMethod,
  Barrier,
  FiveWay,
  Plan,
  PlanAction,
  PlanContent,
  PlanGoal,
  PlanService,
  PlanStatus,
  PlanSummary,
  Progress,
  Review,
} from './plan.ts'
import { actions, goalProgress, goals, plans, reviews, servicesToTry } from './plans.table.ts'
import { inTenant } from '../../platform/db/tenant.ts'

type PlanRow = typeof plans.$inferSelect

function toSummary(r: PlanRow): PlanSummary {
  return {
    id: r.id,
    episodeId: r.episodeId,
    personId: r.personId,
    version: r.version,
    status: r.status as PlanStatus,
    reviewOn: r.reviewOn ?? '',
    nextSteps: r.nextSteps,
    agreedOn: r.agreedOn,
    agreementMethod: r.agreementMethod as AgreementMethod | null,
    agreementNote: r.agreementNote,
    createdByName: r.createdByName,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    rowVersion: r.rowVersion,
  }
}

const byEpisode = (scope: AnyScope, episodeId: string) => inTenant(scope, plans, eq(plans.episodeId, episodeId))

/** Every version of the episode's plan, newest first (a plan has a handful of versions, never many). */
export async function listPlanSummaries(scope: AnyScope, episodeId: string): Promise<PlanSummary[]> {
  const rows = await scope.db.select().from(plans).where(byEpisode(scope, episodeId)).orderBy(desc(plans.version))
  return rows.map(toSummary)
}

export async function findPlanSummary(
  scope: AnyScope,
  episodeId: string,
  which: { version: number } | { status: PlanStatus } | 'latest',
): Promise<PlanSummary | undefined> {
  const condition =
    which === 'latest'
      ? undefined
      : 'version' in which
        ? eq(plans.version, which.version)
        : eq(plans.status, which.status)
  const [row] = await scope.db
    .select()
    .from(plans)
    .where(and(byEpisode(scope, episodeId), condition))
    .orderBy(desc(plans.version))
    .limit(1)
  return row ? toSummary(row) : undefined
}

/** Locks the episode's latest plan version for the rest of the transaction, so two saves cannot both apply. */
export async function lockLatestPlan(scope: TxScope, episodeId: string): Promise<PlanSummary | undefined> {
  const [row] = await scope.db
    .select()
    .from(plans)
    .where(byEpisode(scope, episodeId))
    .orderBy(desc(plans.version))
    .limit(1)
    .for('update')
  return row ? toSummary(row) : undefined
}

export async function findPlanBySubmissionKey(
  scope: AnyScope,
  submissionKey: string,
): Promise<PlanSummary | undefined> {
  const [row] = await scope.db
    .select()
    .from(plans)
    .where(inTenant(scope, plans, eq(plans.submissionKey, submissionKey)))
  return row ? toSummary(row) : undefined
}

/** The goals, actions and services of one version, in the order they were written. */
export async function loadPlanParts(
  scope: AnyScope,
  planId: string,
): Promise<Pick<PlanContent, 'goals' | 'actions' | 'services'>> {
  // At once on the pool, one after another inside a transaction (a transaction is one connection).
  const [goalRows, actionRows, serviceRows] = await queriesTogether(scope.db, [
    () =>
      scope.db
        .select()
        .from(goals)
        .where(inTenant(scope, goals, eq(goals.planId, planId)))
        .orderBy(asc(goals.position)),
    () =>
      scope.db
        .select()
        .from(actions)
        .where(inTenant(scope, actions, eq(actions.planId, planId)))
        .orderBy(asc(actions.position)),
    () =>
      scope.db
        .select()
        .from(servicesToTry)
        .where(inTenant(scope, servicesToTry, eq(servicesToTry.planId, planId)))
        .orderBy(asc(servicesToTry.position)),
  ])
  return {
    goals: goalRows.map(
      (g): PlanGoal => ({
        goalKey: g.goalKey,
        inTheirWords: g.inTheirWords,
        needs: g.needs as Need[],
        fiveWays: g.fiveWays as FiveWay[],
        barriers: g.barriers as Barrier[],
        barriersText: g.barriersText,
      }),
    ),
    actions: actionRows.map(
      (a): PlanAction => ({ goalKey: a.goalKey, what: a.what, who: a.who, byWhen: a.byWhen, done: a.done }),
    ),
    services: serviceRows.map(
      (s): PlanService => ({
        goalKey: s.goalKey,
        directoryServiceId: s.directoryServiceId,
        name: s.name,
        details: s.details,
      }),
    ),
  }
}

export async function withParts(scope: AnyScope, summary: PlanSummary): Promise<Plan> {
  return { ...summary, ...(await loadPlanParts(scope, summary.id)) }
}

/** Every goal key the episode's plans have used: a goal keeps its key only if it is one of these. */
export async function listGoalKeys(scope: AnyScope, episodeId: string): Promise<Set<string>> {
  const rows = await scope.db
    .selectDistinct({ goalKey: goals.goalKey })
    .from(goals)
    .innerJoin(plans, and(eq(plans.organisationId, goals.organisationId), eq(plans.id, goals.planId)))
    .where(inTenant(scope, goals, eq(plans.episodeId, episodeId)))
  return new Set(rows.map((r) => r.goalKey))
}

/** Inserts a version unless its submission key or version number is taken; returns the id, or undefined. */
export async function insertPlanIfNew(
  scope: TxScope,
  values: Omit<typeof plans.$inferInsert, 'organisationId'>,
): Promise<string | undefined> {
  const [row] = await scope.db
    .insert(plans)
    .values({ ...values, organisationId: scope.organisationId })
    .onConflictDoNothing()
    .returning({ id: plans.id })
  return row?.id
}

/** Changes a version if it is still at `expectedRowVersion`; returns whether it did. */
export async function updatePlan(
  scope: TxScope,
  planId: string,
  values: Partial<Omit<typeof plans.$inferInsert, 'organisationId' | 'id' | 'rowVersion'>>,
  expectedRowVersion: number,
): Promise<boolean> {
  const updated = await scope.db
    .update(plans)
    .set({ ...values, rowVersion: sql`${plans.rowVersion} + 1` })
    .where(inTenant(scope, plans, eq(plans.id, planId), eq(plans.rowVersion, expectedRowVersion)))
    .returning({ id: plans.id })
  return updated.length > 0
}

/** Marks the episode's agreed versions other than `planId` as superseded. */
export async function supersedeOtherAgreed(scope: TxScope, episodeId: string, planId: string): Promise<void> {
  await scope.db
    .update(plans)
    .set({ status: 'superseded', rowVersion: sql`${plans.rowVersion} + 1` })
    .where(and(byEpisode(scope, episodeId), eq(plans.status, 'agreed'), ne(plans.id, planId)))
}

/** Writes a version's goals, actions and services, replacing any it had (a draft being changed). */
export async function replacePlanParts(
  scope: TxScope,
  planId: string,
  content: Pick<PlanContent, 'goals' | 'actions' | 'services'>,
): Promise<void> {
  const org = scope.organisationId
  const mine = <T extends typeof goals | typeof actions | typeof servicesToTry>(table: T) =>
    and(eq(table.organisationId, org), eq(table.planId, planId))
  await scope.db.delete(actions).where(mine(actions))
  await scope.db.delete(servicesToTry).where(mine(servicesToTry))
  await scope.db.delete(goals).where(mine(goals))
  if (content.goals.length > 0)
    await scope.db
      .insert(goals)
      .values(content.goals.map((g, position) => ({ organisationId: org, planId, position, ...g })))
  if (content.actions.length > 0)
    await scope.db
      .insert(actions)
      .values(content.actions.map((a, position) => ({ organisationId: org, planId, position, ...a })))
  if (content.services.length > 0)
    await scope.db
      .insert(servicesToTry)
      .values(content.services.map((s, position) => ({ organisationId: org, planId, position, ...s })))
}

/** Marks which of a version's actions are done (by position); the others are not done. */
export async function setActionsDone(scope: TxScope, planId: string, positions: readonly number[]): Promise<void> {
  const mine = inTenant(scope, actions, eq(actions.planId, planId))
  await scope.db.update(actions).set({ done: false }).where(mine)
  if (positions.length > 0)
    await scope.db
      .update(actions)
      .set({ done: true })
      .where(and(mine, inArray(actions.position, [...positions])))
}

/** Inserts a review unless its submission key was used before; returns the new id, or undefined for a retry. */
export async function insertReviewIfNew(
  scope: TxScope,
  values: Omit<typeof reviews.$inferInsert, 'organisationId'>,
  progress: readonly { goalKey: string; progress: Progress; note: string }[],
): Promise<string | undefined> {
  const [row] = await scope.db
    .insert(reviews)
    .values({ ...values, organisationId: scope.organisationId })
    .onConflictDoNothing({ target: [reviews.organisationId, reviews.submissionKey] })
    .returning({ id: reviews.id })
  if (!row) return undefined
  if (progress.length > 0)
    await scope.db
      .insert(goalProgress)
      .values(progress.map((p) => ({ organisationId: scope.organisationId, reviewId: row.id, ...p })))
  return row.id
}

/** The episode's reviews with the progress recorded at each, newest first. */
export async function listReviews(scope: AnyScope, episodeId: string, limit = 100): Promise<Review[]> {
  const rows = await scope.db
    .select({ review: reviews, planVersion: plans.version })
    .from(reviews)
    .innerJoin(plans, and(eq(plans.organisationId, reviews.organisationId), eq(plans.id, reviews.planId)))
    .where(inTenant(scope, reviews, eq(reviews.episodeId, episodeId)))
    .orderBy(desc(reviews.reviewedOn), desc(reviews.recordedAt))
    .limit(limit)
  if (rows.length === 0) return []
  const progressRows = await scope.db
    .select()
    .from(goalProgress)
    .where(
      inTenant(
        scope,
        goalProgress,
        inArray(
          goalProgress.reviewId,
          rows.map((r) => r.review.id),
        ),
      ),
    )
  return rows.map(({ review: r, planVersion }) => ({
    id: r.id,
    planId: r.planId,
    planVersion,
    reviewedOn: r.reviewedOn,
    notes: r.notes,
    nextReviewOn: r.nextReviewOn,
    recordedByName: r.recordedByName,
    recordedAt: r.recordedAt,
    progress: progressRows
      .filter((p) => p.reviewId === r.id)
      .map((p) => ({ goalKey: p.goalKey, progress: p.progress as Progress, note: p.note })),
  }))
}
