// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { areas, organisations, users } from '../identity/identity.table.ts'

// The directory is the Open Referral UK 3.0 model (HSDS-UK-3.0) with its field names, so import and export
// stay honest. Table names carry a `directory_` prefix (we already have `organisations`); column names are
// the ORUK field names in snake_case. The directory belongs to an area, not to one organisation: `area_id`
// is the first column of every primary and unique key (ADR 0004), and every query filters by it.
//
// Exception, on purpose: `directory_taxonomies` and `directory_taxonomy_terms` are shared vocabularies (five
// ways to wellbeing, needs, LGA service types) used by every area, like `areas` itself. They have no area_id
// and become reference tables under Citus. Their ids are uuid v5 of the term URI, so they are the same
// everywhere.
//
// Times in schedules are local UK wall-clock times (`time` without zone); the ORUK API adds the zone.

const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
})

/** A point on the earth (the earthdistance extension's cube), for indexed distance searches. */
const earthPoint = customType<{ data: string }>({
  dataType: () => 'cube',
})

/** Columns every imported record carries: where it came from, so a re-import updates rather than duplicates. */
function sourceColumns() {
  return {
    /** The feed a record was imported from (its base URL or file name); null for records made here. */
    sourceFeed: text(),
    /** The record's id in that feed. */
    sourceId: text(),
  }
}

function timestamps() {
  return {
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  }
}

export const directoryOrganizations = pgTable(
  'directory_organizations',
  {
    areaId: uuid()
      .notNull()
      .references(() => areas.id),
    id: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    alternateName: text(),
    description: text().notNull().default(''),
    email: text(),
    website: text(),
    logo: text(),
    uri: text(),
    parentOrganizationId: uuid(),
    /** Extension: an accredited provider (Luton's scheme: safeguarding, insurance and governance checked). */
    accreditedProvider: boolean().notNull().default(false),
    /** Extension: may appear in the open ORUK feed. */
    public: boolean().notNull().default(true),
    /** Extension: the Waymark organisation (a community provider with accounts) that runs it, set by an editor. */
    providerOrganisationId: uuid().references(() => organisations.id),
    ...sourceColumns(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.areaId, t.id] }),
    index('directory_organizations_provider_idx')
      .on(t.areaId, t.providerOrganisationId)
      .where(sql`${t.providerOrganisationId} is not null`),
    uniqueIndex('directory_organizations_source_key')
      .on(t.areaId, t.sourceFeed, t.sourceId)
      .where(sql`${t.sourceId} is not null`),
    index('directory_organizations_name_idx').on(t.areaId, sql`lower(${t.name})`),
  ],
)

export const directoryOrganizationIdentifiers = pgTable(
  'directory_organization_identifiers',
  {
    areaId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    organizationId: uuid().notNull(),
    identifierScheme: text(),
    identifierType: text().notNull(),
    identifier: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.areaId, t.id] }),
    index('directory_organization_identifiers_org_idx').on(t.areaId, t.organizationId),
  ],
)

export const SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const
export const WELCOME_VALUES = ['open', 'invitation-only'] as const
/** Gravity SDOHCC temporary codes for capacity. */
export const CAPACITY_CODES = ['capacity', 'waitlist', 'no-capacity'] as const
export const HOW_TO_JOIN_VALUES = ['signpost', 'direct-referral', 'accompany-first-visit'] as const

