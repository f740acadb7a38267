// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'

// Reference tables (areas, organisations, users) are small and read everywhere: on Citus they become
// reference tables replicated to every node. Tenant tables carry organisation_id in every key (ADR 0004).

export const areas = pgTable('areas', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})

export const organisations = pgTable(
  'organisations',
  {
    id: uuid().primaryKey().defaultRandom(),
    areaId: uuid()
      .notNull()
      .references(() => areas.id),
    name: text().notNull(),
    type: text().notNull(),
    odsCode: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organisations_ods_code_key').on(t.odsCode),
    uniqueIndex('organisations_area_name_key').on(t.areaId, sql`lower(${t.name})`),
    check(
      'organisations_type_check',
      sql`${t.type} in ('gp-practice','primary-care-network','council','vcse','hospital-trust','ambulance-service','pharmacy','social-prescribing-service','commissioner')`,
    ),
  ],
)

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    displayName: text().notNull(),
    jobTitle: text(),
    passwordHash: text(),
    passwordChangedAt: timestamp({ withTimezone: true }),
    failedSignInCount: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    disabledAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email)],
)

// A person's account at an OpenID Connect provider (ADR 0007): the provider's issuer and its subject for them
// (never reused, unlike an email address), linked to one Waymark user the first time they sign in with it.
export const userIdentities = pgTable(
  'user_identities',
  {
    issuer: text().notNull(),
    subject: text().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index('user_identities_user_idx').on(t.userId)],
)

export const memberships = pgTable(
  'memberships',
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    roles: text().array().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index('memberships_user_idx').on(t.userId)],
)

export const invitations = pgTable(
  'invitations',
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    id: uuid().notNull().defaultRandom(),
    tokenHash: text().notNull(),
    email: text().notNull(),
    displayName: text().notNull(),
    roles: text().array().notNull(),
    invitedBy: uuid()
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex('invitations_token_key').on(t.organisationId, t.tokenHash),
    index('invitations_token_idx').on(t.tokenHash),
  ],
)

// Sessions belong to a person, not a tenant: they stay a local table on the coordinator under Citus.
// The id is the SHA-256 of the cookie token, so a leaked table cannot be replayed as cookies.
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    organisationId: uuid().references(() => organisations.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
)
