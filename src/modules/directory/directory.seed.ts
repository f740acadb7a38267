// SPDX-License-Identifier: AGPL-3.0-or-later
import { fileURLToPath } from 'node:url'
import { and, eq, sql } from 'drizzle-orm'
import { appendAuditEvent } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import { ukNow } from './schedules.ts'
import { insertFeedback } from './signposting.repository.ts'
import { insertOrganization } from './organizations.repository.ts'
import { writeListing } from './directory.repository.ts'
import { insertVersion } from './versions.repository.ts'
import type { ListingSnapshot } from './listing-snapshot.service.ts'
import { directoryServices, postcodes } from './directory.table.ts'
import { importPostcodesFromCsv } from './postcodes.service.ts'
import { ensureReferenceTaxonomies } from './taxonomy.service.ts'

/** Aberdeen postcodes derived from the ONS Postcode Directory extract (see data/SOURCE.md). */
export const DEMO_POSTCODES_CSV = fileURLToPath(new URL('./demo-postcodes/aberdeen-postcodes.csv', import.meta.url))

/** A small deterministic random generator (mulberry32), so the demo is the same every time. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const NEIGHBOURHOODS: { name: string; district: string }[] = [
  { name: 'Ferryhill', district: 'AB11' },
  { name: 'Torry', district: 'AB11' },
  { name: 'Holburn', district: 'AB10' },
  { name: 'City Centre', district: 'AB10' },
  { name: 'Kincorth', district: 'AB12' },
  { name: 'Cove Bay', district: 'AB12' },
  { name: 'Milltimber', district: 'AB13' },
  { name: 'Peterculter', district: 'AB14' },
  { name: 'Rosemount', district: 'AB15' },
  { name: 'Hazlehead', district: 'AB15' },
  { name: 'Cults', district: 'AB15' },
  { name: 'Mannofield', district: 'AB15' },
  { name: 'Northfield', district: 'AB16' },
  { name: 'Mastrick', district: 'AB16' },
  { name: 'Sheddocksley', district: 'AB16' },
  { name: 'Middlefield', district: 'AB16' },
]

const VENUES = ['Community Centre', 'Parish Church Hall', 'Library', 'Community Hub', 'Sports Centre']

interface Kind {
  name: string
  organization: string
  description: string
  needs: string[]
  ways: string[]
  byday: string
  freq?: 'WEEKLY' | 'MONTHLY'
  interval?: number
  opens: string
  closes: string
  cost?: number
  costOption?: string
  welcome?: 'open' | 'invitation-only'
  howToJoin?: 'signpost' | 'direct-referral' | 'accompany-first-visit'
  minimumAge?: number
  maximumAge?: number
  complex?: boolean
  eligibility?: string
  venue?: string
}

const KINDS: Kind[] = [
  {
    name: 'Health walk',
    organization: 'Paths for All Granite City',
    description:
      'A short, gentle walk of about an hour at an easy pace, led by trained volunteers. Everyone is welcome, whatever their fitness, and there is tea afterwards.',
    needs: ['physical-inactivity', 'loneliness', 'low-mood', 'long-term-conditions'],
    ways: ['be-active', 'connect', 'take-notice'],
    byday: 'TU',
    opens: '18:00',
    closes: '19:00',
    venue: 'Park gates',
  },
  {
    name: 'Morning health walk',
    organization: 'Paths for All Granite City',
    description: 'A gentle morning walk of 30 to 60 minutes with a walk leader. Stops for a rest on the way.',
    needs: ['physical-inactivity', 'loneliness'],
    ways: ['be-active', 'connect'],
    byday: 'TH',
    opens: '10:00',
    closes: '11:00',
    venue: 'Park gates',
  },
  {
    name: 'Running club beginners group',
    organization: 'Granite City Harriers',
    description:
      'Couch to 5k for complete beginners. Run-walk in a friendly group, with coaches who go at the pace of the slowest runner.',
    needs: ['physical-inactivity', 'weight', 'low-mood'],
    ways: ['be-active', 'connect'],
    byday: 'WE',
    opens: '18:30',
    closes: '19:30',
    cost: 2,
    costOption: 'per session',
    minimumAge: 16,
  },
  {
    name: 'Community drama group',
    organization: 'Curtain Up Theatre Company',
    description:
      'Try acting, improvisation and backstage work. No experience needed. Performances twice a year for those who want to.',
    needs: ['loneliness', 'low-mood'],
    ways: ['connect', 'keep-learning'],
    byday: 'MO',
    opens: '19:00',
    closes: '21:00',
    cost: 3,
    costOption: 'per session',
    minimumAge: 16,
  },
  {
    name: 'Trampoline park quiet hours',
    organization: 'Bounce Granite City',
    description: 'Quiet sessions with low music, dimmed lights and fewer people, for people who find busy places hard.',
    needs: ['physical-inactivity', 'low-mood'],
    ways: ['be-active'],
    byday: 'SU',
    opens: '09:00',
    closes: '10:00',
    cost: 6,
    costOption: 'per hour',
    venue: 'Trampoline Park',
  },
  {
    name: 'Luncheon club',
    organization: 'Age Well Granite City',
    description:
      'A hot two-course lunch and good company for older people. Transport can be arranged for people who cannot get there.',
    needs: ['loneliness', 'bereavement'],
    ways: ['connect'],
    byday: 'WE',
    opens: '12:00',
    closes: '14:00',
    cost: 4.5,
    costOption: 'per lunch',
    minimumAge: 60,
  },
  {
    name: 'Singing for lung health (COPD)',
    organization: 'Breathe Easy Granite City',
    description:
      'Singing exercises that help with breathing control, for people living with COPD and other lung conditions. No singing experience needed.',
    needs: ['long-term-conditions', 'loneliness'],
    ways: ['connect', 'be-active'],
    byday: 'TH',
    opens: '14:00',
    closes: '15:30',
    eligibility: 'People with COPD or another long-term lung condition',
    minimumAge: 18,
  },
  {
    name: 'Carers support group',
    organization: 'Granite City Carers Centre',
    description:
      'Meet other unpaid carers, share tips and get information about carers’ rights, breaks and benefits. Someone can sit with the person you care for if needed.',
    needs: ['caring', 'low-mood', 'loneliness'],
    ways: ['connect'],
    byday: '1TU',
    freq: 'MONTHLY',
    opens: '10:30',
    closes: '12:00',
    eligibility: 'Unpaid carers of any age',
  },
  {
    name: 'Debt advice clinic',
    organization: 'Citizens Advice Granite City',
    description:
      'Free, confidential advice on debts, bills and budgeting from trained advisers. Bring any letters you have.',
    needs: ['debt', 'benefits', 'housing'],
    ways: [],
    byday: 'TU',
    opens: '09:30',
    closes: '12:30',
    howToJoin: 'direct-referral',
    complex: true,
  },
  {
    name: 'Benefits advice drop-in',
    organization: 'Citizens Advice Granite City',
    description: 'Help to check what you are entitled to, fill in forms and prepare for assessments.',
    needs: ['benefits', 'debt'],
    ways: [],
    byday: 'TH',
    opens: '13:30',
    closes: '16:00',
    complex: true,
  },
  {
    name: 'Men’s shed',
    organization: 'Granite City Men’s Sheds',
    description: 'A workshop space to make, mend and chat. Woodwork, repairs and tea. Women welcome on open days.',
    needs: ['loneliness', 'low-mood', 'bereavement'],
    ways: ['connect', 'keep-learning', 'give'],
    byday: 'MO,TH',
    opens: '10:00',
    closes: '15:00',
    cost: 1,
    costOption: 'per visit for tea',
  },
  {
    name: 'Knit and natter',
    organization: 'Granite City Libraries',
    description: 'Bring your knitting, crochet or sewing, or learn from scratch. Needles and wool provided.',
    needs: ['loneliness'],
    ways: ['connect', 'keep-learning', 'take-notice'],
    byday: 'FR',
    opens: '14:00',
    closes: '16:00',
    venue: 'Library',
  },
  {
    name: 'Telephone befriending',
    organization: 'Age Well Granite City',
    description: 'A friendly volunteer phones you each week for a chat, at a time that suits you.',
    needs: ['loneliness', 'bereavement'],
    ways: ['connect'],
    byday: 'MO',
    opens: '10:00',
    closes: '16:00',
    howToJoin: 'direct-referral',
    minimumAge: 60,
    venue: '',
  },
  {
    name: 'Digital skills drop-in',
    organization: 'Granite City Libraries',
    description:
      'One-to-one help with phones, tablets and computers: video calls, online shopping, NHS app, staying safe online. Devices to borrow.',
    needs: ['digital-exclusion', 'loneliness'],
    ways: ['keep-learning'],
    byday: 'WE',
    opens: '10:00',
    closes: '12:00',
    venue: 'Library',
  },
  {
    name: 'Community garden',
    organization: 'Grow Granite City',
    description:
      'Grow fruit and vegetables together, learn gardening skills and take produce home. Tools and gloves provided.',
    needs: ['low-mood', 'physical-inactivity', 'loneliness'],
    ways: ['be-active', 'take-notice', 'give'],
    byday: 'SA',
    opens: '10:00',
    closes: '13:00',
    venue: 'Community Garden',
  },
  {
    name: 'Bereavement support group',
    organization: 'Cruse Bereavement Support Granite City',
    description: 'A safe space to talk with others who have lost someone, led by trained volunteers.',
    needs: ['bereavement', 'low-mood'],
    ways: ['connect'],
    byday: '2WE',
    freq: 'MONTHLY',
    opens: '18:30',
    closes: '20:00',
    welcome: 'invitation-only',
    howToJoin: 'accompany-first-visit',
  },
  {
    name: 'Chair-based exercise',
    organization: 'Active Granite City',
    description: 'Gentle seated exercise to music to improve strength, balance and mobility.',
    needs: ['physical-inactivity', 'long-term-conditions'],
    ways: ['be-active', 'connect'],
    byday: 'TU,FR',
    opens: '11:00',
    closes: '12:00',
    cost: 2.5,
    costOption: 'per class',
    minimumAge: 50,
  },
  {
    name: 'Weight management group',
    organization: 'Active Granite City',
    description: 'Twelve weekly sessions on eating well and moving more, with a weigh-in for those who want it.',
    needs: ['weight', 'physical-inactivity', 'long-term-conditions'],
    ways: ['be-active', 'keep-learning'],
    byday: 'MO',
    opens: '18:00',
    closes: '19:30',
    howToJoin: 'direct-referral',
    minimumAge: 18,
  },
  {
    name: 'Recovery cafe',
    organization: 'Granite City Recovery Network',
    description: 'A relaxed cafe run by people in recovery from alcohol and drugs. Peer support, food and activities.',
    needs: ['substance-use', 'loneliness', 'low-mood'],
    ways: ['connect', 'give'],
    byday: 'SA',
    opens: '12:00',
    closes: '15:00',
    complex: true,
    minimumAge: 18,
  },
  {
    name: 'Mindfulness course',
    organization: 'Granite City Wellbeing Service',
    description: 'An eight-week introduction to mindfulness for stress, low mood and anxiety.',
    needs: ['low-mood'],
    ways: ['take-notice', 'keep-learning'],
    byday: 'TH',
    opens: '18:30',
    closes: '20:00',
    welcome: 'invitation-only',
    howToJoin: 'direct-referral',
    minimumAge: 18,
  },
  {
    name: 'Volunteering taster',
    organization: 'Volunteer Granite City',
    description:
      'Try volunteering for a morning with local charities and find something that suits you. A step towards work for some people.',
    needs: ['employment', 'loneliness', 'low-mood'],
    ways: ['give', 'connect'],
    byday: 'WE',
    opens: '10:00',
    closes: '12:00',
  },
  {
    name: 'Job club',
    organization: 'Granite City Employability',
    description: 'Help with CVs, applications and interviews, and computers to job search.',
    needs: ['employment', 'digital-exclusion', 'debt'],
    ways: ['keep-learning'],
    byday: 'TU',
    opens: '13:00',
    closes: '15:30',
    minimumAge: 16,
  },
  {
    name: 'Housing advice surgery',
    organization: 'Shelter Scotland Granite City',
    description: 'Advice on renting, repairs, eviction and homelessness.',
    needs: ['housing'],
    ways: [],
    byday: 'FR',
    opens: '10:00',
    closes: '13:00',
    complex: true,
  },
  {
    name: 'Parkrun volunteering',
    organization: 'Granite City Parkrun',
    description: 'Help at the Saturday 5k: marshal, time-keep or scan barcodes. Walk or run it another week.',
    needs: ['physical-inactivity', 'loneliness'],
    ways: ['give', 'be-active', 'connect'],
    byday: 'SA',
    opens: '08:45',
    closes: '10:00',
    venue: 'Park',
  },
  {
    name: 'Art group',
    organization: 'Creative Granite City',
    description: 'Painting and drawing for all abilities. Materials provided. Exhibition each summer.',
    needs: ['low-mood', 'loneliness'],
    ways: ['take-notice', 'keep-learning', 'connect'],
    byday: 'WE',
    opens: '14:00',
    closes: '16:00',
    cost: 3,
    costOption: 'per session',
  },
  {
    name: 'Dementia cafe',
    organization: 'Alzheimer Scotland Granite City',
    description:
      'A welcoming cafe for people living with dementia and those who care for them, with activities and advice.',
    needs: ['caring', 'long-term-conditions', 'loneliness'],
    ways: ['connect'],
    byday: '3TH',
    freq: 'MONTHLY',
    opens: '14:00',
    closes: '16:00',
  },
  {
    name: 'Swimming for beginners',
    organization: 'Active Granite City',
    description: 'Adult swimming lessons in a quiet pool for people who never learned or lost confidence.',
    needs: ['physical-inactivity', 'weight'],
    ways: ['be-active', 'keep-learning'],
    byday: 'TH',
    opens: '19:00',
    closes: '20:00',
    cost: 4,
    costOption: 'per lesson',
    minimumAge: 18,
    venue: 'Swimming Pool',
  },
  {
    name: 'Community choir',
    organization: 'Sing Granite City',
    description: 'A friendly choir singing pop, folk and songs from the shows. No auditions, no need to read music.',
    needs: ['loneliness', 'low-mood'],
    ways: ['connect', 'keep-learning'],
    byday: 'TU',
    interval: 2,
    opens: '19:00',
    closes: '21:00',
    cost: 2,
    costOption: 'per session',
  },
  {
    name: 'Food pantry',
    organization: 'Granite City Food Network',
    description: 'Choose £15 of groceries for £3.50 a week. Membership is free and there is no referral needed.',
    needs: ['debt', 'benefits'],
    ways: [],
    byday: 'FR',
    opens: '12:00',
    closes: '15:00',
    cost: 3.5,
    costOption: 'per weekly shop',
  },
  {
    name: 'Board games night',
    organization: 'Granite City Libraries',
    description: 'Play board games and card games with others. Games provided, teaching included.',
    needs: ['loneliness'],
    ways: ['connect', 'keep-learning'],
    byday: 'TH',
    opens: '18:00',
    closes: '20:30',
    venue: 'Library',
  },
]

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!
}

function withoutAge(listing: ListingSnapshot & { ageDays: number | null }): ListingSnapshot {
  const copy: Partial<typeof listing> = { ...listing }
  delete copy.ageDays
  return copy as ListingSnapshot
}

/** Builds the demo listings (deterministic: same seed, same listings). */
export function demoListings(
  rng: () => number,
  count: number,
  postcodesByDistrict: Map<string, { postcode: string; latitude: number; longitude: number }[]>,
): (ListingSnapshot & { ageDays: number | null })[] {
  const listings: (ListingSnapshot & { ageDays: number | null })[] = []
  // The "done when" listing first: a free Tuesday-evening walk under 2 km from AB10 1AA, open to newcomers.
  listings.push({
    ...fromKind(KINDS[0]!, 'Duthie Park', { postcode: 'AB11 7TH', latitude: 57.1318, longitude: -2.0966 }, rng),
    ageDays: 12,
  })
  for (let i = 1; listings.length < count; i++) {
    const kind = KINDS[i % KINDS.length]!
    const neighbourhood = NEIGHBOURHOODS[Math.floor(i / KINDS.length) % NEIGHBOURHOODS.length]!
    const candidates = postcodesByDistrict.get(neighbourhood.district) ?? []
    if (candidates.length === 0) continue
    const place = pick(rng, candidates)
    const listing = fromKind(kind, neighbourhood.name, place, rng)
    const roll = rng()
    // A realistic mix of freshness: most checked this quarter, some overdue, a few never checked.
    const ageDays = roll < 0.7 ? Math.floor(rng() * 85) : roll < 0.92 ? 95 + Math.floor(rng() * 200) : null
    listings.push({ ...listing, ageDays })
  }
  return listings
}

