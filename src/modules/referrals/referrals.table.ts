// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { tenantColumns, tenantPrimaryKey, tenantReference, tenantUniqueIndex } from '../identity/tenancy.table.ts'
import { organisations, users } from '../identity/identity.table.ts'
import { people } from '../people/people.table.ts'
import type { ReferralClosure } from './referral.ts'

// A referral belongs to the receiving social prescribing service (organisation_id). The referring
// organisation reads its own referrals across tenants by referrer_organisation_id: an explicit, documented
// exception (see listReferralsMadeBy), served by its own index.
export const referrals = pgTable(
  'referrals',
  {
    ...tenantColumns(),
    reference: text().notNull(),
    submissionKey: text().notNull(),
    personId: uuid().notNull(),
    source: text().notNull(),
    intensity: text().notNull(),
    referrerUserId: uuid().references(() => users.id),
    referrerOrganisationId: uuid().references(() => organisations.id),
    referrerName: text().notNull(),
    referrerProfession: text(),
    referrerEmail: text(),
    referrerPhone: text(),
    needs: text().array().notNull(),
    reasonText: text().notNull().default(''),
    whatMatters: text().notNull().default(''),
    loneWorkingRisk: boolean().notNull().default(false),
    loneWorkingDetails: text().notNull().default(''),
    safeguardingRaisedElsewhere: boolean().notNull().default(false),
    safeguardingDetails: text().notNull().default(''),
    urgency: text().notNull(),
    status: text().notNull(),
    businessStatus: text().notNull(),
    statusReason: text(),
    declineReason: text(),
    redirectedToOrganisationId: uuid().references(() => organisations.id),
    ownerUserId: uuid().references(() => users.id),
    duplicateSuspected: boolean().notNull().default(false),
    // The NHS number and date of birth matched a person the service holds under another name or address: the
    // referral keeps its own person record (what the referrer typed) until a link worker confirms who it is.
    identityToConfirm: boolean().notNull().default(false),
    // A self-referrer who asked to hear how their request is going: 'email' or 'text' (null: not asked, or no).
    personUpdates: text(),
    identityMatchPersonId: uuid(),
    identityResolution: text(),
    identityResolvedAt: timestamp({ withTimezone: true }),
    identityResolvedByName: text(),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    contactTargetDate: date({ mode: 'string' }).notNull(),
    firstContactAt: timestamp({ withTimezone: true }),
    // When a community group first took the person on (the referral first reached "connected"), kept whatever
    // happened after, so the equity report counts who was connected without reading every referral's history.
    connectedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    closure: jsonb().$type<ReferralClosure>(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantUniqueIndex('referrals_reference_key', t, t.reference),
    tenantUniqueIndex('referrals_submission_key', t, t.submissionKey),
    tenantReference(t, t.personId, people),
    // The inbox: by status, newest first; the overdue queue by target date.
    index('referrals_inbox_idx').on(t.organisationId, t.status, t.receivedAt),
    index('referrals_target_idx')
      .on(t.organisationId, t.contactTargetDate)
      .where(sql`${t.firstContactAt} is null`),
    index('referrals_owner_idx').on(t.organisationId, t.ownerUserId, t.status),
    index('referrals_person_idx').on(t.organisationId, t.personId),
    index('referrals_updated_idx').on(t.organisationId, t.updatedAt),
    // "My referrals" for the referring organisation (the cross-tenant read).
    index('referrals_referrer_idx').on(t.referrerOrganisationId, t.receivedAt),
    index('referrals_reference_idx').on(t.reference),
    check(
      'referrals_status_check',
      sql`${t.status} in ('draft','requested','accepted','rejected','cancelled','in-progress','on-hold','failed','completed','entered-in-error')`,
    ),
    check(
      'referrals_reason_check',
      sql`${t.status} not in ('rejected','cancelled','on-hold','failed') or coalesce(${t.statusReason}, '') <> ''`,
    ),
    check('referrals_source_check', sql`${t.source} in ('web-form','self-referral','api')`),
    index('referrals_identity_idx')
      .on(t.organisationId, t.receivedAt)
      .where(sql`${t.identityToConfirm}`),
  ],
)

// Per service: how soon a referral must be contacted (routine and urgent, in working days) and whose bank
// holidays count. No row means the installation's default target, 2 days for urgent, England and Wales.
export const referralSettings = pgTable(
  'referral_settings',
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    country: text().notNull(),
    routineTargetWorkingDays: integer().notNull(),
    urgentTargetWorkingDays: integer().notNull(),
    updatedByName: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId] }),
    check('referral_settings_country_check', sql`${t.country} in ('england-and-wales','scotland','northern-ireland')`),
    check(
      'referral_settings_targets_check',
      sql`${t.urgentTargetWorkingDays} between 1 and 30 and ${t.routineTargetWorkingDays} between 1 and 60`,
    ),
  ],
)