export const directoryServices = pgTable(
  'directory_services',
  {
    areaId: uuid()
      .notNull()
      .references(() => areas.id),
    id: uuid().notNull().defaultRandom(),
    organizationId: uuid().notNull(),
    name: text().notNull(),
    alternateName: text(),
    description: text().notNull().default(''),
    url: text(),
    email: text(),
    status: text().notNull().default('active'),
    interpretationServices: text(),
    applicationProcess: text(),
    feesDescription: text(),
    eligibilityDescription: text(),
    accreditations: text(),
    minimumAge: smallint(),
    maximumAge: smallint(),
    /** When the listing was last confirmed true, and by whom (ORUK assurer_email plus our name and user). */
    assuredDate: date({ mode: 'string' }),
    assurerEmail: text(),
    assurerName: text(),
    alert: text(),
    lastModified: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    // Extensions for link workers.
    welcome: text().notNull().default('open'),
    suitableForComplexNeeds: boolean().notNull().default(false),
    capacity: text().notNull().default('capacity'),
    /** Extension: how many new people a month the group can welcome (the seeds warn against swamping groups). */
    monthlyPlaces: smallint(),
    howToJoin: text().notNull().default('signpost'),
    public: boolean().notNull().default(true),
    /** Bumped on every approved change; provider drafts are checked against it (optimistic locking). */
    version: integer().notNull().default(1),
    ...sourceColumns(),
    /** Ranked full-text search: name weighs most, then the other names, then the description. */
    searchVector: tsvector()
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english'::regconfig, coalesce(name, '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(alternate_name, '')), 'B') || setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'C')`,
      ),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.areaId, t.id] }),
    uniqueIndex('directory_services_source_key')
      .on(t.areaId, t.sourceFeed, t.sourceId)
      .where(sql`${t.sourceId} is not null`),
    index('directory_services_org_idx').on(t.areaId, t.organizationId),
    index('directory_services_search_idx').using('gin', t.searchVector),
    index('directory_services_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    index('directory_services_assured_idx').on(t.areaId, t.assuredDate),
    index('directory_services_modified_idx').on(t.areaId, t.lastModified),
    check('directory_services_status_check', sql`${t.status} in ('active','inactive','defunct','temporarily closed')`),
    check('directory_services_welcome_check', sql`${t.welcome} in ('open','invitation-only')`),
    check('directory_services_monthly_places_check', sql`${t.monthlyPlaces} between 1 and 1000`),
    check('directory_services_capacity_check', sql`${t.capacity} in ('capacity','waitlist','no-capacity')`),
    check(
      'directory_services_how_to_join_check',
      sql`${t.howToJoin} in ('signpost','direct-referral','accompany-first-visit')`,
    ),
  ],
)

export const LOCATION_TYPES = ['physical', 'postal', 'virtual'] as const

export const directoryLocations = pgTable(
  'directory_locations',
  {
    areaId: uuid()
      .notNull()
      .references(() => areas.id),
    id: uuid().notNull().defaultRandom(),
    organizationId: uuid(),
    locationType: text().notNull().default('physical'),
    url: text(),
    name: text(),
    alternateName: text(),
    description: text(),
    transportation: text(),
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    externalIdentifier: text(),
    externalIdentifierType: text(),
    public: boolean().notNull().default(true),
    ...sourceColumns(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.areaId, t.id] }),
    uniqueIndex('directory_locations_source_key')
      .on(t.areaId, t.sourceFeed, t.sourceId)
      .where(sql`${t.sourceId} is not null`),
    // "Within N km": earth_box(ll_to_earth(centre), radius) @> ll_to_earth(lat, long) uses this index.
    index('directory_locations_earth_idx')
      .using('gist', sql`ll_to_earth(${t.latitude}, ${t.longitude})`)
      .where(sql`${t.latitude} is not null and ${t.longitude} is not null`),
    check('directory_locations_type_check', sql`${t.locationType} in ('physical','postal','virtual')`),
  ],
)

export const directoryServiceAtLocations = pgTable(
  'directory_service_at_locations',
  {
    areaId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    serviceId: uuid().notNull(),
    locationId: uuid().notNull(),
    description: text(),
    ...sourceColumns(),
    /**
     * The location's point (ll_to_earth of its latitude and longitude), copied here by triggers so that
     * "services within N km" is one indexed scan of this table. Never written by application code.
     */
    earth: earthPoint(),
  },
  (t) => [
    primaryKey({ columns: [t.areaId, t.id] }),
    uniqueIndex('directory_service_at_locations_pair_key').on(t.areaId, t.serviceId, t.locationId),
    index('directory_service_at_locations_location_idx').on(t.areaId, t.locationId),
    index('directory_service_at_locations_earth_idx')
      .using('gist', t.earth)
      .where(sql`${t.earth} is not null`),
  ],
)

export const ADDRESS_TYPES = ['physical', 'postal', 'virtual'] as const

export const directoryAddresses = pgTable(
  'directory_addresses',
  {
    areaId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    locationId: uuid().notNull(),
    attention: text(),
    address1: text().notNull(),
    address2: text(),
    city: text().notNull(),
    region: text(),
    stateProvince: text().notNull().default(''),
    postalCode: text().notNull(),
    country: text().notNull().default('GB'),
    addressType: text().notNull().default('physical'),
  },
  (t) => [
    primaryKey({ columns: [t.areaId, t.id] }),
    index('directory_addresses_location_idx').on(t.areaId, t.locationId),
    index('directory_addresses_postcode_idx').on(t.areaId, t.postalCode),
  ],
)

export const directoryContacts = pgTable(
  'directory_contacts',
  {
    areaId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    organizationId: uuid(),
    serviceId: uuid(),
    serviceAtLocationId: uuid(),
    locationId: uuid(),
    name: text(),
    title: text(),
    department: text(),
    email: text(),
    /** Extension: this contact receives the provider's update links and freshness reminders. */
    isListingContact: boolean().notNull().default(false),
    public: boolean().notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.areaId, t.id] }),
    index('directory_contacts_service_idx').on(t.areaId, t.serviceId),
    index('directory_contacts_organization_idx').on(t.areaId, t.organizationId),
  ],
)

export const directoryPhones = pgTable(
  'directory_phones',
  {
    areaId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    locationId: uuid(),
    serviceId: uuid(),
    organizationId: uuid(),
    contactId: uuid(),
    serviceAtLocationId: uuid(),
    number: text().notNull(),
    extension: text(),
    type: text(),
    description: text(),
  },
  (t) => [
    primaryKey({ columns: [t.areaId, t.id] }),
    index('directory_phones_service_idx').on(t.areaId, t.serviceId),
    index('directory_phones_contact_idx').on(t.areaId, t.contactId),
  ],
)

export const SCHEDULE_FREQUENCIES = ['WEEKLY', 'MONTHLY'] as const

export const directorySchedules = pgTable(
  'directory_schedules',
  {
    areaId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    serviceId: uuid(),
    locationId: uuid(),
    serviceAtLocationId: uuid(),
    validFrom: date({ mode: 'string' }),
    validTo: date({ mode: 'string' }),
    dtstart: date({ mode: 'string' }),
    timezone: integer(),
    until: date({ mode: 'string' }),
    count: integer(),
    wkst: text(),
    freq: text(),
    interval: integer(),
    /** RRULE BYDAY: "TU", "MO,WE", or with MONTHLY "2MO", "-1FR". */
    byday: text(),
    byweekno: text(),
    bymonthday: text(),
    byyearday: text(),
    description: text(),
    opensAt: time(),
    closesAt: time(),
    scheduleLink: text(),
    attendingType: text(),
    notes: text(),
  },
  (t) => [
    primaryKey({ columns: [t.areaId, t.id] }),
    index('directory_schedules_service_idx').on(t.areaId, t.serviceId),
    index('directory_schedules_sal_idx').on(t.areaId, t.serviceAtLocationId),
    check('directory_schedules_freq_check', sql`${t.freq} is null or ${t.freq} in ('WEEKLY','MONTHLY')`),
  ],
)

export const directoryCostOptions = pgTable(
  'directory_cost_options',
  {
    areaId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    serviceId: uuid().notNull(),
    validFrom: date({ mode: 'string' }),
    validTo: date({ mode: 'string' }),
    option: text(),
    currency: text().default('GBP'),
    amount: numeric({ precision: 10, scale: 2, mode: 'number' }),
    amountDescription: text(),
  },
  (t) => [
    primaryKey({ columns: [t.areaId, t.id] }),
    index('directory_cost_options_service_idx').on(t.areaId, t.serviceId),
  ],
)

export const directoryServiceAreas = pgTable(
  'directory_service_areas',
  {
    areaId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    serviceId: uuid(),
    serviceAtLocationId: uuid(),
    name: text(),
    description: text(),
    extent: text(),
    extentType: text(),
    uri: text(),
  },
  (t) => [
    primaryKey({ columns: [t.areaId, t.id] }),
    index('directory_service_areas_service_idx').on(t.areaId, t.serviceId),
  ],
)

export const directoryLanguages = pgTable(
  'directory_languages',
  {
    areaId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    serviceId: uuid(),
    locationId: uuid(),
    phoneId: uuid(),
    name: text(),
    /** ISO 639 code, e.g. "en", "pl". */
    code: text(),
    note: text(),
  },
  (t) => [
    primaryKey({ columns: [t.areaId, t.id] }),
    index('directory_languages_service_idx').on(t.areaId, t.serviceId),
  ],
)

export const directoryAccessibility = pgTable(
  'directory_accessibility',
  {
    areaId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    locationId: uuid().notNull(),
    description: text(),
    details: text(),
    url: text(),
  },
  (t) => [
    primaryKey({ columns: [t.areaId, t.id] }),
    index('directory_accessibility_location_idx').on(t.areaId, t.locationId),
  ],
)

export const directoryFunding = pgTable(
  'directory_funding',
  {
    areaId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    organizationId: uuid(),
    serviceId: uuid(),
    source: text(),
  },
  (t) => [primaryKey({ columns: [t.areaId, t.id] }), index('directory_funding_service_idx').on(t.areaId, t.serviceId)],
)

/** Shared vocabularies (no area: see the note at the top). */
export const directoryTaxonomies = pgTable(
  'directory_taxonomies',
  {
    id: uuid().primaryKey(),
    name: text().notNull(),
    description: text().notNull().default(''),
    uri: text().notNull(),
    version: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('directory_taxonomies_uri_key').on(t.uri)],
)

export const directoryTaxonomyTerms = pgTable(
  'directory_taxonomy_terms',
  {
    id: uuid().primaryKey(),
    taxonomyId: uuid()
      .notNull()
      .references(() => directoryTaxonomies.id),
    /** The term's code within its taxonomy (ORUK `code`), e.g. "connect" or "298". */
    code: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(''),
    parentId: uuid(),
    /** ORUK `taxonomy`: the taxonomy's name as free text, kept for feeds that send only that. */
    taxonomy: text(),
    language: text(),
    termUri: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('directory_taxonomy_terms_code_key').on(t.taxonomyId, t.code),
    index('directory_taxonomy_terms_uri_idx').on(t.termUri),
  ],
)

/**
 * ORUK attributes link a record (service, location, organisation…) to a taxonomy term. Services carry their
 * needs, ways to wellbeing, service types and accessibility features this way.
 */
export const directoryAttributes = pgTable(
  'directory_attributes',
  {
    areaId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    linkId: uuid().notNull(),
    taxonomyTermId: uuid().notNull(),
    /** What the term says about the record, e.g. "need", "way-to-wellbeing", "service-type". */
    linkType: text(),
    /** The kind of record linked: "service", "location", "organization". */
    linkEntity: text().notNull().default('service'),
    value: text(),
    label: text(),
  },
  (t) => [
    primaryKey({ columns: [t.areaId, t.id] }),
    uniqueIndex('directory_attributes_link_term_key').on(t.areaId, t.linkId, t.taxonomyTermId),
    index('directory_attributes_term_idx').on(t.areaId, t.taxonomyTermId, t.linkId),
  ],
)

/**
 * Postcodes from the ONS Postcode Directory (Open Government Licence): national reference data, no area.
 * `postcode` is normalised ("AB10 1AA"). The ll_to_earth index makes "postcodes within N km" fast too.
 */
export const postcodes = pgTable(
  'postcodes',
  {
    postcode: text().primaryKey(),
    latitude: doublePrecision().notNull(),
    longitude: doublePrecision().notNull(),
    /** Index of Multiple Deprivation rank of the postcode's small area (1 = most deprived) in its nation. */
    imdRank: integer(),
    /** 1 (most deprived tenth) to 10, within the postcode's own nation's index. */
    imdDecile: smallint(),
    /** ONS code of the local authority district, e.g. S12000033 (Aberdeen City). */
    localAuthorityCode: text(),
    /** ONS code of the country, e.g. S92000003 (Scotland). */
    countryCode: text(),
    /** When the postcode stopped being used (still found, so old addresses resolve; flagged to the user). */
    terminatedOn: date({ mode: 'string' }),
  },
  (t) => [index('postcodes_earth_idx').using('gist', sql`ll_to_earth(${t.latitude}, ${t.longitude})`)],
)

// ---------------------------------------------------------------------------------------------------------
// Our own tables around the ORUK model: history, provider links, freshness, signposting and feedback.

/** Every approved state of a listing (a JSON snapshot), plus drafts from providers waiting for approval. */
export const directoryServiceVersions = pgTable(
  'directory_service_versions',
  {
    areaId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    serviceId: uuid().notNull(),
    /** approved | pending | rejected */
    state: text().notNull(),
    /** The listing's version number this snapshot is (approved) or was based on (pending/rejected). */
    baseVersion: integer().notNull(),
    snapshot: jsonb().notNull(),
    /** staff | provider | import | system */
    source: text().notNull(),
    submittedByUserId: uuid().references(() => users.id),
    submittedByEmail: text(),
    decidedByUserId: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.areaId, t.id] }),
    index('directory_service_versions_service_idx').on(t.areaId, t.serviceId, t.createdAt),
    index('directory_service_versions_pending_idx')
      .on(t.areaId, t.createdAt)
      .where(sql`${t.state} = 'pending'`),
    check('directory_service_versions_state_check', sql`${t.state} in ('approved','pending','rejected')`),
  ],
)

/** Signed, expiring links sent to a listing's contact. Only the SHA-256 of the token is stored. */
export const directoryProviderLinks = pgTable(
  'directory_provider_links',
  {
    areaId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    serviceId: uuid().notNull(),
    tokenHash: text().notNull(),
    sentTo: text().notNull(),
    /** staff | freshness-job */
    reason: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.areaId, t.id] }),
    uniqueIndex('directory_provider_links_token_key').on(t.areaId, t.tokenHash),
    index('directory_provider_links_token_idx').on(t.tokenHash),
    index('directory_provider_links_service_idx').on(t.areaId, t.serviceId, t.createdAt),
  ],
)

/**
 * Active signposting: a link worker gave a person a sheet of services. No person record is needed; the
 * person is named by initials or a reference, and the email address (if any) is not kept.
 */
export const directorySignpostings = pgTable(
  'directory_signpostings',
  {
    areaId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    /** The organisation of the person who signposted (for reporting by organisation). */
    organisationId: uuid().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    personLabel: text(),
    /** Need codes (taxonomy term codes from the needs list). */
    needs: text().array().notNull(),
    serviceIds: uuid().array().notNull(),
    note: text(),
    emailedAt: timestamp({ withTimezone: true }),
    /** A form token, so a retried submission never records twice. */
    idempotencyKey: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.areaId, t.id] }),
    uniqueIndex('directory_signpostings_idempotency_key').on(t.areaId, t.idempotencyKey),
    index('directory_signpostings_org_idx').on(t.areaId, t.organisationId, t.createdAt),
  ],
)

/** How a connection went, from a link worker (staff) or the person (public link). */
export const directoryFeedback = pgTable(
  'directory_feedback',
  {
    areaId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    serviceId: uuid().notNull(),
    /** link-worker | person */
    source: text().notNull(),
    userId: uuid().references(() => users.id),
    welcoming: boolean(),
    wouldRecommend: boolean(),
    comment: text(),
    idempotencyKey: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.areaId, t.id] }),
    uniqueIndex('directory_feedback_idempotency_key').on(t.areaId, t.idempotencyKey),
    index('directory_feedback_service_idx').on(t.areaId, t.serviceId, t.createdAt),
    check('directory_feedback_source_check', sql`${t.source} in ('link-worker','person')`),
  ],
)