function fromKind(
  kind: Kind,
  neighbourhood: string,
  place: { postcode: string; latitude: number; longitude: number },
  rng: () => number,
): ListingSnapshot {
  const capacityRoll = rng()
  const venueKind = kind.venue === undefined ? pick(rng, VENUES) : kind.venue
  const slug = kind.organization
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '')
  return {
    organizationId: null,
    organizationName: kind.organization,
    service: {
      name: `${neighbourhood} ${kind.name.charAt(0).toLowerCase()}${kind.name.slice(1)}`.replace(/^(\w)/, (c) =>
        c.toUpperCase(),
      ),
      description: kind.description,
      url: `https://${slug}.example.org`,
      email: null,
      status: rng() < 0.03 ? 'temporarily closed' : 'active',
      minimumAge: kind.minimumAge ?? null,
      maximumAge: kind.maximumAge ?? null,
      eligibilityDescription: kind.eligibility ?? null,
      feesDescription: null,
      welcome: kind.welcome ?? 'open',
      suitableForComplexNeeds: kind.complex ?? false,
      capacity: capacityRoll < 0.75 ? 'capacity' : capacityRoll < 0.92 ? 'waitlist' : 'no-capacity',
      howToJoin: kind.howToJoin ?? 'signpost',
      public: true,
    },
    needs: [...kind.needs].sort(),
    ways: [...kind.ways].sort(),
    location:
      venueKind === ''
        ? null
        : {
            name:
              neighbourhood.endsWith('Park') && venueKind.startsWith('Park')
                ? `${neighbourhood} gates`
                : `${neighbourhood} ${venueKind}`,
            address1: `${1 + Math.floor(rng() * 120)} ${pick(rng, ['Union Street', 'King Street', 'Great Western Road', 'Holburn Street', 'Victoria Road', 'Skene Street', 'Rosemount Place', 'Mastrick Drive', 'Provost Fraser Drive', 'North Deeside Road'])}`,
            address2: null,
            city: 'Aberdeen',
            postalCode: place.postcode,
            latitude: place.latitude,
            longitude: place.longitude,
            accessibility: ['step-free', 'accessible-toilet', 'hearing-loop', 'parking', 'quiet-space']
              .filter(() => rng() < 0.5)
              .sort(),
            accessibilityNote: null,
          },
    schedules: [
      {
        freq: kind.freq ?? 'WEEKLY',
        interval: kind.interval ?? 1,
        byday: kind.byday,
        opensAt: kind.opens,
        closesAt: kind.closes,
        description: null,
      },
    ],
    costs: kind.cost ? [{ option: kind.costOption ?? null, amount: kind.cost, amountDescription: null }] : [],
    contact: {
      name:
        pick(rng, ['Moira', 'Callum', 'Aileen', 'Graeme', 'Shona', 'Fraser', 'Isla', 'Euan']) +
        ' ' +
        pick(rng, ['Gordon', 'Duncan', 'Forbes', 'Leslie', 'Ross', 'Innes']),
      email: `hello@${slug}.example.org`,
      phone: `01224 ${String(100000 + Math.floor(rng() * 899999))}`,
    },
  }
}