// Every change to a referral, in order. visible_to_referrer marks what the referrer may read.
export const referralEvents = pgTable(
  'referral_events',
  {
    ...tenantColumns(),
    referralId: uuid().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    actorUserId: uuid().references(() => users.id),
    actorName: text().notNull(),
    fromStatus: text(),
    toStatus: text().notNull(),
    businessStatus: text().notNull(),
    reasonCode: text(),
    reasonText: text(),
    visibleToReferrer: boolean().notNull().default(true),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantReference(t, t.referralId, referrals),
    index('referral_events_referral_idx').on(t.organisationId, t.referralId, t.occurredAt),
  ],
)

// The referral form's draft, kept server-side between screens. It belongs to the referrer's organisation;
// its token is the one-time submission key, so submitting twice returns the same referral.
export const referralDrafts = pgTable(
  'referral_drafts',
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    token: text().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    submittedReferralId: uuid(),
    submittedOrganisationId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.token] }), index('referral_drafts_user_idx').on(t.userId)],
)

// Concept codes as data with effective dates (standards REQ-08): the NHSE refset replaces these without a
// code change. Reference data, not tenant data.
export const conceptCodes = pgTable(
  'concept_codes',
  {
    system: text().notNull(),
    code: text().notNull(),
    display: text().notNull(),
    purpose: text().notNull(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    effectiveTo: date({ mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.system, t.code, t.purpose] }), index('concept_codes_purpose_idx').on(t.purpose)],
)

// How often a referrer hears about their referrals' progress: 'immediate' (one email per milestone, changes
// within a few minutes coalesced) or 'daily' (one digest a morning). Per person, not per organisation.
export const referrerPreferences = pgTable('referrer_preferences', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id),
  updates: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
})

// Milestones waiting to be emailed to a referrer. One unsent row per referral and recipient: a later milestone
// before it is sent replaces the earlier one (coalescing), so a GP gets one email, not three in a minute.
export const referrerNotifications = pgTable(
  'referrer_notifications',
  {
    ...tenantColumns(),
    referralId: uuid().notNull(),
    // The referrer's email; for a self-referrer's own updates, their email or (channel 'person-text') mobile.
    recipientEmail: text().notNull(),
    channel: text().notNull().default('referrer-email'),
    recipientUserId: uuid().references(() => users.id),
    milestone: text().notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantReference(t, t.referralId, referrals),
    uniqueIndex('referrer_notifications_pending_key')
      .on(t.organisationId, t.referralId, t.recipientEmail)
      .where(sql`${t.sentAt} is null`),
    index('referrer_notifications_due_idx')
      .on(t.dueAt)
      .where(sql`${t.sentAt} is null`),
  ],
)

// A member of the public's self-referral between its screens. Found by the hash of the token in their
// browser's cookie: no account and no organisation yet (the service is one of the answers). Holds only what they
// typed about themselves; unsent drafts are deleted after a day (`deleteExpiredSelfReferralDrafts`).
export const selfReferralDrafts = pgTable(
  'self_referral_drafts',
  {
    tokenHash: text().primaryKey(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    submittedReference: text(),
    submittedServiceId: uuid().references(() => organisations.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('self_referral_drafts_updated_idx').on(t.updatedAt)],
)
