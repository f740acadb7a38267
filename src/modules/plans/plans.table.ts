// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { tenantColumns, tenantPrimaryKey, tenantReference, tenantUniqueIndex } from '../identity/tenancy.table.ts'
import { organisations, users } from '../identity/identity.table.ts'

// A personalised plan belongs to the service (organisation_id, ADR 0004) and to one casework episode, referenced
// by id (the casework module is read through its API). Plans are versioned: a change writes a new version with
// its own goals, actions and services, and the older versions stay as they were agreed.
export const plans = pgTable(
  'plans',
  {
    ...tenantColumns(),
    episodeId: uuid().notNull(),
    personId: uuid().notNull(),
    version: integer().notNull(),
    submissionKey: text().notNull(),
    // draft → agreed; an agreed version is superseded when a newer one is agreed.
    status: text().notNull(),
    reviewOn: date({ mode: 'string' }),
    nextSteps: text().notNull().default(''),
    agreedOn: date({ mode: 'string' }),
    agreementMethod: text(),
    agreementNote: text().notNull().default(''),
    createdByUserId: uuid().references(() => users.id),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    rowVersion: integer().notNull().default(1),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantUniqueIndex('plans_episode_version_key', t, t.episodeId, t.version),
    tenantUniqueIndex('plans_submission_key', t, t.submissionKey),
    index('plans_person_idx').on(t.organisationId, t.personId),
    check('plans_status_check', sql`${t.status} in ('draft','agreed','superseded')`),
  ],
)

// Goals in the person's own words. `goalKey` is the same for a goal in every version of the plan, so progress
// recorded at reviews follows the goal through changes of wording.
export const goals = pgTable(
  'plan_goals',
  {
    ...tenantColumns(),
    planId: uuid().notNull(),
    goalKey: uuid().notNull(),
    position: integer().notNull(),
    inTheirWords: text().notNull(),
    needs: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    fiveWays: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    barriers: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    barriersText: text().notNull().default(''),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantUniqueIndex('plan_goals_position_key', t, t.planId, t.position),
    tenantReference(t, t.planId, plans, 'plan_goals_plan_fk'),
  ],
)

// Who does what by when.
export const actions = pgTable(
  'plan_actions',
  {
    ...tenantColumns(),
    planId: uuid().notNull(),
    goalKey: uuid(),
    position: integer().notNull(),
    what: text().notNull(),
    who: text().notNull(),
    byWhen: date({ mode: 'string' }),
    done: boolean().notNull().default(false),
  },
  (t) => [
    tenantPrimaryKey(t),
    index('plan_actions_plan_idx').on(t.organisationId, t.planId, t.position),
    tenantReference(t, t.planId, plans, 'plan_actions_plan_fk'),
  ],
)

// Services to try: a directory service (by id, with its name copied so the plan reads the same if the listing
// changes or goes) or free text for something not in the directory.
export const servicesToTry = pgTable(
  'plan_services',
  {
    ...tenantColumns(),
    planId: uuid().notNull(),
    goalKey: uuid(),
    position: integer().notNull(),
    directoryServiceId: uuid(),
    name: text().notNull(),
    details: text().notNull().default(''),
  },
  (t) => [
    tenantPrimaryKey(t),
    index('plan_services_plan_idx').on(t.organisationId, t.planId, t.position),
    tenantReference(t, t.planId, plans, 'plan_services_plan_fk'),
  ],
)

// Reviews of the plan with the person, and the progress recorded against each goal at each review.
export const reviews = pgTable(
  'plan_reviews',
  {
    ...tenantColumns(),
    episodeId: uuid().notNull(),
    planId: uuid().notNull(),
    submissionKey: text().notNull(),
    reviewedOn: date({ mode: 'string' }).notNull(),
    notes: text().notNull().default(''),
    nextReviewOn: date({ mode: 'string' }),
    recordedByUserId: uuid().references(() => users.id),
    recordedByName: text().notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantUniqueIndex('plan_reviews_submission_key', t, t.submissionKey),
    index('plan_reviews_episode_idx').on(t.organisationId, t.episodeId, t.reviewedOn),
    tenantReference(t, t.planId, plans, 'plan_reviews_plan_fk'),
  ],
)

export const goalProgress = pgTable(
  'plan_goal_progress',
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    reviewId: uuid().notNull(),
    goalKey: uuid().notNull(),
    progress: text().notNull(),
    note: text().notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.reviewId, t.goalKey] }),
    index('plan_goal_progress_goal_idx').on(t.organisationId, t.goalKey),
    tenantReference(t, t.reviewId, reviews, 'plan_goal_progress_review_fk'),
    check(
      'plan_goal_progress_check',
      sql`${t.progress} in ('not-started','some-progress','achieved','no-longer-relevant')`,
    ),
  ],
)