/**
 * The demo area's directory: Aberdeen postcodes, then a few hundred community services around them with a
 * realistic mix of freshness, cost, schedules and capacity, two provider changes waiting for review and
 * some feedback. Skips itself when the area already has listings.
 */
export async function seedDirectory(
  db: Database,
  area: { areaId: string; editorUserId: string | null; count?: number },
): Promise<{ services: number }> {
  await ensureReferenceTaxonomies(db)
  const [existing] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(directoryServices)
    .where(eq(directoryServices.areaId, area.areaId))
  if ((existing?.count ?? 0) > 0) return { services: 0 }
  await importPostcodesFromCsv(db, DEMO_POSTCODES_CSV)
  const rows = await db
    .select({ postcode: postcodes.postcode, latitude: postcodes.latitude, longitude: postcodes.longitude })
    .from(postcodes)
    .where(and(sql`${postcodes.postcode} like 'AB1%'`, sql`${postcodes.terminatedOn} is null`))
    .orderBy(postcodes.postcode)
  const byDistrict = new Map<string, { postcode: string; latitude: number; longitude: number }[]>()
  for (const row of rows) {
    const district = row.postcode.split(' ')[0]!
    byDistrict.set(district, [...(byDistrict.get(district) ?? []), row])
  }
  const rng = seededRandom(20_261_122)
  const listings = demoListings(rng, area.count ?? 320, byDistrict)
  const { today } = ukNow()
  await db.transaction(async (tx) => {
    const scope = { areaId: area.areaId, db: tx }
    const organizationIds = new Map<string, string>()
    const serviceIds: string[] = []
    for (const listing of listings) {
      let organizationId = organizationIds.get(listing.organizationName)
      if (!organizationId) {
        organizationId = await insertOrganization(scope, {
          name: listing.organizationName,
          description: `${listing.organizationName} runs community groups and services across Granite City.`,
          accreditedProvider: rng() < 0.4,
          website: listing.service.url,
        })
        organizationIds.set(listing.organizationName, organizationId)
      }
      const assuredDate =
        listing.ageDays === null
          ? null
          : new Date(Date.parse(`${today}T00:00:00Z`) - listing.ageDays * 86_400_000).toISOString().slice(0, 10)
      const snapshot = withoutAge(listing)
      const saved = { ...snapshot, organizationId }
      const { serviceId, version } = await writeListing(
        scope,
        null,
        { ...saved, organizationId },
        assuredDate ? { date: assuredDate, name: 'Lorna Mackay', email: 'lorna.mackay@waymark.example' } : null,
      )
      await insertVersion(scope, {
        serviceId,
        state: 'approved',
        baseVersion: version,
        snapshot: saved,
        source: 'staff',
        submittedByUserId: area.editorUserId,
        decidedByUserId: area.editorUserId,
        decidedAt: new Date(),
      })
      serviceIds.push(serviceId)
    }
    // Two providers have sent changes that wait for the editor.
    for (const index of [3, 8]) {
      const listing = listings[index]!
      const snapshot = withoutAge(listing)
      await insertVersion(scope, {
        serviceId: serviceIds[index]!,
        state: 'pending',
        baseVersion: 1,
        snapshot: {
          ...snapshot,
          organizationId: organizationIds.get(listing.organizationName),
          service: {
            ...snapshot.service,
            capacity: 'waitlist',
            description: `${snapshot.service.description} We now also meet in the school holidays.`,
          },
          schedules: snapshot.schedules.map((s) => ({ ...s, opensAt: '18:30', closesAt: '20:00' })),
        },
        source: 'provider',
        submittedByEmail: listing.contact.email,
      })
    }
    // Feedback on the first services, deterministic.
    for (const [index, serviceId] of serviceIds.slice(0, 40).entries()) {
      for (let n = 0; n < 1 + (index % 4); n++) {
        await insertFeedback(scope, {
          serviceId,
          source: n % 2 === 0 ? 'link-worker' : 'person',
          userId: null,
          welcoming: rng() < 0.85,
          wouldRecommend: rng() < 0.8,
          comment:
            n === 0
              ? pick(rng, [
                  'Really friendly, she has been every week since.',
                  'Went with him the first time; the leader made a point of introducing him.',
                  'A bit noisy for her, but she liked the people.',
                  'Lovely group, tea and cake after.',
                ])
              : null,
          idempotencyKey: `demo-${index}-${n}`,
        })
      }
    }
    await appendAuditEvent(
      tx,
      { userId: null, organisationId: null, role: 'system', ipAddress: null, correlationId: 'demo-seed' },
      {
        action: 'directory.seed',
        recordType: 'directory-area',
        recordId: area.areaId,
        details: { services: serviceIds.length },
      },
    )
  })
  return { services: listings.length }
}

/** The demo seed step (src/seed/demo.ts): the council's area gets the directory, Lorna Mackay edits it. */
export async function seedDemoDirectory(
  db: Database,
  area: { organisations: ReadonlyMap<string, { areaId: string }>; users: ReadonlyMap<string, string> },
): Promise<void> {
  const council = area.organisations.get('council') ?? [...area.organisations.values()][0]
  if (!council) return
  await seedDirectory(db, { areaId: council.areaId, editorUserId: area.users.get('editor') ?? null })
}
