// SPDX-License-Identifier: AGPL-3.0-or-later
// The plan leaflet: what a person keeps after agreeing their plan, so they (and their family and the other
// services involved) remember who their link worker is, how to reach them and what they are working on
// together (the Brightlife leaflet in the Ageing Better seed). The page and the PDF print the same words.
import type { LeafletProfile } from '../casework/index.ts'
import { FIVE_WAY_LABELS, isFiveWay } from './plan.ts'

/** The plan version a leaflet prints: the newest agreed one, or the newest draft when none is agreed yet. */
export interface LeafletPlan {
  id: string
  version: number
  status: 'agreed' | 'draft'
  agreedOn: string | null
  reviewOn: string | null
  nextSteps: string
  goals: { goalKey: string; inTheirWords: string; fiveWays: string[] }[]
  actions: { goalKey: string | null; what: string; who: string; byWhen: string | null; done: boolean }[]
  services: { goalKey: string | null; directoryServiceId: string | null; name: string; details: string }[]
}

/** How to reach a directory service, read from its listing when the plan links one. */
export interface ServiceContact {
  /** When it runs ("Every Tuesday, 6pm to 7:30pm") and the next session, from the directory. */
  when: string[]
  next: string | null
  phone: string | null
  email: string | null
  website: string | null
  address: string | null
}

export interface LeafletData {
  referralId: string
  reference: string
  personName: string
  plan: LeafletPlan
  linkWorker: LeafletProfile
  /** Contact details by directory service id, for the services still listed as open. */
  serviceContacts: ReadonlyMap<string, ServiceContact>
  /** The episode's next review, when the plan has no review date of its own. */
  episodeNextReviewOn: string | null
  /** What matters to the person, in their words: the latest conversation, else what the referrer wrote. */
  whatMatters: string | null
  /** The groups the person is connected to (from the connections module), with their first-session arrangements. */
  connections?: readonly LeafletConnection[]
}

/** A group the person is connected to, as their leaflet prints it. */
export interface LeafletConnection {
  directoryServiceId: string
  serviceName: string
  firstSession: string | null
  goingWithYou: string | null
  checkInCode: string | null
}

export const LEAFLET_SIZES = ['standard', 'large'] as const
export type LeafletSize = (typeof LEAFLET_SIZES)[number]

export function leafletSizeFrom(value: string): LeafletSize {
  return value === 'large' ? 'large' : 'standard'
}

export const URGENT_HELP =
  'If you need help urgently, call NHS 111 or go to 111.nhs.uk. In an emergency, call 999. ' +
  'Your link worker cannot respond to emergencies.'

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
})

/** 12 March 2026: the long form, which reads aloud and prints unambiguously. */
export function longDate(iso: string): string {
  return dateFormat.format(new Date(`${iso}T12:00:00Z`))
}

export interface LeafletAction {
  what: string
  who: string
  byWhen: string | null
  done: boolean
}

export interface LeafletService {
  name: string
  details: string
  /** Label and value pairs, in the order they print: phone, email, website, address. */
  contact: [string, string][]
}

export interface LeafletGoal {
  number: number
  inTheirWords: string
  /** The five ways to wellbeing the goal works on, as words (the leaflet uses no icons). */
  workingOn: string | null
  actions: LeafletAction[]
  services: LeafletService[]
}

export interface LeafletView {
  title: string
  serviceName: string
  personName: string
  reference: string
  draft: boolean
  status: string
  linkWorker: {
    name: string
    phone: string | null
    email: string | null
    availability: string | null
    photoHref: string | null
    photoAlt: string
  }
  goals: LeafletGoal[]
  /** Actions and services agreed for the plan as a whole rather than one goal. */
  otherActions: LeafletAction[]
  otherServices: LeafletService[]
  nextSteps: string | null
  nextReview: string | null
  urgentHelp: string
  whatMatters: string | null
}

function presentAction(action: LeafletPlan['actions'][number]): LeafletAction {
  return {
    what: action.what,
    who: action.who,
    byWhen: action.byWhen ? longDate(action.byWhen) : null,
    done: action.done,
  }
}

