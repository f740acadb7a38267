// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from 'drizzle-orm'
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { tenantColumns, tenantPrimaryKey, tenantReference, tenantUniqueIndex } from '../identity/tenancy.table.ts'
import { users } from '../identity/identity.table.ts'

// A connection hands a person to one directory service for one goal (issue 11). It belongs to the service that
// supports the person (organisation_id, ADR 0004) and to one casework episode, referenced by id (casework is read
// through its API). What the provider sees is the `shared` snapshot taken when it was sent, and only while the
// person's consent to share with providers still stands.
export const connections = pgTable(
  'connections',
  {
    ...tenantColumns(),
    episodeId: uuid().notNull(),
    referralId: uuid().notNull(),
    personId: uuid().notNull(),
    // The directory listing (its area is the organisation's) with its name copied, so the record reads the same
    // if the listing changes or goes.
    directoryServiceId: uuid().notNull(),
    serviceName: text().notNull(),
    goalKey: uuid(),
    goalText: text().notNull().default(''),
    // self-contact (nothing shared: the person gets a signposting sheet), contact, or full.
    sharing: text().notNull(),
    accompaniedBy: text().notNull(),
    firstSessionNote: text().notNull().default(''),
    status: text().notNull(),
    statusReason: text(),
    statusNote: text().notNull().default(''),
    statusChangedAt: timestamp({ withTimezone: true }).notNull(),
    submissionKey: text().notNull(),
    // What the provider may see, fixed when sent: name and contact, and (for "full") needs and what matters.
    shared: jsonb().$type<Record<string, string>>().notNull().default({}),
    providerEmail: text(),
    responseTokenHash: text(),
    responseExpiresAt: timestamp({ withTimezone: true }),
    respondedAt: timestamp({ withTimezone: true }),
    // When the group was reminded that it has not answered (once; the link worker is told later).
    nudgedAt: timestamp({ withTimezone: true }),
    // The person's own short code to check in at the group's register (Luton's smart card), unique per group.
    checkInCode: text(),
    // Asked when support ends: yes, no or not known.
    stillAttending: text(),
    createdByUserId: uuid().references(() => users.id),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    rowVersion: integer().notNull().default(1),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantUniqueIndex('connections_submission_key', t, t.episodeId, t.submissionKey),
    // The provider's link carries the organisation, so it is found within its tenant by the hash of its secret.
    tenantUniqueIndex('connections_response_token_key', t, t.responseTokenHash),
    index('connections_episode_idx').on(t.organisationId, t.episodeId, t.createdAt),
    index('connections_service_idx').on(t.organisationId, t.directoryServiceId, t.createdAt),
    // A community provider's account lists what was sent to its services, whichever service sent it.
    index('connections_provider_idx').on(t.directoryServiceId, t.createdAt),
    tenantUniqueIndex('connections_check_in_code_key', t, t.directoryServiceId, t.checkInCode),
    // The nudge job's queue: groups that have not answered yet.
    index('connections_unanswered_idx')
      .on(t.createdAt)
      .where(sql`${t.status} = 'sent' and ${t.nudgedAt} is null`),
    check('connections_sharing_check', sql`${t.sharing} in ('self-contact','contact','full')`),
    check('connections_still_attending_check', sql`${t.stillAttending} in ('yes','no','unknown')`),
    check('connections_accompanied_check', sql`${t.accompaniedBy} in ('nobody','link-worker','volunteer','peer')`),
    check(
      'connections_status_check',
      sql`${t.status} in ('proposed','sent','accepted','waiting-list','declined','started','attended','stopped')`,
    ),
  ],
)

// One session a person went to. A day is recorded once per connection, however many times a register is sent.
export const attendances = pgTable(
  'connection_attendances',
  {
    ...tenantColumns(),
    connectionId: uuid().notNull(),
    attendedOn: date({ mode: 'string' }).notNull(),
    // register (the group's link), check-in (the person's own code at the group) or link-worker.
    recordedThrough: text().notNull(),
    recordedByName: text().notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantUniqueIndex('connection_attendances_day_key', t, t.connectionId, t.attendedOn),
    tenantReference(t, t.connectionId, connections, 'connection_attendances_connection_fk'),
    check('connection_attendances_through_check', sql`${t.recordedThrough} in ('register','link-worker','check-in')`),
  ],
)

// A group's register link: one per directory service per organisation; making a new one stops the old one. It
// lists the people the service connected there who agreed to share and are accepted or going.
export const registers = pgTable(
  'connection_registers',
  {
    ...tenantColumns(),
    directoryServiceId: uuid().notNull(),
    serviceName: text().notNull(),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdByUserId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantUniqueIndex('connection_registers_service_key', t, t.directoryServiceId),
    tenantUniqueIndex('connection_registers_token_key', t, t.tokenHash),
  ],
)
