// SPDX-License-Identifier: AGPL-3.0-or-later
// The vocabularies a listing is tagged with (needs, five ways to wellbeing, LGA service types, accessibility). Ids are
// uuid v5 of the URI, so every installation, and every feed we publish, agrees on them.
import { createHash } from 'node:crypto'

// ---------------------------------------------------------------------------------------------------------
// Taxonomies. Ids are uuid v5 of the URI, so every installation (and every feed we publish) agrees on them.

const WAYMARK_NAMESPACE = '7c1a4c5e-5b0f-4f7e-9d83-2b7e7f0d6a11'

/** RFC 4122 name-based uuid (version 5, SHA-1). */
export function uuidV5(name: string, namespace = WAYMARK_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex')
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

export interface TaxonomyTermDefinition {
  code: string
  name: string
  description: string
  termUri?: string
}

export interface TaxonomyDefinition {
  /** Our short key, used in URLs and attribute link types. */
  key: string
  name: string
  description: string
  uri: string
  version?: string
  terms: readonly TaxonomyTermDefinition[]
}

export const FIVE_WAYS_TAXONOMY: TaxonomyDefinition = {
  key: 'five-ways',
  name: 'Five Ways to Wellbeing',
  description:
    'The five ways to wellbeing from the New Economics Foundation (2008), for the Government Foresight Project on Mental Capital and Wellbeing.',
  uri: 'urn:waymark:taxonomy:five-ways-to-wellbeing',
  version: '2008',
  terms: [
    {
      code: 'connect',
      name: 'Connect',
      description: 'Connect with the people around you: family, friends, colleagues, neighbours.',
    },
    {
      code: 'be-active',
      name: 'Be active',
      description: 'Go for a walk or run, step outside, cycle, play a game, garden, dance.',
    },
    {
      code: 'take-notice',
      name: 'Take notice',
      description: 'Be curious, notice the changing seasons, savour the moment.',
    },
    {
      code: 'keep-learning',
      name: 'Keep learning',
      description: 'Try something new, rediscover an old interest, sign up for a course.',
    },
    {
      code: 'give',
      name: 'Give',
      description: 'Do something nice for a friend or stranger, volunteer, join a community group.',
    },
  ],
}

export const NEEDS_TAXONOMY: TaxonomyDefinition = {
  key: 'needs',
  name: 'Social prescribing needs',
  description: 'The reasons people are referred to social prescribing, as link workers record them.',
  uri: 'urn:waymark:taxonomy:needs',
  version: '1',
  terms: [
    {
      code: 'loneliness',
      name: 'Loneliness or isolation',
      description: 'Feeling lonely or cut off from other people.',
      termUri: 'http://id.esd.org.uk/need/69',
    },
    { code: 'low-mood', name: 'Low mood or anxiety', description: 'Feeling down, stressed or anxious.' },
    { code: 'bereavement', name: 'Bereavement', description: 'Coping after someone has died.' },
    { code: 'caring', name: 'Caring for someone', description: 'Looking after a relative or friend.' },
    { code: 'debt', name: 'Debt or money worries', description: 'Debts, bills and budgeting.' },
    { code: 'benefits', name: 'Benefits', description: 'Claiming or keeping benefits.' },
    { code: 'housing', name: 'Housing', description: 'Housing problems, repairs or homelessness.' },
    { code: 'employment', name: 'Employment', description: 'Finding or keeping work, volunteering as a step to work.' },
    { code: 'physical-inactivity', name: 'Physical inactivity', description: 'Wanting to move more.' },
    { code: 'weight', name: 'Weight', description: 'Managing weight and eating well.' },
    {
      code: 'long-term-conditions',
      name: 'Living with a long-term condition',
      description: 'Managing a long-term physical or mental health condition.',
    },
    {
      code: 'substance-use',
      name: 'Alcohol or drug use',
      description: 'Cutting down or stopping alcohol or drug use.',
    },
    {
      code: 'digital-exclusion',
      name: 'Getting online',
      description: 'Using a phone, tablet or computer with confidence.',
    },
  ],
}

/**
 * A small subset of the LGA/esd service types (http://id.esd.org.uk/list/services), only terms whose ids we
 * have checked. Load the full list with `loadTaxonomy` from the esd download.
 */
export const ESD_SERVICE_TYPES_TAXONOMY: TaxonomyDefinition = {
  key: 'esd-service-types',
  name: 'LGA service types (esd)',
  description: 'Local Government Association service types list.',
  uri: 'http://id.esd.org.uk/list/services',
  terms: [
    {
      code: '298',
      name: 'Carers support groups',
      description: 'Support groups for carers.',
      termUri: 'http://id.esd.org.uk/service/298',
    },
    {
      code: '242',
      name: 'Care at home',
      description: 'Care and support at home.',
      termUri: 'http://id.esd.org.uk/service/242',
    },
  ],
}

export const ACCESSIBILITY_TAXONOMY: TaxonomyDefinition = {
  key: 'accessibility',
  name: 'Venue accessibility',
  description: 'What a venue offers people with disabilities.',
  uri: 'urn:waymark:taxonomy:accessibility',
  version: '1',
  terms: [
    {
      code: 'step-free',
      name: 'Step-free access',
      description: 'No steps, or a ramp or lift, from the street to the activity.',
    },
    { code: 'accessible-toilet', name: 'Accessible toilet', description: 'A toilet suitable for wheelchair users.' },
    { code: 'hearing-loop', name: 'Hearing loop', description: 'An induction loop for hearing aid users.' },
    {
      code: 'parking',
      name: 'Blue badge parking',
      description: 'Parking for blue badge holders close to the entrance.',
    },
    { code: 'quiet-space', name: 'Quiet space', description: 'A quiet room or time for people who find noise hard.' },
  ],
}

export const REFERENCE_TAXONOMIES: readonly TaxonomyDefinition[] = [
  FIVE_WAYS_TAXONOMY,
  NEEDS_TAXONOMY,
  ESD_SERVICE_TYPES_TAXONOMY,
  ACCESSIBILITY_TAXONOMY,
]

export function taxonomyIdFor(uri: string): string {
  return uuidV5(uri)
}

export function termIdFor(taxonomyUri: string, code: string): string {
  return uuidV5(`${taxonomyUri}#${code}`)
}

/** Attribute link types we use for each of our taxonomies. */
export const LINK_TYPES = {
  'five-ways': 'way-to-wellbeing',
  needs: 'need',
  'esd-service-types': 'service-type',
  accessibility: 'accessibility',
} as const

export function needTermId(code: string): string {
  return termIdFor(NEEDS_TAXONOMY.uri, code)
}
export function wayTermId(code: string): string {
  return termIdFor(FIVE_WAYS_TAXONOMY.uri, code)
}
export function accessibilityTermId(code: string): string {
  return termIdFor(ACCESSIBILITY_TAXONOMY.uri, code)
}

export const NEED_CODES = NEEDS_TAXONOMY.terms.map((t) => t.code)
export const WAY_CODES = FIVE_WAYS_TAXONOMY.terms.map((t) => t.code)
export const ACCESSIBILITY_CODES = ACCESSIBILITY_TAXONOMY.terms.map((t) => t.code)

export function labelFor(taxonomy: TaxonomyDefinition, code: string): string {
  return taxonomy.terms.find((t) => t.code === code)?.name ?? code
}