function presentService(
  service: Pick<LeafletPlan['services'][number], 'name' | 'details' | 'directoryServiceId'>,
  contacts: ReadonlyMap<string, ServiceContact>,
  connections: readonly LeafletConnection[] = [],
): LeafletService {
  const found = service.directoryServiceId ? contacts.get(service.directoryServiceId) : undefined
  const contact: [string, string][] = []
  if (found && found.when.length > 0) contact.push(['When', found.when.join('; ')])
  if (found?.next) contact.push(['Next session', found.next])
  if (found?.phone) contact.push(['Phone', found.phone])
  if (found?.email) contact.push(['Email', found.email])
  if (found?.website) contact.push(['Website', found.website])
  if (found?.address) contact.push(['Address', found.address])
  const connected = service.directoryServiceId
    ? connections.find((c) => c.directoryServiceId === service.directoryServiceId)
    : undefined
  if (connected) contact.push(...connectionRows(connected))
  return { name: service.name, details: service.details, contact }
}

function connectionRows(connection: LeafletConnection): [string, string][] {
  const rows: [string, string][] = []
  if (connection.firstSession) rows.push(['Your first session', connection.firstSession])
  if (connection.goingWithYou) rows.push(['Going with you', connection.goingWithYou])
  if (connection.checkInCode) rows.push(['Your check-in code', connection.checkInCode])
  return rows
}

/** Turns a plan and the link worker's profile into the leaflet's words, shared by the page and the PDF. */
export function presentLeaflet(data: LeafletData, serviceName: string): LeafletView {
  const { plan, linkWorker } = data
  const goalKeys = new Set(plan.goals.map((g) => g.goalKey))
  // An action or service linked to a goal that is not in this version is shown with the plan as a whole.
  const belongsTo = (goalKey: string | null): string | null => (goalKey && goalKeys.has(goalKey) ? goalKey : null)
  const goals = plan.goals.map((goal, index) => {
    const ways = goal.fiveWays.filter(isFiveWay).map((w) => FIVE_WAY_LABELS[w])
    return {
      number: index + 1,
      inTheirWords: goal.inTheirWords,
      workingOn: ways.length > 0 ? ways.join(', ') : null,
      actions: plan.actions.filter((a) => belongsTo(a.goalKey) === goal.goalKey).map(presentAction),
      services: plan.services
        .filter((s) => belongsTo(s.goalKey) === goal.goalKey)
        .map((s) => presentService(s, data.serviceContacts, data.connections)),
    }
  })
  // Groups they were connected to that are not on the plan (chosen from the suggestions): with the plan as a whole.
  const onPlan = new Set(plan.services.map((s) => s.directoryServiceId))
  const connectedOnly = (data.connections ?? [])
    .filter((c) => !onPlan.has(c.directoryServiceId))
    .map((c) =>
      presentService(
        { name: c.serviceName, details: '', directoryServiceId: c.directoryServiceId },
        data.serviceContacts,
        data.connections,
      ),
    )
  const reviewOn = plan.reviewOn ?? data.episodeNextReviewOn
  return {
    title: `Your plan with ${linkWorker.name}`,
    serviceName,
    personName: data.personName,
    reference: data.reference,
    draft: plan.status === 'draft',
    status:
      plan.status === 'draft'
        ? 'Draft – not yet agreed'
        : plan.agreedOn
          ? `Agreed on ${longDate(plan.agreedOn)}`
          : 'Agreed',
    linkWorker: {
      name: linkWorker.name,
      phone: linkWorker.workPhone || null,
      email: linkWorker.workEmail || null,
      availability: linkWorker.availability || null,
      photoHref: linkWorker.photoHref,
      photoAlt: `Photo of ${linkWorker.name}`,
    },
    goals,
    otherActions: plan.actions.filter((a) => belongsTo(a.goalKey) === null).map(presentAction),
    otherServices: plan.services
      .filter((s) => belongsTo(s.goalKey) === null)
      .map((s) => presentService(s, data.serviceContacts, data.connections))
      .concat(connectedOnly),
    nextSteps: plan.nextSteps.trim() || null,
    nextReview: reviewOn ? longDate(reviewOn) : null,
    urgentHelp: URGENT_HELP,
    whatMatters: data.whatMatters?.trim() || null,
  }
}

/** One line per action, as both the page and the PDF print it. */
export function describeAction(action: LeafletAction): string {
  const parts = [action.what.replace(/[.\s]+$/, '')]
  if (action.who) parts.push(`Who: ${action.who}`)
  if (action.byWhen) parts.push(`By: ${action.byWhen}`)
  if (action.done) parts.push('Done')
  return parts.join('. ')
}
